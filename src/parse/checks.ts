/**
 * Checks of a parsed document that end as warnings: labels never printed, and runs of table cells that
 * could not be read.
 */
import type { PlanWarning } from '../model/index.js'
import { toChineseNumeral } from './labels.js'
import type { Line, Piece } from './pieces.js'
import { type TreeNode, walk } from './tree.js'
import type { PieceRole } from './walk.js'

/** Lines at most this long, without sentence punctuation, look like the cells of a table. */
const CELL_MAX = 15
/** This many such lines in a row make a table the parser could not read. */
const CELL_RUN = 6

/**
 * A run of very short lines (序号 / 任务 / 责任单位 / 1 / 市工信局 …) is a table flattened one cell per
 * line that was not recognised as an indicator table: set aside as a table region with a warning, so
 * that its cells do not become dozens of one-word items.
 */
export function markCellRuns(
  text: string,
  lines: Line[],
  pieces: Piece[],
  fixed: Map<number, PieceRole>,
): PlanWarning[] {
  const piecesByLine = groupBy(pieces, (p) => p.line)
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

/** Gaps in numbering: labels that were never printed ((十四) (十五) …). */
export function missingLabelWarnings(root: TreeNode): PlanWarning[] {
  const warnings: PlanWarning[] = []
  const labels = [...walk(root)].filter((n) => n.kind === 'label' && n.style && n.number)
  for (const [style, nodes] of groupBy(labels, (n) => n.style as string)) {
    const numbers = nodes.map((n) => n.number as number)
    const global = new Set(numbers).size === numbers.length && new Set(nodes.map((n) => n.parent)).size > 1
    const groups = global ? [nodes] : [...groupBy(nodes, (n) => n.parent).values()]
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

/** Groups by any key (a tree node too), in order of first appearance. */
function groupBy<T, K>(list: T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>()
  for (const t of list) {
    const k = key(t)
    const group = map.get(k)
    if (group) group.push(t)
    else map.set(k, [t])
  }
  return map
}
