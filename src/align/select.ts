/**
 * Links bounded per item, chosen while pairs are scored: each item keeps its best pairs, up to `topK`
 * towards each related document and up to `maxLinks` more towards the others (at most `topK` per
 * document); a pair is kept when either of its items keeps it. The choice only gets stricter as pairs
 * arrive (a pair an item's best already push out never comes back), so each item's list is cut to
 * its choice whenever it grows long: memory stays bounded per item, whatever the number of pairs
 * scored.
 */

/** What the selection needs of a pair. */
export interface SelectablePair {
  source: string
  target: string
  score: number
  /** Item indexes and document ids of both ends. */
  from: { index: number; docId: string }
  to: { index: number; docId: string }
}

export interface SelectOptions {
  topK: number
  maxLinks: number
  /** Related documents of each document (both directions). */
  relatedOf: ReadonlyMap<string, ReadonlySet<string>>
}

/** Higher score first, then source and target ids: the order links are kept and listed in. */
export function byScore(
  a: Pick<SelectablePair, 'score' | 'source' | 'target'>,
  b: Pick<SelectablePair, 'score' | 'source' | 'target'>,
): number {
  return (
    b.score - a.score || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : 1)
  )
}

/** Collects scored pairs and keeps, per item, only those it may still choose. */
export class LinkSelector<P extends SelectablePair> {
  private readonly pairs: Array<P | null> = []
  private readonly references: number[] = []
  private readonly free: number[] = []
  private readonly lists = new Map<number, number[]>()

  constructor(private readonly options: SelectOptions) {}

  /** Offers a scored pair (above the threshold) to both of its items. */
  add(pair: P): void {
    const slot = this.free.pop() ?? this.pairs.length
    this.pairs[slot] = pair
    this.references[slot] = 2
    for (const [item, doc] of [
      [pair.from.index, pair.from.docId],
      [pair.to.index, pair.to.docId],
    ] as const) {
      let list = this.lists.get(item)
      if (!list) {
        list = []
        this.lists.set(item, list)
      }
      list.push(slot)
      // the longest list an item can need, with room so that cutting is rare
      const bound =
        this.options.maxLinks + this.options.topK * ((this.options.relatedOf.get(doc)?.size ?? 0) + 1)
      if (list.length > 2 * bound + 8) this.lists.set(item, this.choose(item, doc, list, true))
    }
  }

  /** The slots an item chooses from its list; with `release`, the others lose this item's reference. */
  private choose(item: number, doc: string, list: number[], release: boolean): number[] {
    const related = this.options.relatedOf.get(doc)
    list.sort((x, y) => byScore(this.pairs[x] as P, this.pairs[y] as P))
    const perDocument = new Map<string, number>()
    let others = 0
    const chosen: number[] = []
    for (const slot of list) {
      const pair = this.pairs[slot] as P
      const other = pair.from.index === item ? pair.to.docId : pair.from.docId
      const count = perDocument.get(other) ?? 0
      let keep = count < this.options.topK
      if (keep && !related?.has(other)) {
        keep = others < this.options.maxLinks
        if (keep) others++
      }
      if (keep) {
        perDocument.set(other, count + 1)
        chosen.push(slot)
      } else if (release) this.release(slot)
    }
    return chosen
  }

  private release(slot: number): void {
    this.references[slot] = (this.references[slot] as number) - 1
    if (this.references[slot] === 0) {
      this.pairs[slot] = null
      this.free.push(slot)
    }
  }

  /** Every pair some item chooses, best first. */
  selected(): P[] {
    const kept = new Set<number>()
    for (const [item, list] of this.lists) {
      if (list.length === 0) continue
      const first = this.pairs[list[0] as number] as P
      const doc = first.from.index === item ? first.from.docId : first.to.docId
      for (const slot of this.choose(item, doc, list, false)) kept.add(slot)
    }
    return [...kept].map((slot) => this.pairs[slot] as P).sort(byScore)
  }

  /** Every pair still held (chosen or not yet cut), for decisions that look pairs up. */
  held(): P[] {
    return this.pairs.filter((p): p is P => p !== null)
  }
}
