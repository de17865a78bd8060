/**
 * Scoring an alignment against hand-labelled goal threads. Each gold member is a document id and an
 * exact anchor string; an item holds an anchor when its NFKC text without white space contains it.
 * For every pair of anchors in different documents: gold-same when they are in one gold thread,
 * predicted-same when their items are linked or share a predicted thread.
 */
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

export interface Evaluation {
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
