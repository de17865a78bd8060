/**
 * From the tree to the records: sections, items (with their text and parts) and the regions that
 * cover the whole source text.
 */
import type { FlattenedTable } from '../extract/index.js'
import type { PartRole, PlanItem, Region, Section, Span, TableRow } from '../model/index.js'
import type { NormalizedText } from '../normalize/index.js'
import { toSourceSpan } from '../normalize/index.js'
import { composeItemText } from './item-text.js'
import { labelNumber, pathComponent } from './labels.js'
import type { Piece } from './pieces.js'
import { type TreeNode, walk } from './tree.js'
import { itemHeading, leadPhrase, type PieceRole } from './walk.js'

/** The record fields of a table row (the parser's drafts also carry cell positions). */
export function tableRowRecord(row: FlattenedTable['rows'][number]): TableRow {
  const { table, category, indicator, unit, base, target, reference, annual, span } = row
  return { table, category, indicator, unit, base, target, reference, annual, span }
}

export interface BuiltRecords {
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

export function buildRecords(
  docId: string,
  text: string,
  pieces: Piece[],
  root: TreeNode,
  tocTitles: Map<string, string>,
  tables: FlattenedTable[],
  roleOfTitle: (title: string) => PartRole = () => null,
  /** Every heading line opens a section (a work report's parts), never a headed item. */
  headingsAreSections = false,
): BuiltRecords {
  const sections: Section[] = []
  const sectionById = new Map<string, Section>()
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
  /** The part a section is in: its parent's, else the one its own title names (the outermost wins). */
  const roleOfSection = (sectionId: string | null): PartRole =>
    sectionId === null ? null : (sectionById.get(sectionId)?.role ?? null)
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
      if (isSection && !headingsAreSections && isHeadedItem(child, hasLead)) {
        // 1.推进5G网络建设 on its own line, its text in the paragraph below: one item, not a section
        const paragraphs = child.children.flatMap((c) => c.content)
        pushItem(child, path, sectionId, sectionTitles, 'task', [child.labelPiece as number, ...paragraphs])
        // 一、发展基础 over one paragraph is an item, and the part its heading names
        const headed = items[items.length - 1]
        if (headed && headed.role === null) headed.role = roleOfTitle(headed.heading)
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
        const section: Section = {
          id,
          path,
          // an unnumbered part heading prints no label
          label: child.labelPiece !== null ? (pieces[child.labelPiece] as Piece).label?.label || null : null,
          style: child.style,
          number: child.number,
          title,
          titleSource,
          depth,
          inferred: child.kind === 'inferred',
          parentId: sectionId,
          children: [],
          span: labelSpan,
          role: roleOfSection(sectionId) ?? roleOfTitle(title),
        }
        sections.push(section)
        sectionById.set(id, section)
        // by id, not by a scan of the sections so far (quadratic on a line of 一、（一）1. repeated)
        if (sectionId !== null) sectionById.get(sectionId)?.children.push(id)
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
            text: text.slice(row.span[0], row.span[1]).replace(/\s+/g, joinLines).trim(),
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
            role: roleOfSection(sectionId),
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
      role: roleOfSection(sectionId),
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
  tasksAfterGoals(sections, items)
  return { sections, items, sectionIds, itemIds }
}

/**
 * A plan states its goals and then its tasks under headings of their own topics: 一、总体要求 二、全面落实
 * 立德树人根本任务 三、系统构建高质量教育体系 … — the top-level parts after the goals part, until a part
 * names itself otherwise, are tasks. Annexes stay as they are.
 */
function tasksAfterGoals(sections: Section[], items: PlanItem[]): void {
  let afterGoals = false
  const changed = new Set<string>()
  for (const section of sections) {
    if (section.parentId === null) {
      if (section.role === 'goals') afterGoals = true
      else if (section.role === null && afterGoals && section.style !== 'annex') {
        section.role = 'tasks'
        changed.add(section.id)
      }
    } else if (section.role === null && changed.has(section.parentId)) {
      section.role = 'tasks'
      changed.add(section.id)
    }
  }
  for (const item of items) if (item.sectionId !== null && changed.has(item.sectionId)) item.role = 'tasks'
}

/** Structural styles whose headings always open a section. */
const SECTION_STYLES = new Set(['part', 'chapter', 'section', 'table', 'heading', 'annex'])

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
export function buildRegions(
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
  const rows = tables.flatMap((t) => t.rows)
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
      const row = rowHolding(rows, piece.start, piece.end)
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
export function summaryParts(text: string, pieces: Piece[], roles: PieceRole[]): string[] {
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
export function nameInferredSections(sections: Section[], items: PlanItem[], names: string[]): void {
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

/**
 * The table row holding `[start, end)`. Rows follow one another (tables in order, rows in
 * order), so a binary search finds the last row starting at or before `start`; a scan of every row
 * for each cell was quadratic in the cells of a long table.
 */
function rowHolding(rows: FlattenedTable['rows'], start: number, end: number) {
  let lo = 0
  let hi = rows.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((rows[mid] as FlattenedTable['rows'][number]).span[0] <= start) lo = mid + 1
    else hi = mid
  }
  for (let k = lo - 1; k >= 0; k--) {
    const row = rows[k] as FlattenedTable['rows'][number]
    if (start >= row.span[0] && end <= row.span[1]) return row
    if (row.span[1] <= start) break
  }
  return undefined
}

/** A run of white space holding a line break becomes one space; other runs stay (one linear pass). */
function joinLines(run: string): string {
  return run.includes('\n') ? ' ' : run
}
