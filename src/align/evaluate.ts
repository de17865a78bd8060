/**
 * Scoring an alignment against hand-labelled goal threads. Each gold member is a document id and an
 * exact anchor string; an item holds an anchor when its NFKC text without white space contains it.
 * For every pair of anchors in different documents: gold-same when they are in one gold thread,
 * predicted-same when their items are linked or share a predicted thread.
 */
import { pairKey } from '../collections.js'
import type { Link, PlanDocument, Thread } from '../model/index.js'

export interface GoldThreads {
  threads: Array<{ id: string; members: Array<{ doc: string; anchor: string; role?: string }> }>
  /** Pairs that must not be linked. */
  negatives?: Array<{ a: { doc: string; anchor: string }; b: { doc: string; anchor: string }; why?: string }>
}

export interface AnchorPairResult {
  a: { doc: string; anchor: string }
  b: { doc: string; anchor: string }
  gold: boolean
  predicted: boolean
}

/** Precision, recall and F1 over item pairs, and the hard negatives linked. */
export interface ItemPairScores {
  precision: number
  recall: number
  f1: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
  /** Item pairs of hard negatives (no gold thread shared) that were predicted the same. */
  hardNegativesLinked: number
  /** Item pairs of hard negatives. */
  hardNegatives: number
}

export interface Evaluation {
  /**
   * By item pairs, links only: two items of different documents that hold anchors of one gold thread
   * are a positive (an item with two goals may be positive with both); two items holding anchors only of
   * different threads are a negative; pairs where an item holds no anchor are not judged.
   */
  itemPairs: ItemPairScores
  /** The same, where sharing a predicted thread also counts as predicted the same. */
  itemPairsWithThreads: ItemPairScores
  /** By anchor pairs (links or threads): */
  precision: number
  recall: number
  f1: number
  truePositives: number
  falsePositives: number
  falseNegatives: number
  /** Anchors no item holds. */
  unmatchedAnchors: Array<{ doc: string; anchor: string }>
  /** Hard negatives that were linked or threaded together. */
  linkedNegatives: Array<{ a: string; b: string; why: string }>
  pairs: AnchorPairResult[]
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')

export function evaluateAlignment(
  gold: GoldThreads,
  documents: PlanDocument[],
  result: { links: Link[]; threads: Thread[] },
): Evaluation {
  const texts = new Map<string, Array<{ id: string; text: string }>>()
  for (const d of documents)
    texts.set(
      d.id,
      d.items.map((i) => ({ id: i.id, text: fold(i.text) })),
    )
  const holders = (doc: string, anchor: string) =>
    (texts.get(doc) ?? []).filter((i) => i.text.includes(fold(anchor))).map((i) => i.id)
  const linked = new Set(
    result.links.flatMap((l) => [`${l.source}\u0000${l.target}`, `${l.target}\u0000${l.source}`]),
  )
  // an item may be in more than one thread (it states two goals)
  const threadsOf = new Map<string, Set<string>>()
  for (const t of result.threads) {
    for (const id of t.items) threadsOf.set(id, (threadsOf.get(id) ?? new Set<string>()).add(t.id))
  }
  const shareThread = (x: string, y: string) =>
    [...(threadsOf.get(x) ?? [])].some((t) => threadsOf.get(y)?.has(t))
  const predictedSame = (xs: string[], ys: string[]) =>
    xs.some((x) => ys.some((y) => x === y || linked.has(`${x}\u0000${y}`) || shareThread(x, y)))

  const anchors = gold.threads.flatMap((t) => t.members.map((m) => ({ ...m, thread: t.id })))
  const unmatched = anchors
    .filter((a) => holders(a.doc, a.anchor).length === 0)
    .map(({ doc, anchor }) => ({ doc, anchor }))
  const pairs: AnchorPairResult[] = []
  for (let x = 0; x < anchors.length; x++) {
    for (let y = x + 1; y < anchors.length; y++) {
      const a = anchors[x] as (typeof anchors)[number]
      const b = anchors[y] as (typeof anchors)[number]
      if (a.doc === b.doc) continue
      pairs.push({
        a: { doc: a.doc, anchor: a.anchor },
        b: { doc: b.doc, anchor: b.anchor },
        gold: a.thread === b.thread,
        predicted: predictedSame(holders(a.doc, a.anchor), holders(b.doc, b.anchor)),
      })
    }
  }
  const directly = (x: string, y: string) => linked.has(`${x}\u0000${y}`)
  const either = (x: string, y: string) => directly(x, y) || shareThread(x, y)
  const itemPairs = scoreItemPairs(gold, holders, (x, y) => directly(x, y))
  const itemPairsWithThreads = scoreItemPairs(gold, holders, either)
  const tp = pairs.filter((p) => p.gold && p.predicted).length
  const fp = pairs.filter((p) => !p.gold && p.predicted).length
  const fn = pairs.filter((p) => p.gold && !p.predicted).length
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  const linkedNegatives = (gold.negatives ?? [])
    .filter((n) => predictedSame(holders(n.a.doc, n.a.anchor), holders(n.b.doc, n.b.anchor)))
    .map((n) => ({ a: `${n.a.doc}: ${n.a.anchor}`, b: `${n.b.doc}: ${n.b.anchor}`, why: n.why ?? '' }))
  return {
    itemPairs,
    itemPairsWithThreads,
    precision,
    recall,
    f1,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    unmatchedAnchors: unmatched,
    linkedNegatives,
    pairs,
  }
}

/** Unordered key of two item ids. */
const docOfItem = (id: string) => id.slice(0, id.indexOf('#'))

/**
 * The gold item pairs of a labelled set: positives (items holding anchors of one thread), negatives
 * (items holding anchors, never of one thread) and hard negatives (items of a labelled negative, never
 * of one thread), each as unordered keys of items of different documents.
 */
export function goldItemPairs(
  gold: GoldThreads,
  holders: (doc: string, anchor: string) => string[],
): { positives: Set<string>; negatives: Set<string>; hard: Set<string> } {
  const threadsOf = new Map<string, Set<string>>()
  for (const t of gold.threads) {
    for (const m of t.members) {
      for (const id of holders(m.doc, m.anchor)) {
        threadsOf.set(id, (threadsOf.get(id) ?? new Set<string>()).add(t.id))
      }
    }
  }
  const items = [...threadsOf.keys()].sort()
  const positives = new Set<string>()
  const negatives = new Set<string>()
  for (let x = 0; x < items.length; x++) {
    for (let y = x + 1; y < items.length; y++) {
      const a = items[x] as string
      const b = items[y] as string
      if (docOfItem(a) === docOfItem(b)) continue
      const ta = threadsOf.get(a) as Set<string>
      const shared = [...(threadsOf.get(b) as Set<string>)].some((t) => ta.has(t))
      ;(shared ? positives : negatives).add(pairKey(a, b))
    }
  }
  const hard = new Set<string>()
  for (const n of gold.negatives ?? []) {
    for (const a of holders(n.a.doc, n.a.anchor)) {
      for (const b of holders(n.b.doc, n.b.anchor)) {
        const key = pairKey(a, b)
        if (docOfItem(a) !== docOfItem(b) && !positives.has(key)) hard.add(key)
      }
    }
  }
  return { positives, negatives, hard }
}

function scoreItemPairs(
  gold: GoldThreads,
  holders: (doc: string, anchor: string) => string[],
  predicted: (x: string, y: string) => boolean,
): ItemPairScores {
  const { positives, negatives, hard } = goldItemPairs(gold, holders)
  const isPredicted = (key: string) => {
    const [x, y] = key.split('\u0000') as [string, string]
    return predicted(x, y)
  }
  let tp = 0
  let fn = 0
  let fp = 0
  for (const key of positives) isPredicted(key) ? tp++ : fn++
  for (const key of negatives) if (isPredicted(key)) fp++
  let hardLinked = 0
  for (const key of hard) if (isPredicted(key)) hardLinked++
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return {
    precision,
    recall,
    f1,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    hardNegativesLinked: hardLinked,
    hardNegatives: hard.size,
  }
}
