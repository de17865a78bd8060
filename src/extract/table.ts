/**
 * Indicator tables flattened by a scraper into one cell per line:
 *
 *     表1 “十四五”时期智能仓山建设量化目标
 *     类型 / 指标名称 / 单位 / 2020年 / 基期 / 2025年 / 目标 / 分年度目标      (header cells, split)
 *     数字 / 政府 / 区级行政许可事项网上可办率 / % / 89 / 99(全市水平98) / 年均提高2个百分点
 *     市“互联网+监管”事项区级认领率 / % / 85 / 100(全市水平) / 年均提高3个百分点
 *
 * Cells are separated by blank lines; an empty cell is a line of spaces, or is missing altogether. A
 * category (类型) is printed once for its group, sometimes split over two lines (数字 / 政府). So rows
 * are read by what their cells look like: text starts a row (the last text cell is the indicator, the
 * ones before it the category), then a unit, values and an annual target follow, and are put into the
 * header's columns by the best order-preserving fit (a value with a (全市水平…) reference is the
 * target; 年均… is the annual target).
 */

import { expectNumber, expectOptions, expectString } from '../arguments.js'
import type { Comparator, TableRow, TargetKind } from '../model'
import { loadMetricLexicon, loadUnitTable, type MetricLexicon, type UnitTable } from './data'
import { metricFamily } from './metric'
import { parseChineseNumber, round } from './numbers'
import { readUnit } from './quantities'
import { extractTargets, type TargetContext, type TargetDraft } from './targets'
import { foldWidth } from './text'

/** Columns a table can have. */
export type TableColumn = 'seq' | 'category' | 'indicator' | 'unit' | 'base' | 'target' | 'annual' | 'other'

export type TableRowDraft = Omit<TableRow, 'span'> & {
  span: [number, number]
  /** Where each printed cell is, relative to the text given to `parseFlattenedTable`. */
  cells: Partial<Record<'category' | 'indicator' | 'unit' | 'base' | 'target' | 'annual', [number, number]>>
}

export interface FlattenedTable {
  /** 表1 */
  label: string
  /** Title after the label. */
  title: string
  rows: TableRowDraft[]
  /** From the title line to the last cell. */
  span: [number, number]
  /** Columns in header order. */
  columns: TableColumn[]
  /** Year of the base column (2020年基期), or null. */
  baseYear: number | null
  /** Year of the target column (2025年目标), or null. */
  targetYear: number | null
}

export interface ParseTableOptions {
  /** Unit table; default the bundled `data/units.json`. */
  units?: UnitTable
  /** Metric lexicon (for `tableRowTargets`); default the bundled `data/metrics.json`. */
  metrics?: MetricLexicon
}

interface Cell {
  text: string
  start: number
  end: number
  type: 'empty' | 'na' | 'value' | 'annual' | 'unit' | 'text'
}

const TITLE = /^\s*(表\s*[0-9一二三四五六七八九十]+)\s*[:：.、]?\s*(.*?)\s*$/u
/** Lines that end a table: headings, notes, the next table. */
const STOP =
  /^(第[一二三四五六七八九十百\d]+[章节部篇]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|重点工程|专栏|表\s*[0-9一二三四五六七八九十]+|注[:：]|备注[:：]|资料来源|数据来源)/u
const NA = /^(\/|／|—+|-+|－|无|暂无|--)$/u
const ANNUAL = /^(年均|每年|逐年|年度|分年度)/u
const VALUE_LEAD =
  /^([>＞≥<＜≤约~]|不低于|不少于|不超过|不高于|超过|达到|达|提高|提升|增加|增长|降低|下降|减少|累计)?\s*[0-9.]/u

function classify(text: string, units: UnitTable): Cell['type'] {
  const t = foldWidth(text).trim()
  if (!t) return 'empty'
  if (NA.test(t)) return 'na'
  if (ANNUAL.test(t)) return 'annual'
  if (VALUE_LEAD.test(t)) {
    // 5G用户普及率 starts with a digit but is a name: a value is a number, its unit, a bracket.
    if (
      /^[^\u4e00-\u9fa5]*$/u.test(t) ||
      /[(（]/u.test(t) ||
      /^\D*[0-9.]+\s*(%|‰|个百分点|百分点)?(以上|以下|左右)?$/u.test(t)
    ) {
      return 'value'
    }
    if (/^(提高|提升|增加|增长|降低|下降|减少|达到|达|超过|不低于|不少于|不超过|不高于|累计)/u.test(t))
      return 'value'
  }
  if (
    t.length <= 8 &&
    (readUnit(t, units) || /^[^\s]{1,3}\/[^\s]{1,4}$/u.test(t) || /^(年|岁|倍|个\/万人|人\/万人)$/u.test(t))
  ) {
    return 'unit'
  }
  return 'text'
}

/** Header words and the column they name. */
function headerColumn(text: string): TableColumn | null {
  const t = text.replace(/\s+/gu, '')
  if (/^(序号|编号)$/u.test(t)) return 'seq'
  if (/^(类型|类别|分类|领域|一级指标|指标类型|指标类别)$/u.test(t)) return 'category'
  if (/^(指标名称|指标|二级指标|具体指标|主要指标)$/u.test(t)) return 'indicator'
  if (/^(单位|计量单位)$/u.test(t)) return 'unit'
  if (/^((19|20)\d{2}年)?(基期|基期值|现状|现状值|基数|基准值)$/u.test(t)) return 'base'
  if (/^((19|20)\d{2}年)?(目标|目标值|规划目标|预期目标)$/u.test(t)) return 'target'
  if (/^(分年度目标|年度目标|年均目标|年度分解目标)$/u.test(t)) return 'annual'
  if (/^(属性|指标属性|备注|说明|责任单位|牵头单位)$/u.test(t)) return 'other'
  if (/^(19|20)\d{2}年$/u.test(t)) return 'target' // a bare year: resolved below
  return null
}

/**
 * Read the flattened table whose title line starts at `start` in `text` (the whole document), or null
 * when no header follows the title. Spans are offsets into `text`.
 */
export function parseFlattenedTable(
  text: string,
  start: number,
  options: ParseTableOptions = {},
): FlattenedTable | null {
  expectString(text, 'parseFlattenedTable', 'text')
  expectNumber(start, 'parseFlattenedTable', 'start')
  expectOptions(options, 'parseFlattenedTable')
  const units = options.units ?? loadUnitTable()
  const titleEnd = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start)
  const titleLine = text.slice(start, titleEnd)
  const tm = TITLE.exec(foldWidth(titleLine))
  const label = tm ? (tm[1] as string).replace(/\s+/gu, '') : ''
  const title = tm ? (tm[2] as string) : titleLine.trim()

  // The cells: one per line, blank lines between; a line of spaces is an empty cell.
  const cells: Cell[] = []
  let pos = titleEnd + 1
  while (pos <= text.length && pos > 0) {
    let end = text.indexOf('\n', pos)
    if (end < 0) end = text.length
    const line = text.slice(pos, end)
    if (line.length > 0) {
      const lead = line.length - line.trimStart().length
      const trimmed = line.trim()
      cells.push({ text: trimmed, start: pos + lead, end: pos + lead + trimmed.length, type: 'empty' })
    }
    if (end >= text.length) break
    pos = end + 1
  }

  // Header: header words, a year and 基期/目标 split over two lines merged.
  const columns: TableColumn[] = []
  let baseYear: number | null = null
  let targetYear: number | null = null
  const years: number[] = []
  let i = 0
  for (; i < cells.length; i++) {
    const cell = cells[i] as Cell
    if (!cell.text) continue
    let word = cell.text
    const next = cells[i + 1]
    if (
      /^(19|20)\d{2}年$/u.test(word) &&
      next &&
      /^(基期|基期值|现状|现状值|目标|目标值)$/u.test(next.text)
    ) {
      word += next.text
      i++
    }
    const column = headerColumn(word)
    if (!column) break
    const y = /^((?:19|20)\d{2})年/u.exec(word)
    if (y) years.push(Number(y[1]))
    if (column === 'base' && y) baseYear = Number(y[1])
    if (column === 'target' && y) targetYear = Number(y[1])
    columns.push(column)
  }
  // Two bare years: the first is the base, the second the target.
  if (years.length === 2 && baseYear === null) {
    const first = columns.indexOf('target')
    if (first >= 0) columns[first] = 'base'
    baseYear = years[0] ?? null
    targetYear = years[1] ?? null
  }
  if (!columns.includes('indicator')) return null

  const after = columns.slice(columns.indexOf('indicator') + 1)
  const hasCategory =
    columns.indexOf('category') >= 0 && columns.indexOf('category') < columns.indexOf('indicator')
  const rows: TableRowDraft[] = []
  let pendingText: Cell[] = []
  let current: { head: Cell[]; values: Cell[] } | null = null
  let lastCategory: string | null = null
  let tableEnd = titleEnd
  const flush = () => {
    if (!current) return
    const row = buildRow(label, current.head, current.values, after, hasCategory, lastCategory)
    if (row) {
      rows.push(row)
      lastCategory = row.category
    }
    current = null
  }
  for (; i < cells.length; i++) {
    const cell = cells[i] as Cell
    if (cell.text && (STOP.test(cell.text) || (cell.text.length > 40 && /[，,。；;]/u.test(cell.text)))) break
    cell.type = classify(cell.text, units)
    if (cell.type === 'text') {
      flush()
      pendingText.push(cell)
    } else if (pendingText.length > 0) {
      current = { head: pendingText, values: [cell] }
      pendingText = []
    } else if (current) {
      current.values.push(cell)
    } else continue
    tableEnd = Math.max(tableEnd, cell.end)
  }
  flush()
  if (rows.length === 0) return null
  const lastRow = rows[rows.length - 1] as TableRowDraft
  return {
    label,
    title,
    rows,
    span: [start, Math.max(lastRow.span[1], tableEnd)],
    columns,
    baseYear,
    targetYear,
  }
}

const SCORES: Record<string, Partial<Record<Cell['type'], number>>> = {
  unit: { unit: 3, empty: 1 },
  base: { value: 2, na: 2, empty: 1 },
  target: { value: 2, na: 1, empty: 1 },
  annual: { annual: 3, na: 1, empty: 1, value: 0.5 },
  seq: { empty: 1, value: 0.2 },
  other: { empty: 1, text: 0.5, na: 1, value: 0.2, annual: 0.2 },
}

function score(cell: Cell, column: TableColumn): number {
  const hasReference = /[(（].*[)）]\s*$/u.test(cell.text)
  if (column === 'target' && cell.type === 'value' && hasReference) return 3
  if (column === 'base' && cell.type === 'value' && hasReference) return 0.5
  return SCORES[column]?.[cell.type] ?? Number.NEGATIVE_INFINITY
}

/** The order-preserving assignment of cells to columns with the best score (first on ties). */
function assign(values: Cell[], columns: TableColumn[]): Array<TableColumn | null> {
  const k = Math.min(values.length, columns.length)
  let best: { score: number; pick: number[] } | null = null
  const pick: number[] = []
  const walk = (from: number) => {
    if (pick.length === k) {
      let s = 0
      for (let j = 0; j < k; j++) s += score(values[j] as Cell, columns[pick[j] as number] as TableColumn)
      if (!best || s > best.score) best = { score: s, pick: [...pick] }
      return
    }
    for (let c = from; c <= columns.length - (k - pick.length); c++) {
      pick.push(c)
      walk(c + 1)
      pick.pop()
    }
  }
  walk(0)
  const chosen = (best as { score: number; pick: number[] } | null)?.pick ?? []
  return values.map((_, j) => (j < k ? (columns[chosen[j] as number] ?? null) : null))
}

function buildRow(
  label: string,
  head: Cell[],
  values: Cell[],
  columns: TableColumn[],
  hasCategory: boolean,
  lastCategory: string | null,
): TableRowDraft | null {
  const indicatorCell = head[head.length - 1] as Cell
  const categoryCells = hasCategory ? head.slice(0, -1) : []
  const indicator = hasCategory ? indicatorCell.text : head.map((c) => c.text).join('')
  const category =
    categoryCells.length > 0 ? categoryCells.map((c) => c.text).join('') : hasCategory ? lastCategory : null
  const row: TableRowDraft = {
    table: label,
    category,
    indicator,
    unit: null,
    base: null,
    target: null,
    reference: null,
    annual: null,
    span: [(head[0] as Cell).start, (values[values.length - 1] ?? indicatorCell).end],
    cells: { indicator: [hasCategory ? indicatorCell.start : (head[0] as Cell).start, indicatorCell.end] },
  }
  if (categoryCells.length > 0) {
    row.cells.category = [
      (categoryCells[0] as Cell).start,
      (categoryCells[categoryCells.length - 1] as Cell).end,
    ]
  }
  const placed = assign(values, columns)
  values.forEach((cell, j) => {
    const column = placed[j]
    if (!column || cell.type === 'empty' || cell.type === 'na') return
    if (column === 'unit') {
      row.unit = cell.text
      row.cells.unit = [cell.start, cell.end]
    } else if (column === 'base') {
      row.base = cell.text
      row.cells.base = [cell.start, cell.end]
    } else if (column === 'target') {
      // 99(全市水平98): the target, then the reference in brackets.
      const m = /^(.*?)\s*[(（]([^()（）]*)[)）]\s*$/u.exec(cell.text)
      row.target = m ? (m[1] as string) : cell.text
      row.reference = m ? (m[2] as string) : null
      row.cells.target = [cell.start, cell.start + row.target.length]
    } else if (column === 'annual') {
      row.annual = cell.text
      row.cells.annual = [cell.start, cell.end]
    }
  })
  return row
}

/** Context of a table row: the plan's, plus the years of the table's base and target columns. */
export interface TableRowContext extends TargetContext {
  baseYear?: number | null
  targetYear?: number | null
}

const SHARE_NAME = /(率|比重|比例|占比|强度|普及率|覆盖率)$/u
const SYMBOL: Record<string, Comparator> = {
  '>': '>',
  '≥': '>=',
  '<': '<',
  '≤': '<=',
  约: 'approx',
  '~': 'approx',
}

/**
 * A table row as targets: the target value (with its comparator, >80 -> '>'), the base value (status
 * `baseline`), and the annual target (年均提高2个百分点) as a growth. The reference (全市水平) is left out:
 * it is another government's figure. Spans come from the row's cells when it has them.
 */
export function tableRowTargets(
  row: Omit<TableRow, 'span'> & { span: [number, number]; cells?: TableRowDraft['cells'] },
  context: TableRowContext,
  options: ParseTableOptions = {},
): TargetDraft[] {
  const units = options.units ?? loadUnitTable()
  const lexicon = options.metrics ?? loadMetricLexicon()
  const metric = row.indicator.replace(/[“”"\s]/gu, '')
  const family = metricFamily(metric, lexicon)
  const targetYear = context.targetYear ?? context.period?.to ?? context.year
  const baseYear = context.baseYear ?? (context.period ? context.period.from - 1 : context.year)
  const out: TargetDraft[] = []
  const cellTarget = (
    cell: string | null,
    span: [number, number] | undefined,
    kindHint: 'target' | 'base' | 'annual',
  ): void => {
    if (!cell) return
    const s = foldWidth(cell).trim()
    const at = span ?? row.span
    // A bare number in the row's unit: 99, >80, 3.1.
    const m = /^([>≥<≤约~])?\s*([0-9][0-9,]*(?:\.\d+)?)$/u.exec(s)
    if (m && kindHint !== 'annual') {
      const value = parseChineseNumber(m[2] as string)
      if (value === null) return
      const u = row.unit ? readUnit(row.unit, units) : null
      const rate = u ? ['percent', 'permille', 'points'].includes(u.unitClass) : false
      const kind: TargetKind = rate || SHARE_NAME.test(metric) ? 'share' : 'level'
      out.push({
        text: s,
        value,
        valueMax: null,
        unit: row.unit ?? '',
        normalized: round(value * (u?.multiplier ?? 1)),
        normalizedMax: null,
        normalizedUnit: u?.base ?? row.unit ?? '',
        comparator: m[1] ? (SYMBOL[m[1]] ?? '=') : '=',
        kind,
        status: kindHint === 'base' ? 'baseline' : 'planned',
        direction: null,
        year: kindHint === 'base' ? baseYear : targetYear,
        yearFrom: null,
        referenceYear: null,
        metric,
        metricFamily: family,
        span: [at[0], at[0] + cell.length],
      })
      return
    }
    // A phrase: 提高5个百分点, 年均提高2个百分点, 年均增长10%以上 — read as prose, named by the row.
    for (const t of extractTargets(cell, { year: context.year, period: context.period }, options)) {
      // 提高5个百分点 (target) and 年均提高2个百分点 (annual): changes over the years from the base.
      const change = kindHint !== 'base' && (t.kind === 'growth' || t.kind === 'increment')
      out.push({
        ...t,
        status: kindHint === 'base' ? 'baseline' : 'planned',
        year: kindHint === 'base' ? baseYear : targetYear,
        yearFrom: change && baseYear !== null ? baseYear + 1 : null,
        referenceYear: change ? baseYear : null,
        metric,
        metricFamily: family,
        span: [at[0] + t.span[0], at[0] + t.span[1]],
      })
    }
  }
  cellTarget(row.target, row.cells?.target, 'target')
  cellTarget(row.base, row.cells?.base, 'base')
  cellTarget(row.annual, row.cells?.annual, 'annual')
  return out
}
