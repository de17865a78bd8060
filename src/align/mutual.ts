/**
 * Mutual best matches where the evidence is thin. A work-report paragraph holding ten goals finds,
 * in every other report, some paragraph that shares its vocabulary (数字, 平台, 建设); the per-item
 * selection keeps a pair when either item chooses it, so such weak links are many. A pair scored
 * under `strong` is kept only when each item ranks the other among its `rank` best towards the
 * other's document: one-sided weak matches go, a weak pair both sides agree on stays. Pairs at
 * `strong` or above are kept as they are. The work is linear in the pairs given.
 */
import { byScore } from './select.js'

/** What the mutual check needs of a pair: its score, ids, and both ends' item index and document. */
export interface SelectablePair {
  source: string
  target: string
  score: number
  from: { index: number; docId: string }
  to: { index: number; docId: string }
}

export interface MutualOptions {
  /** Ranks each end of a weak pair must give the other, towards the other's document; 1 = mutual best. */
  rank: number
  /** Pairs scoring this or more are kept without the mutual check; above 1 checks every pair. */
  strong: number
}

/** The pairs that are strong or mutually among the best `rank`, in the order given. */
export function keepMutual<P extends SelectablePair>(pairs: readonly P[], options: MutualOptions): P[] {
  // each item's pairs towards each other document, best first
  const lists = new Map<string, P[]>()
  const push = (item: number, otherDoc: string, pair: P) => {
    const key = `${item}\u0000${otherDoc}`
    const list = lists.get(key)
    if (list) list.push(pair)
    else lists.set(key, [pair])
  }
  for (const pair of pairs) {
    push(pair.from.index, pair.to.docId, pair)
    push(pair.to.index, pair.from.docId, pair)
  }
  const ranked = new Set<P>()
  const seen = new Map<P, number>()
  for (const list of lists.values()) {
    list.sort(byScore)
    // a pair reaches `ranked` when both of its ends list it among their first `rank`
    for (const pair of list.slice(0, options.rank)) {
      const count = (seen.get(pair) ?? 0) + 1
      seen.set(pair, count)
      if (count === 2) ranked.add(pair)
    }
  }
  return pairs.filter((p) => p.score >= options.strong || ranked.has(p))
}
