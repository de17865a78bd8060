/**
 * Building the hierarchy. Labels are placed by the order in which their styles appear (a style seen
 * inside another is its child), not by a fixed list of levels; numbering that restarts without a new
 * parent label means a heading was lost, and an inferred section is started for it.
 */
import type { LabelStyle, PlanWarning } from '../model/index.js'
import type { Piece } from './pieces.js'

export type NodeKind = 'root' | 'label' | 'inferred' | 'paragraph' | 'box' | 'table'

export interface TreeNode {
  kind: NodeKind
  style: LabelStyle | null
  number: number | null
  /** Piece holding the label (and, for content labels, the lead sentence). */
  labelPiece: number | null
  /** Piece holding a title printed on the line after a bare label (第三章 / 加快…建设). */
  titlePiece: number | null
  /** Title from the table of contents, when the body prints only the number. */
  tocTitle: string | null
  /** True when the label line holds only the label and a title (一、推进…), no body text. */
  headingLine: boolean
  /** Text pieces (and clauses) of the node's own body, in order. */
  content: number[]
  children: TreeNode[]
  parent: TreeNode | null
  /** For boxes: indentation of the box lines and of the body around it. */
  boxIndent?: number
  bodyIndent?: number
  /** For tables: the table index in the parse result. */
  table?: number
  /** True when a label was placed out of order (shuffled scrape). */
  outOfOrder?: boolean
  /** Pieces of text that followed a repeated label and were attached to this node. */
  attachedAfterDuplicate?: boolean
  /** Sequence number of creation, for stable sorting. */
  seq: number
}

export function createNode(kind: NodeKind, parent: TreeNode | null, seq: number): TreeNode {
  return {
    kind,
    style: null,
    number: null,
    labelPiece: null,
    titlePiece: null,
    tocTitle: null,
    headingLine: false,
    content: [],
    children: [],
    parent,
    seq,
  }
}

/** The label children of a node by style (largest number, numbers seen), and its inferred children. */
interface ChildStats {
  /** The children array counted (a node whose children were replaced is counted again). */
  children: TreeNode[]
  /** How many of the children were counted. */
  seen: number
  labels: Map<LabelStyle, { max: number; numbers: Set<number> }>
  inferred: number
}

/**
 * Places labels in a tree, remembering which styles were seen inside which, and starting inferred
 * sections where numbering restarts.
 */
export class TreeBuilder {
  readonly root: TreeNode
  /** Open label nodes from the root down. */
  stack: TreeNode[]
  private seq = 0
  /** Styles seen below each style. */
  private readonly below = new Map<LabelStyle, Set<LabelStyle>>()
  readonly warnings: PlanWarning[] = []
  outOfOrder = false

  /** Content labels hold paragraphs of their own (a layout whose items are paragraphs). */
  private readonly labelsHoldParagraphs: boolean

  constructor(labelsHoldParagraphs = false) {
    this.labelsHoldParagraphs = labelsHoldParagraphs
    this.root = createNode('root', null, this.seq++)
    this.stack = [this.root]
  }

  newNode(kind: NodeKind, parent: TreeNode): TreeNode {
    const node = createNode(kind, parent, this.seq++)
    parent.children.push(node)
    return node
  }

  /** The innermost open node that can hold paragraphs and boxes (not a content item). */
  sectionTop(): TreeNode {
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const node = this.stack[k] as TreeNode
      if (node.kind !== 'label' || node.headingLine || this.labelsHoldParagraphs) return node
    }
    return this.root
  }

  /** Places a label of `style` and `number`; returns the new node (already on the stack). */
  placeLabel(style: LabelStyle, number: number, span: [number, number]): TreeNode {
    // an unnumbered part heading and an annex are top-level parts: the numbering inside them is theirs
    if (style === 'heading' || style === 'annex') {
      this.stack.length = 1
      const node = this.newNode('label', this.root)
      node.style = style
      node.number = number
      this.stack.push(node)
      return node
    }
    const below = this.below.get(style) ?? new Set<LabelStyle>()
    let index = -1
    for (let k = this.stack.length - 1; k > 0; k--) {
      if ((this.stack[k] as TreeNode).style === style) {
        index = k
        break
      }
    }
    let parentIndex: number
    if (index > 0) parentIndex = index - 1
    else {
      // Not open: close the open labels of styles that were seen below this one before.
      parentIndex = this.stack.length - 1
      while (parentIndex > 0) {
        const node = this.stack[parentIndex] as TreeNode
        if (node.kind === 'label' && node.style && below.has(node.style)) parentIndex--
        else break
      }
    }
    let parent = this.stack[parentIndex] as TreeNode
    const stats = this.childStats(parent)
    const siblings = stats.labels.get(style)
    const maxNumber = siblings?.max ?? 0
    const restart =
      siblings !== undefined && number <= maxNumber && (number === 1 || siblings.numbers.has(number))
    const mixing = index < 0 && [...stats.labels.keys()].some((s) => below.has(s))
    if (restart || mixing) {
      parent = this.startInferred(parentIndex, span)
      parentIndex = this.stack.length - 1
    } else if (siblings !== undefined && number < maxNumber) {
      this.outOfOrder = true
    }
    this.stack.length = parentIndex + 1
    const node = this.newNode('label', parent)
    node.style = style
    node.number = number
    for (const open of this.stack) if (open.kind === 'label' && open.style) this.noteBelow(open.style, style)
    this.stack.push(node)
    return node
  }

  /**
   * What the label children of `parent` hold, by style, and how many inferred children it has: kept
   * up to date as children are appended (filtering the children for every label was quadratic on a
   * line of 一、（一）1. repeated), and counted again when the children were replaced.
   */
  private readonly stats = new WeakMap<TreeNode, ChildStats>()
  private childStats(parent: TreeNode): ChildStats {
    let stats = this.stats.get(parent)
    if (!stats || stats.children !== parent.children || stats.seen > parent.children.length) {
      stats = { children: parent.children, seen: 0, labels: new Map(), inferred: 0 }
      this.stats.set(parent, stats)
    }
    for (; stats.seen < parent.children.length; stats.seen++) {
      const child = parent.children[stats.seen] as TreeNode
      if (child.kind === 'inferred') stats.inferred++
      if (child.kind !== 'label' || child.style === null) continue
      let entry = stats.labels.get(child.style)
      if (!entry) {
        entry = { max: 0, numbers: new Set() }
        stats.labels.set(child.style, entry)
      }
      entry.max = Math.max(entry.max, child.number ?? 0)
      if (child.number !== null) entry.numbers.add(child.number)
    }
    return stats
  }

  private noteBelow(outer: LabelStyle, inner: LabelStyle): void {
    if (outer === inner) return
    let set = this.below.get(outer)
    if (!set) {
      set = new Set()
      this.below.set(outer, set)
    }
    set.add(inner)
  }

  /**
   * A heading was lost: start a new inferred section. Where an inferred level is already open, the new
   * section is its sibling; otherwise the parent's children so far are wrapped into a first inferred
   * section and a second one starts.
   */
  private startInferred(parentIndex: number, span: [number, number]): TreeNode {
    const openInferred = this.stack.findIndex((n) => n.kind === 'inferred')
    let host: TreeNode
    if (openInferred >= 0) {
      host = this.stack[openInferred - 1] as TreeNode
      this.stack.length = openInferred
    } else {
      host = this.stack[parentIndex] as TreeNode
      this.stack.length = parentIndex + 1
      const first = createNode('inferred', host, this.seq++)
      first.children = host.children
      for (const child of first.children) child.parent = first
      host.children = [first]
    }
    const node = this.newNode('inferred', host)
    this.stack.push(node)
    const count = this.childStats(host).inferred
    this.warnings.push({
      code: 'missing-heading',
      message: `numbering restarts without a new heading: a heading was probably lost in scraping; started inferred section ${count}`,
      span,
    })
    return node
  }
}

/** Pre-order walk over a tree. */
export function* walk(node: TreeNode): Generator<TreeNode> {
  yield node
  for (const child of node.children) yield* walk(child)
}

/**
 * Shuffled scrapes (two passes through a page, interleaved) put labels out of order. Where a style is
 * numbered continuously through the document (一、(一)(二) 二、(三)…), each parent label is directly
 * followed by its first child; those pairs tell which parent each child number belongs to.
 */
export function reparentShuffled(root: TreeNode, pieces: Piece[]): void {
  const labels = [...walk(root)].filter((n) => n.kind === 'label')
  const styles = new Set(labels.map((n) => n.style))
  for (const childStyle of styles) {
    const children = labels.filter((n) => n.style === childStyle)
    const numbers = children.map((n) => n.number)
    if (new Set(numbers).size !== numbers.length) continue // numbered per parent: nothing to infer
    const parents = new Set(children.map((n) => n.parent).filter((p): p is TreeNode => p?.kind === 'label'))
    if (parents.size < 2) continue
    const anchors: Array<{ parent: TreeNode; first: number }> = []
    for (const parent of parents) {
      const anchor = parent.children.find(
        (c) =>
          c.style === childStyle &&
          c.labelPiece !== null &&
          parent.labelPiece !== null &&
          isNextContent(pieces, parent.labelPiece, c.labelPiece),
      )
      if (anchor?.number != null) anchors.push({ parent, first: anchor.number })
    }
    if (anchors.length < 2) continue
    anchors.sort((a, b) => a.first - b.first)
    for (const child of children) {
      const number = child.number ?? 0
      let target: TreeNode | null = null
      for (const anchor of anchors) if (anchor.first <= number) target = anchor.parent
      if (!target || target === child.parent) continue
      const old = child.parent as TreeNode
      old.children = old.children.filter((c) => c !== child)
      target.children.push(child)
      child.parent = target
    }
  }
  for (const node of walk(root)) node.children.sort(compareLabelOrder)
}

function isNextContent(pieces: Piece[], from: number, to: number): boolean {
  for (let i = from + 1; i < pieces.length; i++) {
    const p = pieces[i] as Piece
    if (p.kind === 'blank') continue
    return i === to
  }
  return false
}

/** Label order: labelled children by number (styles kept apart), others after them in creation order. */
function compareLabelOrder(a: TreeNode, b: TreeNode): number {
  const aLabel = a.kind === 'label' ? 0 : 1
  const bLabel = b.kind === 'label' ? 0 : 1
  if (aLabel !== bLabel) return aLabel - bLabel
  if (aLabel === 0 && a.style === b.style) return (a.number ?? 0) - (b.number ?? 0) || a.seq - b.seq
  return a.seq - b.seq
}
