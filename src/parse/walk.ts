/**
 * The walk over the pieces: every piece gets a role (item text, heading, preamble, duplicate, …) and
 * labelled pieces are placed in the tree.
 */
import type { PlanWarning, RegionKind } from '../model/index.js'
import { pieceKey } from './dedupe.js'
import type { Piece } from './pieces.js'
import type { TableOfContents } from './toc.js'
import { TreeBuilder, type TreeNode } from './tree.js'

export interface PieceRole {
  kind: RegionKind | 'title'
  /** Node whose item or heading this piece is part of. */
  node?: TreeNode
  note?: string
}

export interface WalkInput {
  text: string
  pieces: Piece[]
  /** Duplicate piece -> its first copy. */
  duplicateOf: Map<number, number>
  /** Roles fixed before the walk (toc, table). */
  fixed: Map<number, PieceRole>
  /** Table index by the piece of its label. */
  tableAt: Map<number, number>
  /** Normalized title, to recognise title lines. */
  titleKeys: Set<string>
  toc: TableOfContents | null
  /** Take text before the first label as body (for documents without any label). */
  startInBody: boolean
  /**
   * A layout's items are paragraphs (a work report): each new paragraph under a numbered point, and
   * each sub-item run (一是, ——), is an item of its own; a line that goes on with the sentence before it
   * (a broken line) is not a new paragraph.
   */
  paragraphItems?: boolean
  /** A layout's speech formulas (see `Layout.formulas`): a piece saying one is a formula region. */
  formulas?: RegExp[]
}

export interface WalkResult {
  root: TreeNode
  roles: PieceRole[]
  warnings: PlanWarning[]
  outOfOrder: boolean
  labelCount: number
}

const LEAD_MAX = 40

/** How a plan's own introduction opens: 2019年,… / 为…, / 以习近平…为指导 / 根据…. */
const PLAN_INTRODUCTION = /^(?:\d{4}年[,，]|为[^。]{2,40}[,，]|以习近平|根据|按照)|为指导/
const TITLE_LINE_MAX = 30

/** Title of a section printed on its own line after a bare label: short, no sentence punctuation. */
function looksLikeTitleLine(text: string): boolean {
  const t = text.trim()
  return t.length > 0 && t.length <= TITLE_LINE_MAX && !/[。，,；;：:！？]/.test(t)
}

export function walkPieces(input: WalkInput): WalkResult {
  const { text, pieces, duplicateOf, fixed, tableAt, titleKeys } = input
  const paragraphItems = input.paragraphItems ?? false
  const tree = new TreeBuilder(paragraphItems)
  const roles: PieceRole[] = pieces.map(() => ({ kind: 'other' }))
  const warnings: PlanWarning[] = []
  /** Node of each label piece, so that text after a repeated label can go to the first copy's node. */
  const nodeOfLabelPiece = new Map<number, TreeNode>()
  let open: TreeNode | null = null
  let labelCount = 0
  let annexCount = 0
  let inPreamble = !input.startInBody
  const formulas = input.formulas ?? []
  /** The piece before was the document's title. */
  let titleJustSeen = false
  /** Node that text after a repeated label is being attached to. */
  let attachingAfterDuplicate: TreeNode | null = null
  let lastBodyIndent: number | null = null
  const closedByClause = new Set<TreeNode>()
  const warnedAfterClause = new Set<TreeNode>()

  const pieceText = (p: Piece) => text.slice(p.start, p.end)

  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece
    const preset = fixed.get(i)
    if (preset) {
      roles[i] = preset
      if (tableAt.has(i)) {
        const section = tree.sectionTop()
        tree.stack.length = Math.max(1, tree.stack.indexOf(section) + 1)
        const node = tree.newNode('table', section)
        node.table = tableAt.get(i) as number
        node.labelPiece = i
        roles[i] = { kind: 'table', node }
        open = null
        inPreamble = false
      }
      continue
    }
    if (piece.kind === 'blank') continue
    if (piece.kind === 'boilerplate') {
      roles[i] = { kind: 'boilerplate', note: piece.rule ?? 'boilerplate' }
      continue
    }
    const key = pieceKey(pieceText(piece))
    if (piece.kind !== 'label' && titleKeys.has(key)) {
      roles[i] = { kind: 'heading', note: 'title' }
      titleJustSeen = true
      continue
    }
    // A title printed again inside the body (a notice, then the plan) is followed by the plan's own
    // introduction: 2019年,数字福建要以…为指导,… — preamble, not the text of the item before.
    const introduction = titleJustSeen && piece.kind === 'text' && PLAN_INTRODUCTION.test(pieceText(piece))
    titleJustSeen = false
    if (introduction && !inPreamble) {
      roles[i] = { kind: 'preamble', note: 'introduction after the title' }
      continue
    }
    const first = duplicateOf.get(i)
    if (first !== undefined) {
      roles[i] = { kind: 'duplicate', note: `repeats the text at piece ${first}` }
      const original = nodeOfLabelPiece.get(first)
      if (piece.kind === 'label' && original) {
        // Text after a repeated label is attached to the first copy's item, with a warning: in a
        // shuffled scrape it may belong to another item.
        open = original.kind === 'label' && original.headingLine ? null : original
        attachingAfterDuplicate = open
      }
      continue
    }

    if (piece.kind === 'label' && piece.label) {
      attachingAfterDuplicate = null
      const label = piece.label
      labelCount++
      inPreamble = false
      if (label.style === 'key-project') {
        const section = tree.sectionTop()
        tree.stack.length = Math.max(1, tree.stack.indexOf(section) + 1)
        const box = tree.newNode('box', section)
        box.style = 'key-project'
        box.number = label.number
        box.labelPiece = i
        box.boxIndent = piece.indent
        box.bodyIndent = lastBodyIndent ?? piece.indent
        nodeOfLabelPiece.set(i, box)
        roles[i] = { kind: 'item', node: box }
        open = box
        continue
      }
      // annexes are counted, as 附件 may print no number
      const number = label.style === 'annex' ? ++annexCount : label.number
      const node = tree.placeLabel(label.style, number, [piece.start, piece.end])
      node.labelPiece = i
      nodeOfLabelPiece.set(i, node)
      const after = pieceText(piece).slice(label.length)
      const next = pieces[i + 1]
      const endsLine = !next || next.line !== piece.line || next.kind === 'label'
      const isHeading = endsLine && !/[。！？!?]$/.test(after.trim()) && after.trim().length <= 60
      node.headingLine = isHeading
      roles[i] = { kind: isHeading ? 'heading' : 'item', node }
      if (isHeading && after.trim() === '') {
        // 第三章 alone on its line: the title may be on the next line, else in the contents.
        const titleIndex = nextContentIndex(pieces, i)
        const titlePiece = titleIndex === null ? null : (pieces[titleIndex] as Piece)
        if (
          titlePiece &&
          titlePiece.kind === 'text' &&
          titlePiece.startsLine &&
          !duplicateOf.has(titleIndex as number) &&
          looksLikeTitleLine(pieceText(titlePiece))
        ) {
          node.titlePiece = titleIndex
          roles[titleIndex as number] = { kind: 'heading', node }
          i = titleIndex as number
        }
      }
      open = isHeading ? null : node
      continue
    }

    // text or clause
    // a formula is the sentence that says it (a work report's pieces are its sentences): a line may
    // hold whole sections of a scraped page, so nothing around it is taken with it
    if (!inPreamble && formulas.length > 0 && formulas.some((f) => f.test(pieceText(piece)))) {
      roles[i] = { kind: 'formula' }
      open = null
      continue
    }
    if (inPreamble) {
      roles[i] = { kind: 'preamble' }
      continue
    }
    if (open?.kind === 'box' && piece.startsLine) {
      const boxEnded = open.boxIndent !== open.bodyIndent && piece.indent === open.bodyIndent
      if (boxEnded) open = null
    }
    if (paragraphItems && open && open.kind !== 'box') {
      // a new paragraph (after a sentence end) or a sub-item run starts an item of its own
      const newParagraph = piece.startsLine && endsSentence(text, piece.start)
      if (newParagraph || piece.subItem) open = null
    } else if (open && piece.startsLine && open.kind === 'paragraph') open = null
    if (open) {
      const afterDuplicate = open === attachingAfterDuplicate
      const hasWords = pieceKey(pieceText(piece)) !== '' // a lone 。 after the clause says nothing
      if (
        closedByClause.has(open) &&
        piece.kind === 'text' &&
        hasWords &&
        !afterDuplicate &&
        !warnedAfterClause.has(open)
      ) {
        warnedAfterClause.add(open)
        warnings.push({
          code: 'text-after-responsibility',
          message: 'text follows the item’s 责任单位 clause: it may belong to an item whose label was lost',
          span: [piece.start, piece.end],
        })
      }
      open.content.push(i)
      if (open === attachingAfterDuplicate && !open.attachedAfterDuplicate) {
        open.attachedAfterDuplicate = true
        warnings.push({
          code: 'text-after-duplicate-label',
          message:
            'text after a repeated label was attached to that label’s item; it may belong to another item',
          span: [piece.start, piece.end],
        })
      }
      roles[i] = { kind: 'item', node: open }
      if (piece.kind === 'clause') closedByClause.add(open)
      if (open.kind !== 'box') lastBodyIndent = piece.indent
      continue
    }
    const section = tree.sectionTop()
    tree.stack.length = Math.max(1, tree.stack.indexOf(section) + 1)
    const paragraph = tree.newNode('paragraph', section)
    paragraph.content.push(i)
    roles[i] = { kind: 'item', node: paragraph }
    lastBodyIndent = piece.indent
    open = paragraph
  }

  if (paragraphItems) returnTrailingParagraphs(tree.root)
  warnings.push(...tree.warnings)
  return { root: tree.root, roles, warnings, outOfOrder: tree.outOfOrder, labelCount }
}

/**
 * Paragraphs after the last point of a run whose other points hold none belong to the part, not to that
 * point: （五）乡村振兴深化拓展。… （六）民生福祉持续增进。… 一年来，着重抓了以下工作：一是… closes the
 * review's list of results and goes on in the review.
 */
function returnTrailingParagraphs(node: TreeNode): void {
  for (const child of [...node.children]) returnTrailingParagraphs(child)
  const points = node.children.filter((c) => c.kind === 'label' && !c.headingLine)
  const last = points[points.length - 1]
  if (!last || points.length < 2 || last !== node.children[node.children.length - 1]) return
  const holds = (n: TreeNode) => n.children.some((c) => c.kind === 'paragraph')
  if (!holds(last) || points.slice(0, -1).some(holds)) return
  if (last.children.some((c) => c.kind !== 'paragraph')) return
  for (const paragraph of last.children) paragraph.parent = node
  node.children.push(...last.children)
  last.children = []
}

/** True when the text before `at` (blank space aside) ends a sentence or a clause: 。 ！ ？ ； ： */
function endsSentence(text: string, at: number): boolean {
  let k = at - 1
  while (k >= 0 && /\s/.test(text[k] as string)) k--
  while (k >= 0 && /[”’」』)）]/.test(text[k] as string)) k--
  return k < 0 || /[。！？!?；;：:]/.test(text[k] as string)
}

function nextContentIndex(pieces: Piece[], from: number): number | null {
  for (let k = from + 1; k < pieces.length; k++) if ((pieces[k] as Piece).kind !== 'blank') return k
  return null
}

/** A heading without the dash or bullet it is printed after: ——统一规划,创新发展 / ●智慧交通. */
function stripBullet(text: string): string {
  return text.trim().replace(/^(?:—{1,2}|-{2}|[●•◆◇■□★☆▲△○◎▶►➢✓√·])\s*/u, '')
}

/** The lead phrase of a paragraph: a short first sentence (5G网络。 / 统筹协调,集约建设。). */
export function leadPhrase(sentence: string, hasMore: boolean, max = 20): string {
  const t = stripBullet(sentence)
  if (!hasMore || !/。$/.test(t)) return ''
  const phrase = t.slice(0, -1)
  return phrase.length >= 2 && phrase.length <= max ? phrase : ''
}

/** The heading of a numbered item: its first sentence when short. */
export function itemHeading(firstSentence: string): string {
  const t = stripBullet(firstSentence)
  const phrase = t.replace(/[。！？!?]$/, '')
  if (phrase.length < 2 || phrase.length > LEAD_MAX) return ''
  return phrase
}
