/**
 * The parse stage: normalized text -> a PlanDocument with its section tree, items and regions.
 *
 * Steps: cut the text into pieces (labels, sentences, clauses, boilerplate); set aside the table of
 * contents, flattened tables and repeated text; walk the rest, placing labels in a tree; then turn the
 * tree into sections and items, and every piece into a region.
 */
import { PlanCascadeError } from '../errors.js'

import type { FlattenedTable } from '../extract/index.js'
import { parseFlattenedTable } from '../extract/index.js'

import type { SourceText } from '../io/index.js'
import type {
  DocumentKind,
  Jurisdiction,
  Period,
  PlanDocument,
  PlanItem,
  PlanWarning,
  Region,
  Section,
  Span,
  TableRow,
} from '../model/index.js'
import type { NormalizedText } from '../normalize/index.js'
import { normalizeText, toSourceSpan } from '../normalize/index.js'
import { loadBoilerplateRules } from './boilerplate.js'
import { findDuplicates, pieceKey } from './dedupe.js'
import { composeItemText } from './item-text.js'
import { pathComponent, toChineseNumeral } from './labels.js'
import { inferMetadata } from './metadata.js'
import { type Line, type Piece, splitLines, splitPieces } from './pieces.js'
import { findTableOfContents } from './toc.js'
import { reparentShuffled, type TreeNode, walk } from './tree.js'
import { itemHeading, leadPhrase, type PieceRole, walkPieces } from './walk.js'

export { findDivisions, resolveJurisdiction } from './divisions.js'
export { composedTextOf, itemSourceSpan } from './item-text.js'
export { labelNumber, matchLabel } from './labels.js'

import { labelNumber } from './labels.js'

export { inferMetadata } from './metadata.js'

export interface ParseOptions {
  /** Document id; defaults to the file's base name, else `document`. */
  id?: string
  /** Title, overriding the one found in the text. */
  title?: string
  /** Jurisdiction (a name such as 仓山区, or fields), overriding inference. */
  jurisdiction?: string | Partial<Jurisdiction>
  /** Year issued, overriding inference. */
  year?: number
  /** Period, overriding inference. */
  period?: Period
  /** Kind, overriding inference. */
  kind?: DocumentKind
  /** A boilerplate rules file replacing data/boilerplate.json. */
  boilerplateFile?: string
  /** Traditional to simplified conversion (default 'auto'). */
  traditional?: 'auto' | 'always' | 'never'
}

/** Parses a document given as text (or as read by `readSource`). Messy text never throws. */
export function parseDocument(input: string | SourceText, options: ParseOptions = {}): PlanDocument {
  const source: SourceText =
    typeof input === 'string' ? { text: input, encoding: 'utf-16', format: 'text', path: null } : input
  const id = options.id ?? (source.path ? baseName(source.path) : 'document')
  if (source.text.trim() === '') {
    throw new PlanCascadeError('empty-input', 'the document has no text', { file: source.path ?? id })
  }
  const normalized = normalizeText(source.text, { traditional: options.traditional ?? 'auto' })
  const text = normalized.text
  const metadata = inferMetadata(text, { ...options, fileName: source.path ?? undefined })
  const lines = splitLines(text, (start) => sourceIndent(source.text, normalized.toSource[start] as number))
  const titleVariants = [metadata.title, metadata.title.replace(/[(（]征求意见稿[)）]$/, '')]
  const pieces = splitPieces(text, lines, {
    boilerplate: loadBoilerplateRules(options.boilerplateFile),
    titles: titleVariants,
  })

  const fixed = new Map<number, PieceRole>()
  const toc = findTableOfContents(text, lines)
  if (toc) {
    for (const p of pieces)
      if (p.line >= toc.firstLine && p.line <= toc.lastLine) fixed.set(p.index, { kind: 'toc' })
  }
  const tables: FlattenedTable[] = []
  const tableAt = new Map<number, number>()
  for (const p of pieces) {
    if (fixed.has(p.index) || p.kind !== 'label' || p.label?.style !== 'table') continue
    const table = parseFlattenedTable(text, p.start)
    if (!table) continue
    tableAt.set(p.index, tables.length)
    for (const q of pieces) {
      if (q.start >= table.span[0] && q.end <= table.span[1] && q.index !== p.index)
        fixed.set(q.index, { kind: 'table' })
    }
    fixed.set(p.index, { kind: 'table' })
    tables.push(table)
  }

  const cellWarnings = markCellRuns(text, lines, pieces, fixed)

  const duplicateOf = findDuplicates(text, pieces, (p) => fixed.has(p.index))
  const titleKeys = new Set(titleVariants.map(pieceKey))
  titleKeys.delete('')
  let walked = walkPieces({ text, pieces, duplicateOf, fixed, tableAt, titleKeys, toc, startInBody: false })
  const warnings: PlanWarning[] = [...metadata.warnings, ...cellWarnings]
  if (walked.labelCount === 0) {
    warnings.push({
      code: 'no-numbered-items',
      message: 'no numbered items found: each paragraph is taken as an item',
    })
    walked = walkPieces({ text, pieces, duplicateOf, fixed, tableAt, titleKeys, toc, startInBody: true })
  }
  if (walked.outOfOrder) {
    warnings.push({
      code: 'labels-out-of-order',
      message:
        'labels are out of order (the page was probably scraped in pieces); items are returned in label order',
    })
    reparentShuffled(walked.root, pieces)
  }
  warnings.push(...walked.warnings)
  if (duplicateOf.size > 0) {
    warnings.push({
      code: 'duplicate-paragraph',
      message: `${duplicateOf.size} repeated sentences or paragraphs were set aside as duplicates`,
    })
  }
  warnings.push(...missingLabelWarnings(walked.root))

  const built = buildRecords(id, text, pieces, walked.root, toc?.titles ?? new Map(), tables)
  nameInferredSections(built.sections, built.items, summaryParts(text, pieces, walked.roles))
  const toSource = (span: Span): Span => toSourceSpan(normalized, span)
  const regions = buildRegions(text, pieces, walked.roles, built, tables, normalized)
  return {
    id,
    source: {
      path: source.path,
      encoding: source.encoding,
      format: source.format,
      convertedFromTraditional: normalized.convertedFromTraditional,
    },
    title: metadata.title,
    issuer: metadata.issuer,
    jurisdiction: metadata.jurisdiction,
    year: metadata.year,
    period: metadata.period,
    kind: metadata.kind,
    sections: built.sections.map((s) => ({ ...s, span: toSource(s.span) })),
    items: built.items.map((item) => ({
      ...item,
      span: toSource(item.span),
      parts: item.parts.map(toSource),
      row: item.row ? { ...item.row, span: toSource(item.row.span) } : null,
    })),
    tables: tables.map((t) => ({
      label: t.label,
      title: t.title,
      span: toSource(t.span),
      rows: t.rows.map((r) => ({ ...tableRowRecord(r), span: toSource(r.span) })),
    })),
    regions,
    warnings: warnings.map((w) => (w.span ? { ...w, span: toSource(w.span) } : w)),
    sourceText: source.text,
  }
}

/** The record fields of a table row (the parser's drafts also carry cell positions). */
function tableRowRecord(row: FlattenedTable['rows'][number]): TableRow {
  const { table, category, indicator, unit, base, target, reference, annual, span } = row
  return { table, category, indicator, unit, base, target, reference, annual, span }
}

/** Leading spaces of the source line holding `offset` (layout cue: boxes are indented differently). */
function sourceIndent(source: string, offset: number): number {
  let lineStart = offset
  while (lineStart > 0 && source.charCodeAt(lineStart - 1) !== 10) lineStart--
  let n = 0
  while (lineStart + n < source.length && /[ \t\u3000\u00a0]/.test(source[lineStart + n] as string)) n++
  return n
}

function baseName(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path
  return name.replace(/\.(txt|html?|text)$/i, '')
}

interface BuiltRecords {
  sections: Section[]
  items: PlanItem[]
  /** Id of the section a node became. */
  sectionIds: Map<TreeNode, string>
  /** Id of the item a node became (for a content label with children: its intro item). */
  itemIds: Map<TreeNode, string>
}

/** Pieces of a node's own text, label piece first. */
function ownPieces(node: TreeNode): number[] {
  const list = node.labelPiece !== null && node.kind !== 'table' ? [node.labelPiece] : []
  return [...list, ...node.content]
}

/** Contiguous runs of pieces (only white space between them), as normalized spans. */
function partsOf(text: string, pieces: Piece[], indexes: number[]): Span[] {
  const parts: Span[] = []
  for (const index of indexes) {
    const p = pieces[index] as Piece
    const last = parts[parts.length - 1]
    if (last && last[1] <= p.start && text.slice(last[1], p.start).trim() === '') last[1] = p.end
    else parts.push([p.start, p.end])
  }
  return parts
}

function buildRecords(
  docId: string,
  text: string,
  pieces: Piece[],
  root: TreeNode,
  tocTitles: Map<string, string>,
  tables: FlattenedTable[],
): BuiltRecords {
  const sections: Section[] = []
  const items: PlanItem[] = []
  const sectionIds = new Map<TreeNode, string>()
  const itemIds = new Map<TreeNode, string>()
  const usedIds = new Set<string>()
  const uniqueId = (path: string) => {
    let id = `${docId}#${path}`
    for (let n = 2; usedIds.has(id); n++) id = `${docId}#${path}~${n}`
    usedIds.add(id)
    return id
  }
  const pieceText = (index: number) => {
    const p = pieces[index] as Piece
    return text.slice(p.start, p.end)
  }
  const hasLead = (paragraph: TreeNode) =>
    paragraph.content.length > 0 &&
    leadPhrase(pieceText(paragraph.content[0] as number), paragraph.content.length > 1) !== ''

  const visit = (
    node: TreeNode,
    parentPath: string,
    sectionId: string | null,
    sectionTitles: string[],
    depth: number,
  ) => {
    const counters = { inferred: 0, paragraph: 0 }
    for (const child of node.children) {
      let component: string
      if (child.kind === 'inferred') component = `[${++counters.inferred}]`
      else if (child.kind === 'paragraph') component = `p${++counters.paragraph}`
      else if (child.kind === 'table')
        component = (tables[child.table ?? 0] as FlattenedTable).label.replace(/\s+/g, '')
      else component = pathComponent(child.style ?? 'num-dot', child.number ?? 0)
      const path = parentPath ? `${parentPath}.${component}` : component
      const isSection =
        child.kind === 'inferred' ||
        (child.kind === 'label' && (child.headingLine || child.children.length > 0))
      if (isSection && isHeadedItem(child, hasLead)) {
        // 1.推进5G网络建设 on its own line, its text in the paragraph below: one item, not a section
        const paragraphs = child.children.flatMap((c) => c.content)
        pushItem(child, path, sectionId, sectionTitles, 'task', [child.labelPiece as number, ...paragraphs])
        for (const c of child.children) itemIds.set(c, itemIds.get(child) as string)
      } else if (isSection) {
        const id = uniqueId(path)
        sectionIds.set(child, id)
        const { title, titleSource } = sectionTitle(child, path)
        const labelSpan: Span =
          child.labelPiece !== null
            ? [(pieces[child.labelPiece] as Piece).start, (pieces[child.labelPiece] as Piece).end]
            : [
                (pieces[firstPieceOf(child) ?? 0] as Piece | undefined)?.start ?? 0,
                (pieces[firstPieceOf(child) ?? 0] as Piece | undefined)?.start ?? 0,
              ]
        sections.push({
          id,
          path,
          label:
            child.labelPiece !== null ? ((pieces[child.labelPiece] as Piece).label?.label ?? null) : null,
          style: child.style,
          number: child.number,
          title,
          titleSource,
          depth,
          inferred: child.kind === 'inferred',
          parentId: sectionId,
          children: [],
          span: labelSpan,
        })
        const parentSection = sections.find((s) => s.id === sectionId)
        parentSection?.children.push(id)
        // A content label with children (3. 推进…。包括:(1)…): its own text is the section's intro.
        if (!child.headingLine && child.content.length > 0) {
          pushItem(child, `${path}.p0`, id, [...sectionTitles, title], 'paragraph', child.content)
        }
        visit(child, path, id, [...sectionTitles, title], depth + 1)
      } else if (child.kind === 'table') {
        const table = tables[child.table ?? 0] as FlattenedTable
        table.rows.forEach((row, k) => {
          const rowId = uniqueId(`${path}.r${k + 1}`)
          items.push({
            id: rowId,
            docId,
            path: `${path}.r${k + 1}`,
            label: null,
            style: null,
            number: k + 1,
            heading: row.indicator,
            text: text
              .slice(row.span[0], row.span[1])
              .replace(/\s*\n\s*/g, ' ')
              .trim(),
            kind: 'table-row',
            sectionId,
            sectionPath: [...sectionTitles, table.title],
            span: row.span,
            parts: [row.span],
            responsible: null,
            targets: [],
            row: tableRowRecord(row),
            topics: [],
            keywords: [],
          })
        })
      } else {
        const kind = child.kind === 'box' ? 'key-project' : child.kind === 'paragraph' ? 'paragraph' : 'task'
        pushItem(child, path, sectionId, sectionTitles, kind, ownPieces(child))
      }
    }
  }

  const pushItem = (
    node: TreeNode,
    path: string,
    sectionId: string | null,
    sectionTitles: string[],
    kind: PlanItem['kind'],
    indexes: number[],
  ) => {
    if (indexes.length === 0) return
    const id = uniqueId(path)
    itemIds.set(node, id)
    const parts = partsOf(text, pieces, indexes)
    const labelPiece =
      node.labelPiece !== null && indexes[0] === node.labelPiece ? (pieces[node.labelPiece] as Piece) : null
    const labelLength = labelPiece?.label?.length ?? 0
    const bodyText = composeItemText(text, parts, labelLength).text
    let heading = ''
    if (node.headingLine && labelPiece) heading = itemHeading(pieceText(labelPiece.index).slice(labelLength))
    else if (kind === 'key-project' && labelPiece)
      heading = pieceText(labelPiece.index).slice(labelLength).trim()
    else if (kind === 'paragraph') heading = leadPhrase(pieceText(indexes[0] as number), indexes.length > 1)
    else if (labelPiece) heading = itemHeading(pieceText(labelPiece.index).slice(labelLength))
    const span: Span = parts[0] as Span
    items.push({
      id,
      docId,
      path,
      label: labelPiece?.label?.label ?? null,
      style: labelPiece ? node.style : null,
      number: labelPiece ? node.number : null,
      heading,
      text: bodyText,
      kind,
      sectionId,
      sectionPath: sectionTitles,
      span,
      parts,
      responsible: null,
      targets: [],
      row: null,
      topics: [],
      keywords: [],
    })
  }

  const sectionTitle = (
    node: TreeNode,
    path: string,
  ): { title: string; titleSource: Section['titleSource'] } => {
    if (node.kind === 'inferred') return { title: '', titleSource: 'none' }
    const labelPiece = node.labelPiece !== null ? (pieces[node.labelPiece] as Piece) : null
    const printed = labelPiece
      ? pieceText(labelPiece.index)
          .slice(labelPiece.label?.length ?? 0)
          .trim()
      : ''
    if (printed) {
      const title = node.headingLine ? printed.replace(/[。：:]$/, '') : itemHeading(printed) || printed
      return { title, titleSource: 'printed' }
    }
    if (node.titlePiece !== null) return { title: pieceText(node.titlePiece).trim(), titleSource: 'printed' }
    const fromToc = tocTitles.get(path)
    if (fromToc) return { title: fromToc, titleSource: 'toc' }
    return { title: '', titleSource: 'none' }
  }

  visit(root, '', null, [], 0)
  return { sections, items, sectionIds, itemIds }
}

/** Lines at most this long, without sentence punctuation, look like the cells of a table. */
const CELL_MAX = 15
/** This many such lines in a row make a table the parser could not read. */
const CELL_RUN = 6

/**
 * A run of very short lines (序号 / 任务 / 责任单位 / 1 / 市工信局 …) is a table flattened one cell per
 * line that was not recognised as an indicator table: set aside as a table region with a warning, so
 * that its cells do not become dozens of one-word items.
 */
function markCellRuns(
  text: string,
  lines: Line[],
  pieces: Piece[],
  fixed: Map<number, PieceRole>,
): PlanWarning[] {
  const piecesByLine = new Map<number, Piece[]>()
  for (const p of pieces) piecesByLine.set(p.line, [...(piecesByLine.get(p.line) ?? []), p])
  const isCell = (n: number): boolean => {
    const line = lines[n] as Line
    const content = text.slice(line.start, line.end).trim()
    if (content === '' || content.length > CELL_MAX || /[。；;！？]/.test(content)) return false
    const own = piecesByLine.get(n) ?? []
    if (own.some((p) => fixed.has(p.index) || p.kind === 'boilerplate')) return false
    // a heading label (一、总体要求) is structure, a bare number (1, 2) a cell
    return !own.some(
      (p) => p.kind === 'label' && text.slice(p.start, p.end).trim().length > (p.label?.label.length ?? 0),
    )
  }
  const warnings: PlanWarning[] = []
  let n = 0
  while (n < lines.length) {
    if (!isCell(n)) {
      n++
      continue
    }
    const run: number[] = []
    let m = n
    while (m < lines.length) {
      const line = lines[m] as Line
      if (text.slice(line.start, line.end).trim() === '') m++
      else if (isCell(m)) run.push(m++)
      else break
    }
    if (run.length >= CELL_RUN) {
      for (const k of run)
        for (const p of piecesByLine.get(k) ?? []) fixed.set(p.index, { kind: 'table', note: 'cells' })
      const first = lines[run[0] as number] as Line
      const last = lines[run[run.length - 1] as number] as Line
      warnings.push({
        code: 'unrecognized-table',
        message: `${run.length} short lines in a row look like a table flattened one cell per line; set aside, not read`,
        span: [first.start, last.end],
      })
    }
    n = m
  }
  return warnings
}

/** Structural styles whose headings always open a section. */
const SECTION_STYLES = new Set(['part', 'chapter', 'section', 'table'])

/**
 * A heading line whose body is one paragraph, or paragraphs without lead phrases, and no labels below
 * is an item with its heading on a line of its own (1.推进5G网络建设 / (一)加强组织领导). Paragraphs that
 * each open with a lead phrase (5G网络。… 物联网。…) stay items of their own under a section.
 */
function isHeadedItem(node: TreeNode, hasLead: (paragraph: TreeNode) => boolean): boolean {
  if (node.kind !== 'label' || !node.headingLine || node.labelPiece === null) return false
  if (node.style !== null && SECTION_STYLES.has(node.style)) return false
  if (node.children.length === 0 || node.children.some((c) => c.kind !== 'paragraph')) return false
  if (node.children.length === 1) return true
  return node.children.filter(hasLead).length < 2
}

function firstPieceOf(node: TreeNode): number | null {
  for (const n of walk(node)) {
    if (n.labelPiece !== null) return n.labelPiece
    if (n.content.length > 0) return n.content[0] as number
  }
  return null
}

/** Regions covering the whole source text: one per run of pieces of the same role. */
function buildRegions(
  text: string,
  pieces: Piece[],
  roles: PieceRole[],
  built: BuiltRecords,
  tables: FlattenedTable[],
  normalized: NormalizedText,
): Region[] {
  const rowIds = new Map<string, string>()
  for (const item of built.items) if (item.row) rowIds.set(`${item.row.span[0]}`, item.id)
  const raw: Array<{ kind: Region['kind']; start: number; ref?: string; note?: string }> = []
  for (const piece of pieces) {
    if (piece.kind === 'blank') continue
    const role = roles[piece.index] as PieceRole
    let kind: Region['kind'] = role.kind === 'title' ? 'heading' : role.kind
    let ref: string | undefined
    const node = role.node
    if (node) {
      const sectionId = built.sectionIds.get(node)
      const itemId = built.itemIds.get(node)
      const isHeadingPiece = piece.index === node.labelPiece || piece.index === node.titlePiece
      if (sectionId && isHeadingPiece) {
        kind = 'heading'
        ref = sectionId
      } else if (itemId) {
        ref = itemId
        kind = 'item'
      } else if (sectionId) ref = sectionId
    }
    if (kind === 'table') {
      // Cells of a row belong to the row's item; header cells to the table.
      const row = tables
        .flatMap((t) => t.rows)
        .find((r) => piece.start >= r.span[0] && piece.end <= r.span[1])
      const rowItem = row ? rowIds.get(`${row.span[0]}`) : undefined
      if (rowItem) {
        kind = 'item'
        ref = rowItem
      }
    }
    if (kind === 'item' && !ref) kind = 'other'
    const last = raw[raw.length - 1]
    if (last && last.kind === kind && last.ref === ref && last.note === role.note) continue
    const entry: { kind: Region['kind']; start: number; ref?: string; note?: string } = {
      kind,
      start: piece.start,
    }
    if (ref) entry.ref = ref
    if (role.note) entry.note = role.note
    raw.push(entry)
  }
  if (raw.length === 0) return [{ kind: 'other', span: [0, normalized.toSource[text.length] as number] }]
  ;(raw[0] as { start: number }).start = 0
  return raw.map((r, k) => {
    const end = k + 1 < raw.length ? (raw[k + 1] as { start: number }).start : text.length
    const region: Region = { kind: r.kind, span: toSourceSpan(normalized, [r.start, end]) }
    if (r.ref) region.ref = r.ref
    if (r.note) region.note = r.note
    return region
  })
}

/**
 * Names of the parts a summary lists before the plan: 从数字政府、数字经济、数据资源、数字社会、数字基础设施
 * 以及数字化发展环境6个方面提出38项重点任务. Only lists whose count is printed, and matches, are taken.
 */
function summaryParts(text: string, pieces: Piece[], roles: PieceRole[]): string[] {
  const preamble = pieces
    .filter((p) => roles[p.index]?.kind === 'preamble')
    .map((p) => text.slice(p.start, p.end))
    .join('')
  const m =
    /(?:从|围绕|包括|涵盖|聚焦)([^。；：:]{4,160}?)(?:等)?(\d{1,2}|[一二三四五六七八九十]{1,3})(?:个|大)(?:方面|领域|部分|板块)/.exec(
      preamble,
    )
  if (!m) return []
  const names = (m[1] as string)
    .split(/、|，|,|以及|及|和/)
    .map((n) => n.trim())
    .filter(Boolean)
  const count = /^\d+$/.test(m[2] as string) ? Number(m[2]) : labelNumber(m[2] as string)
  return names.length === count && names.every((n) => n.length <= 12) ? names : []
}

/** Gives inferred top-level sections the names a summary lists, when the counts agree. */
function nameInferredSections(sections: Section[], items: PlanItem[], names: string[]): void {
  const top = sections.filter((s) => s.parentId === null)
  if (names.length === 0 || top.length !== names.length || !top.some((s) => s.inferred)) return
  top.forEach((section, k) => {
    if (section.title !== '') return
    const title = names[k] as string
    section.title = title
    section.titleSource = 'summary'
    for (const item of items) {
      if (item.id.startsWith(`${section.id}.`)) item.sectionPath = [title, ...item.sectionPath.slice(1)]
    }
  })
}

/** Gaps in numbering: labels that were never printed ((十四) (十五) …). */
function missingLabelWarnings(root: TreeNode): PlanWarning[] {
  const warnings: PlanWarning[] = []
  const labels = [...walk(root)].filter((n) => n.kind === 'label' && n.style && n.number)
  const byStyle = new Map<string, TreeNode[]>()
  for (const n of labels) byStyle.set(n.style as string, [...(byStyle.get(n.style as string) ?? []), n])
  for (const [style, nodes] of byStyle) {
    const numbers = nodes.map((n) => n.number as number)
    const global = new Set(numbers).size === numbers.length && new Set(nodes.map((n) => n.parent)).size > 1
    const groups = global ? [nodes] : [...groupBy(nodes, (n) => n.parent)]
    for (const group of groups) {
      const present = new Set(group.map((n) => n.number as number))
      const max = Math.max(...present)
      const first = global ? 1 : Math.min(...present) === 1 ? 1 : Math.min(...present)
      const missing: number[] = []
      for (let k = first; k <= max; k++) if (!present.has(k)) missing.push(k)
      if (missing.length === 0) continue
      const shown = missing.map((k) => formatLabel(style, k)).join(' ')
      warnings.push({
        code: 'missing-label',
        message: `labels ${shown} were never printed: their text may have run into neighbouring items`,
      })
    }
  }
  return warnings
}

function formatLabel(style: string, n: number): string {
  switch (style) {
    case 'cn-dun':
      return `${toChineseNumeral(n)}、`
    case 'cn-paren':
      return `(${toChineseNumeral(n)})`
    case 'num-paren':
      return `(${n})`
    case 'num-dun':
      return `${n}、`
    case 'part':
      return `第${toChineseNumeral(n)}部分`
    case 'chapter':
      return `第${toChineseNumeral(n)}章`
    case 'section':
      return `第${toChineseNumeral(n)}节`
    default:
      return `${n}.`
  }
}

function groupBy<T, K>(list: T[], key: (t: T) => K): T[][] {
  const map = new Map<K, T[]>()
  for (const t of list) map.set(key(t), [...(map.get(key(t)) ?? []), t])
  return [...map.values()]
}

export type { Line, Piece }
