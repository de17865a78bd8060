/**
 * Links bounded per item, chosen while pairs are scored: each item keeps its best pairs, up to `topK`
 * towards each related document and up to `maxLinks` more towards the others (at most `topK` per
 * document); a pair is kept when either of its items keeps it. The choice only gets stricter as pairs
 * arrive (a pair an item's best already push out never comes back), so each item's list is cut to
 * its choice whenever it grows long: memory stays bounded per item, whatever the number of pairs
 * scored.
 *
 * Pairs are slots of typed arrays (the two item indexes and the score), not objects: at 1,000
 * documents millions of pairs pass through, and an object per pair (with its features) held a
 * gigabyte. The features of the pairs kept are computed again when they become links.
 */

import { doubled, ranksById, stored } from '../collections.js'

/** What the selection reads of an item: its id (for ties) and its document. */
export interface SelectableItem {
  id: string
  docId: string
}

/** A pair the selection holds: item indexes, oriented (`from` is the link's source), and its score. */
export interface SelectedPair {
  from: number
  to: number
  score: number
}

export interface SelectOptions {
  topK: number
  maxLinks: number
  /** Related documents of each document (both directions). */
  relatedOf: ReadonlyMap<string, ReadonlySet<string>>
}

/** Higher score first, then source and target ids: the order links are kept and listed in. */
export function byScore(
  a: { score: number; source: string; target: string },
  b: { score: number; source: string; target: string },
): number {
  return (
    b.score - a.score || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : 1)
  )
}

/** Collects scored pairs and keeps, per item, only those it may still choose. */
export class LinkSelector {
  private from = new Int32Array(1024)
  private to = new Int32Array(1024)
  private scores = new Float64Array(1024)
  /** How many items' lists hold each slot (0, 1 or 2); a slot at 0 is free. */
  private references = new Uint8Array(1024)
  private used = 0
  private free: number[] = []
  /** Each item's slots, by item index. */
  private readonly lists: Array<number[] | undefined> = []
  /**
   * Each item's place in id order, its document (a number), each document's related documents and the
   * longest list an item of it can need: the selection sorts and counts by numbers, not by strings
   * looked up in maps (it was a tenth of the alignment at 1,000 documents).
   */
  private readonly rank: Int32Array
  private readonly docOf: Int32Array
  private readonly relatedOf: Array<Set<number> | undefined>
  private readonly longest: Int32Array
  /** Links chosen per document while one item chooses (zeroed again after). */
  private readonly perDocument: Int32Array
  /** Order of slots as links are kept and listed: score, then source id, then target id. */
  private readonly bySlot = (x: number, y: number): number =>
    (this.scores[y] as number) - (this.scores[x] as number) ||
    (this.rank[this.from[x] as number] as number) - (this.rank[this.from[y] as number] as number) ||
    (this.rank[this.to[x] as number] as number) - (this.rank[this.to[y] as number] as number) ||
    1

  constructor(
    items: readonly SelectableItem[],
    private readonly options: SelectOptions,
  ) {
    this.rank = ranksById(items)
    const docIndex = new Map<string, number>()
    this.docOf = Int32Array.from(items, (item) => stored(docIndex, item.docId, () => docIndex.size))
    this.relatedOf = []
    this.longest = new Int32Array(docIndex.size)
    for (const [doc, d] of docIndex) {
      const related = options.relatedOf.get(doc)
      if (related) {
        const set = new Set<number>()
        for (const other of related) {
          const o = docIndex.get(other)
          if (o !== undefined) set.add(o)
        }
        this.relatedOf[d] = set
      }
      this.longest[d] = options.maxLinks + options.topK * ((related?.size ?? 0) + 1)
    }
    this.perDocument = new Int32Array(docIndex.size)
  }

  /** Offers a scored pair (above the threshold, `from` the source) to both of its items. */
  add(from: number, to: number, score: number): void {
    const slot = this.free.pop() ?? this.grow()
    this.from[slot] = from
    this.to[slot] = to
    this.scores[slot] = score
    this.references[slot] = 2
    this.offer(from, slot)
    this.offer(to, slot)
  }

  private offer(item: number, slot: number): void {
    let list = this.lists[item]
    if (!list) {
      list = []
      this.lists[item] = list
    }
    list.push(slot)
    // room above the longest list the item can need, so that cutting is rare
    if (list.length > 2 * (this.longest[this.docOf[item] as number] as number) + 8)
      this.lists[item] = this.choose(item, list, true)
  }

  /** A new slot at the end, the arrays doubled when full. */
  private grow(): number {
    if (this.used === this.from.length) {
      this.from = doubled(this.from)
      this.to = doubled(this.to)
      this.scores = doubled(this.scores)
      this.references = doubled(this.references)
    }
    return this.used++
  }

  /** The slots an item chooses from its list; with `release`, the others lose this item's reference. */
  private choose(item: number, list: number[], release: boolean): number[] {
    const related = this.relatedOf[this.docOf[item] as number]
    const { topK, maxLinks } = this.options
    const perDocument = this.perDocument
    list.sort(this.bySlot)
    let others = 0
    const chosen: number[] = []
    for (const slot of list) {
      const other = this.docOf[this.otherEnd(slot, item)] as number
      const count = perDocument[other] as number
      let keep = count < topK
      if (keep && !related?.has(other)) {
        keep = others < maxLinks
        if (keep) others++
      }
      if (keep) {
        perDocument[other] = count + 1
        chosen.push(slot)
      } else if (release) this.release(slot)
    }
    for (const slot of chosen) perDocument[this.docOf[this.otherEnd(slot, item)] as number] = 0
    return chosen
  }

  /** The item at the other end of a slot's pair from `item`. */
  private otherEnd(slot: number, item: number): number {
    return this.from[slot] === item ? (this.to[slot] as number) : (this.from[slot] as number)
  }

  private release(slot: number): void {
    this.references[slot] = (this.references[slot] as number) - 1
    if (this.references[slot] === 0) this.free.push(slot)
  }

  private pair(slot: number): SelectedPair {
    return {
      from: this.from[slot] as number,
      to: this.to[slot] as number,
      score: this.scores[slot] as number,
    }
  }

  /** Every pair some item chooses, best first (score, then source and target ids). */
  selected(): SelectedPair[] {
    const kept = new Set<number>()
    this.lists.forEach((list, item) => {
      if (list && list.length > 0) for (const slot of this.choose(item, list, false)) kept.add(slot)
    })
    return [...kept].sort(this.bySlot).map((slot) => this.pair(slot))
  }

  /**
   * Every pair some item still chooses, in typed arrays (for a snapshot: offered again, they give the
   * same choice). Each list is cut to its choice first: a pair no item chooses now never comes back.
   */
  heldPairs(): { from: Int32Array; to: Int32Array; scores: Float64Array } {
    this.lists.forEach((list, item) => {
      if (list && list.length > 0) this.lists[item] = this.choose(item, list, true)
    })
    let count = 0
    for (let slot = 0; slot < this.used; slot++) if (this.references[slot] !== 0) count++
    const out = { from: new Int32Array(count), to: new Int32Array(count), scores: new Float64Array(count) }
    let k = 0
    for (let slot = 0; slot < this.used; slot++) {
      if (this.references[slot] === 0) continue
      out.from[k] = this.from[slot] as number
      out.to[k] = this.to[slot] as number
      out.scores[k++] = this.scores[slot] as number
    }
    return out
  }

  /** Every pair still held (chosen or not yet cut), for decisions that look pairs up. */
  held(): SelectedPair[] {
    const out: SelectedPair[] = []
    for (let slot = 0; slot < this.used; slot++) if (this.references[slot] !== 0) out.push(this.pair(slot))
    return out
  }
}
