/**
 * The cascade diagram of the HTML report, as inline SVG: documents in rows by level (province, city,
 * district) and columns by year, and the threads flowing between them as curves whose width grows with
 * the number of threads two documents share. Laid out here, in plain geometry: it is a diagram, not a
 * chart with axes.
 *
 * A cell of a few documents stacks them; a crowded one (twenty cities of one province in 2024) wraps
 * them into a grid, grouped by their parent jurisdiction with its name above each group, and the
 * diagram keeps its size (scrolling sideways) rather than shrinking every box until it cannot be read.
 */
import type { PlanDocument } from '../../model/index.js'
import type { ReportOutput } from '../../model/report.js'
import {
  documentName,
  documentRelation,
  escapeXml,
  indexReport,
  levelRank,
  sortDocuments,
  truncate,
} from '../shared.js'
import type { OrderedThread } from '../threads.js'
import { createTranslator, type Translator } from './strings.js'

const NODE_W = 176
const NODE_H = 64
const COL_W = 236
const ROW_GAP = 70
const STACK_GAP = 14
const LEFT = 92
const TOP = 40
/** A cell of more documents than this wraps them into a grid. */
const STACK_MAX = 4
/** At most this many documents side by side in a cell. */
const GRID_MAX = 10
const SUB_GAP = 14
const GROUP_LABEL_H = 20
/** The diagram shrinks with its container down to this scale, and scrolls sideways below it. */
const MIN_SCALE = 0.75

/** A pair of documents some threads join. */
export interface DocumentFlow {
  from: string
  to: string
  /** Indices (in the report's thread order) of the threads that join the two documents. */
  threads: number[]
  /** Number of links between items of the two documents inside those threads. */
  links: number
}

/**
 * The document pairs threads join: for each thread, the pairs of documents its links join (the links
 * with both ends in the thread), else its consecutive members. Pairs go from the earlier / higher
 * document to the other; ordered by document order.
 */
export function documentFlows(report: ReportOutput, threads: readonly OrderedThread[]): DocumentFlow[] {
  const index = indexReport(report)
  const order = new Map(sortDocuments(report.documents).map((d, k) => [d.id, k]))
  const flows = new Map<string, DocumentFlow>()
  const add = (a: string, b: string, thread: number, links: number) => {
    if (a === b) return
    const [from, to] = (order.get(a) ?? 0) <= (order.get(b) ?? 0) ? [a, b] : [b, a]
    const key = `${from}\u0000${to}`
    const flow = flows.get(key) ?? { from, to, threads: [], links: 0 }
    if (!flow.threads.includes(thread)) flow.threads.push(thread)
    flow.links += links
    flows.set(key, flow)
  }
  threads.forEach((thread, k) => {
    const members = new Set(thread.items)
    const docOf = (id: string) => index.items.get(id)?.doc.id
    const inside = report.links.filter((l) => members.has(l.source) && members.has(l.target))
    if (inside.length > 0) {
      for (const link of inside) {
        const a = docOf(link.source)
        const b = docOf(link.target)
        if (a && b) add(a, b, k, 1)
      }
    } else {
      for (const step of thread.steps) {
        const a = step.from ? docOf(step.from) : undefined
        const b = docOf(step.to)
        if (a && b) add(a, b, k, 0)
      }
    }
  })
  return [...flows.values()].sort(
    (x, y) =>
      (order.get(x.from) ?? 0) - (order.get(y.from) ?? 0) || (order.get(x.to) ?? 0) - (order.get(y.to) ?? 0),
  )
}

interface Placed {
  doc: PlanDocument
  /** Row (level tier) of the document. */
  row: number
  x: number
  y: number
}

/** Documents of one cell (level and year), in groups by parent jurisdiction. */
interface Cell {
  groups: PlanDocument[][]
  /** Documents side by side: 1 for a stack. */
  across: number
  width: number
  height: number
}

function layoutCell(docs: PlanDocument[]): Cell {
  if (docs.length <= STACK_MAX) {
    return {
      groups: [docs],
      across: 1,
      width: COL_W,
      height: docs.length * (NODE_H + STACK_GAP) - STACK_GAP,
    }
  }
  const across = Math.min(GRID_MAX, Math.ceil(Math.sqrt(2 * docs.length)))
  const byParent = new Map<string, PlanDocument[]>()
  const sorted = [...docs].sort((a, b) => {
    const pa = a.jurisdiction?.parent ?? ''
    const pb = b.jurisdiction?.parent ?? ''
    return pa < pb ? -1 : pa > pb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
  for (const doc of sorted) {
    const parent = doc.jurisdiction?.parent ?? ''
    byParent.set(parent, [...(byParent.get(parent) ?? []), doc])
  }
  const groups = [...byParent.values()]
  const labelled = groups.length > 1
  const height = groups.reduce(
    (h, g) => h + (labelled ? GROUP_LABEL_H : 0) + Math.ceil(g.length / across) * (NODE_H + STACK_GAP),
    -STACK_GAP,
  )
  return { groups, across, width: across * (NODE_W + SUB_GAP) - SUB_GAP + (COL_W - NODE_W), height }
}

/** The cascade diagram as an SVG element (scales down with its container, to a point). */
export function renderCascade(
  report: ReportOutput,
  threads: readonly OrderedThread[],
  tr: Translator = createTranslator('zh'),
): string {
  const documents = sortDocuments(report.documents)
  if (documents.length === 0) return '<p class="empty">No documents.</p>'
  const threadsOfDoc = new Map<string, number[]>()
  threads.forEach((thread, k) => {
    for (const id of thread.documents) threadsOfDoc.set(id, [...(threadsOfDoc.get(id) ?? []), k])
  })

  // Rows: the level tiers present; columns: the years present (unknown year last).
  const tier = (d: PlanDocument) => levelRank(d.jurisdiction?.level ?? null)
  const tiers = [...new Set(documents.map(tier))].sort((a, b) => a - b)
  const yearKey = (d: PlanDocument) => (d.year === null ? 'unknown' : String(d.year))
  const years = [...new Set(documents.map(yearKey))].sort((a, b) =>
    a === 'unknown' ? 1 : b === 'unknown' ? -1 : Number(a) - Number(b),
  )
  const docsOf = new Map<string, PlanDocument[]>()
  for (const d of documents) {
    const key = `${tier(d)}|${yearKey(d)}`
    docsOf.set(key, [...(docsOf.get(key) ?? []), d])
  }
  const cells = new Map([...docsOf].map(([key, docs]) => [key, layoutCell(docs)]))
  const colWidth = years.map((y) => Math.max(COL_W, ...tiers.map((t) => cells.get(`${t}|${y}`)?.width ?? 0)))
  const colLeft: number[] = []
  let x = LEFT
  for (const w of colWidth) {
    colLeft.push(x)
    x += w
  }
  const width = x + 8
  const rowHeight = (t: number) => Math.max(NODE_H, ...years.map((y) => cells.get(`${t}|${y}`)?.height ?? 0))
  const rowTop = new Map<number, number>()
  let y = TOP
  for (const t of tiers) {
    rowTop.set(t, y)
    y += rowHeight(t) + ROW_GAP
  }
  const height = y - ROW_GAP + 56

  const placed = new Map<string, Placed>()
  const groupLabels: string[] = []
  for (const [key, cell] of cells) {
    const [t, year] = key.split('|') as [string, string]
    const col = years.indexOf(year)
    const left = colLeft[col] ?? LEFT
    let top = rowTop.get(Number(t)) ?? 0
    const labelled = cell.groups.length > 1
    for (const group of cell.groups) {
      if (labelled) {
        const parent = group[0]?.jurisdiction?.parent ?? ''
        groupLabels.push(
          `<text class="group-label" x="${left + (COL_W - NODE_W) / 2}" y="${top + 13}">${escapeXml(parent || '—')}</text>`,
        )
        top += GROUP_LABEL_H
      }
      group.forEach((doc, k) => {
        const column = cell.across === 1 ? 0 : k % cell.across
        const line = cell.across === 1 ? k : Math.floor(k / cell.across)
        placed.set(doc.id, {
          doc,
          row: Number(t),
          x:
            cell.across === 1
              ? left + (colWidth[col]! - NODE_W) / 2
              : left + (COL_W - NODE_W) / 2 + column * (NODE_W + SUB_GAP),
          y: top + line * (NODE_H + STACK_GAP),
        })
      })
      top += Math.ceil(group.length / cell.across) * (NODE_H + STACK_GAP)
    }
  }

  const out: string[] = []
  out.push(
    `<svg class="cascade-svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="min-width:${Math.round(width * MIN_SCALE)}px" role="img" aria-labelledby="cascade-title">`,
    `<title id="cascade-title" data-i18n="cascade-title">${tr.text('cascade-title')}</title>`,
  )
  // Grid: row bands and year labels.
  for (const t of tiers) {
    const top = rowTop.get(t)! - 18
    const h = rowHeight(t) + 36
    out.push(`<rect class="band" x="4" y="${top}" width="${width - 8}" height="${h}" rx="10"/>`)
    out.push(`<text class="row-label" x="16" y="${top + h / 2 + 5}">${tierLabel(t, documents, tr)}</text>`)
  }
  years.forEach((year, col) => {
    out.push(
      `<text class="col-label" x="${colLeft[col]! + colWidth[col]! / 2}" y="18" text-anchor="middle"${year === 'unknown' ? ' data-i18n="unknown-year"' : ''}>${year === 'unknown' ? tr.text('unknown-year') : escapeXml(year)}</text>`,
    )
  })
  out.push(`<g class="group-labels">${groupLabels.join('')}</g>`)

  // Flows under the nodes: peers first, then cascades, evolution on top.
  const order = { peer: 0, other: 0, cascade: 1, evolution: 2 }
  const drawn = documentFlows(report, threads)
    .flatMap((flow) => {
      const a = placed.get(flow.from)
      const b = placed.get(flow.to)
      return a && b ? [{ flow, a, b, relation: documentRelation(a.doc, b.doc) }] : []
    })
    .sort((x, y) => order[x.relation] - order[y.relation])
  const anchors = spreadAnchors(drawn)
  const max = Math.max(1, ...drawn.map((d) => d.flow.threads.length))
  out.push('<g class="flows">')
  drawn.forEach(({ flow, a, b, relation }, k) => {
    const w = (1.5 + 7 * Math.sqrt(flow.threads.length / max)).toFixed(1)
    const title = `${documentName(a.doc)} → ${documentName(b.doc)}: ${flow.threads.length} thread${flow.threads.length === 1 ? '' : 's'}, ${flow.links} link${flow.links === 1 ? '' : 's'} (${relation})`
    const [ax, bx] = anchors[k]!
    out.push(
      `<path class="flow flow-${relation}" d="${flowPath(a, b, ax, bx)}" stroke-width="${w}" data-from="${escapeXml(flow.from)}" data-to="${escapeXml(flow.to)}" data-threads="${flow.threads.join(' ')}" tabindex="0" role="button" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title></path>`,
    )
  })
  out.push('</g>')

  // Nodes.
  out.push('<g class="nodes">')
  for (const { doc, x, y: top } of placed.values()) {
    const level = doc.jurisdiction?.level ?? 'other'
    const count = threadsOfDoc.get(doc.id)?.length ?? 0
    const title = `${doc.title} (${doc.id}): ${doc.items.length} items, ${count} threads`
    out.push(
      `<g class="doc-node level-${level}" data-doc="${escapeXml(doc.id)}" data-level="${level}" data-year="${doc.year ?? ''}" data-threads="${(threadsOfDoc.get(doc.id) ?? []).join(' ')}" transform="translate(${x},${top})" tabindex="0" role="button" aria-label="${escapeXml(title)}">`,
      `<title>${escapeXml(title)}</title>`,
      `<rect width="${NODE_W}" height="${NODE_H}" rx="8"/>`,
      `<text class="doc-name" x="12" y="22">${escapeXml(truncate(documentName(doc), 14))}</text>`,
      `<text class="doc-title" x="12" y="40">${escapeXml(truncate(doc.title, 13))}</text>`,
      `<text class="doc-count" x="12" y="56" data-i18n="node-counts" data-i18n-args="${escapeXml(JSON.stringify({ n: doc.items.length, m: count }))}">${tr.text('node-counts', { n: doc.items.length, m: count })}</text>`,
      '</g>',
    )
  }
  out.push('</g>', '</svg>')
  return out.join('\n')
}

/**
 * Where each flow meets its two boxes: flows meeting one side of a box are spread along it, ordered by
 * where their other end lies, so that they do not all start from one point.
 */
function spreadAnchors(drawn: Array<{ a: Placed; b: Placed }>): Array<[number, number]> {
  const sides = new Map<string, Array<{ k: number; end: 0 | 1; toward: number }>>()
  drawn.forEach(({ a, b }, k) => {
    const sameRow = a.row === b.row
    const ends: Array<[Placed, Placed, 0 | 1]> = [
      [a, b, 0],
      [b, a, 1],
    ]
    for (const [box, other, end] of ends) {
      const side = sameRow ? 'top' : box.y < other.y ? 'bottom' : 'top'
      const key = `${box.doc.id}|${side}`
      sides.set(key, [...(sides.get(key) ?? []), { k, end, toward: other.x + (sameRow ? 0 : 0.5) }])
    }
  })
  const out: Array<[number, number]> = drawn.map(({ a, b }) => [a.x + NODE_W / 2, b.x + NODE_W / 2])
  for (const [key, list] of sides) {
    const box =
      drawn.find((d) => d.a.doc.id === key.split('|')[0])?.a ??
      drawn.find((d) => d.b.doc.id === key.split('|')[0])!.b
    list.sort((x, y) => x.toward - y.toward || x.k - y.k)
    const step = Math.min(16, (NODE_W * 0.7) / Math.max(1, list.length - 1))
    list.forEach(({ k, end }, i) => {
      out[k]![end] = box.x + NODE_W / 2 + (i - (list.length - 1) / 2) * step
    })
  }
  return out
}

/** A curve from one document box to another: down between rows, an arch within a row. */
function flowPath(a: Placed, b: Placed, ax: number, bx: number): string {
  if (a.row === b.row && a.x === b.x) {
    // Stacked in one cell: a loop on the right side.
    const x = a.x + NODE_W
    const [y1, y2] = [a.y + NODE_H / 2, b.y + NODE_H / 2]
    return `M${x},${y1} C${x + 36},${y1} ${x + 36},${y2} ${x},${y2}`
  }
  if (a.row === b.row) {
    // Same row: an arch over the boxes, higher when they are further apart.
    const lift = 22 + Math.abs(bx - ax) / 7
    return `M${f(ax)},${a.y} C${f(ax)},${f(a.y - lift)} ${f(bx)},${f(b.y - lift)} ${f(bx)},${b.y}`
  }
  const [upper, lower, ux, lx] = a.y < b.y ? [a, b, ax, bx] : [b, a, bx, ax]
  const y1 = upper.y + NODE_H
  const y2 = lower.y
  const mid = (y1 + y2) / 2
  return `M${f(ux)},${y1} C${f(ux)},${f(mid)} ${f(lx)},${f(mid)} ${f(lx)},${y2}`
}

/** A coordinate with at most one decimal. */
function f(value: number): string {
  return String(Math.round(value * 10) / 10)
}

function tierLabel(rank: number, documents: readonly PlanDocument[], tr: Translator): string {
  const doc = documents.find((d) => levelRank(d.jurisdiction?.level ?? null) === rank)
  const key = `level-${doc?.jurisdiction?.level ?? 'other'}`
  return `<tspan data-i18n="${key}">${tr.text(key)}</tspan>`
}
