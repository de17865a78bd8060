/**
 * Candidate pairs with work bounded per item, however large the corpus:
 *
 * - top-k retrieval on the items' sparse vectors (TF-IDF terms and IDF-weighted bigrams, the two
 *   features that carry the score): an inverted index keeps, for each key, only the items where it
 *   weighs most (an impact-ordered index cut at `maxPostings`, as passim caps n-grams by document
 *   frequency), an item queries it with its heaviest keys, and keeps its `perItem` best items;
 * - between related documents (the same jurisdiction's neighbouring years, the parent jurisdiction's
 *   plans) every pair is ranked exactly, through an index of one document, and each item keeps its
 *   `perRelated` best in the other.
 *
 * Topics and metric families never propose pairs: their posting lists hold a fixed share of all
 * items, so they would make the work grow with the corpus. The expensive score runs only on the
 * candidates.
 */
import type { CorpusFeatures, ItemFeatures } from '../similarity/index.js'

export interface CandidateOptions {
  /** Candidates of an item from the whole corpus, best first; default 50. */
  perItem?: number
  /** Postings kept per key of the index, the items where it weighs most; default 128. */
  maxPostings?: number
  /** Keys an item queries the index with, its heaviest; default 48. */
  queryKeys?: number
  /** Candidates of an item in each related document; default 6. */
  perRelated?: number
  /** Pairs of related documents, as indexes into `corpus.documents` (see `relatedDocuments`). */
  related?: ReadonlyArray<readonly [number, number]>
}

/** Rank of every item by id: ties broken by it do not depend on the order documents were given in. */
function ranksById(corpus: CorpusFeatures): Int32Array {
  const order = corpus.items
    .map((_, k) => k)
    .sort((x, y) => {
      const a = (corpus.items[x] as ItemFeatures).id
      const b = (corpus.items[y] as ItemFeatures).id
      return a < b ? -1 : a > b ? 1 : 0
    })
  const rank = new Int32Array(order.length)
  order.forEach((item, r) => {
    rank[item] = r
  })
  return rank
}

/** A bounded min-heap of postings per key: the `capacity` heaviest (ties: lower rank kept). */
class Postings {
  items: number[] = []
  weights: number[] = []
  constructor(
    private readonly capacity: number,
    private readonly rank: Int32Array,
  ) {}
  /** True when posting `a` is lighter than posting `b` (the heap's root is the lightest). */
  private lighter(a: number, b: number): boolean {
    const wa = this.weights[a] as number
    const wb = this.weights[b] as number
    return (
      wa < wb ||
      (wa === wb &&
        (this.rank[this.items[a] as number] as number) > (this.rank[this.items[b] as number] as number))
    )
  }
  private swap(a: number, b: number): void {
    ;[this.items[a], this.items[b]] = [this.items[b] as number, this.items[a] as number]
    ;[this.weights[a], this.weights[b]] = [this.weights[b] as number, this.weights[a] as number]
  }
  add(item: number, weight: number): void {
    if (this.items.length < this.capacity) {
      this.items.push(item)
      this.weights.push(weight)
      for (let k = this.items.length - 1; k > 0; ) {
        const parent = (k - 1) >> 1
        if (!this.lighter(k, parent)) break
        this.swap(k, parent)
        k = parent
      }
      return
    }
    const root = this.weights[0] as number
    if (
      weight < root ||
      (weight === root && (this.rank[item] as number) > (this.rank[this.items[0] as number] as number))
    )
      return
    this.items[0] = item
    this.weights[0] = weight
    for (let k = 0; ; ) {
      const left = 2 * k + 1
      const right = left + 1
      let least = k
      if (left < this.items.length && this.lighter(left, least)) least = left
      if (right < this.items.length && this.lighter(right, least)) least = right
      if (least === k) break
      this.swap(k, least)
      k = least
    }
  }
}

/**
 * The candidates of every item: for each item (by index into `corpus.items`), the sorted indexes of
 * items of other documents to score it against. A pair may appear in the lists of both items.
 */
export function findCandidateLists(corpus: CorpusFeatures, options: CandidateOptions = {}): Int32Array[] {
  const perItem = options.perItem ?? 50
  const maxPostings = options.maxPostings ?? 128
  const queryKeys = options.queryKeys ?? 48
  const perRelated = options.perRelated ?? 6
  const items = corpus.items
  const n = items.length
  const rank = ranksById(corpus)
  const docIndex = new Map(corpus.documents.map((id, k) => [id, k]))
  const docOf = Int32Array.from(items, (f) => docIndex.get(f.docId) ?? -1)
  const lists: Array<Set<number>> = items.map(() => new Set<number>())

  // the index: terms and bigrams, each key's heaviest postings
  const index = new Map<number, Postings>()
  for (const f of items) {
    for (let k = 0; k < f.bigramsEnd; k++) {
      const key = f.ids[k] as number
      let postings = index.get(key)
      if (!postings) {
        postings = new Postings(maxPostings, rank)
        index.set(key, postings)
      }
      postings.add(f.index, f.weights[k] as number)
    }
  }

  const scores = new Float64Array(n)
  const touched: number[] = []
  const keyOrder: number[] = []
  for (const f of items) {
    // the item's heaviest keys (ties by key, as text: independent of the order of interning)
    keyOrder.length = 0
    for (let k = 0; k < f.bigramsEnd; k++) keyOrder.push(k)
    if (keyOrder.length > queryKeys) {
      keyOrder.sort(
        (x, y) =>
          (f.weights[y] as number) - (f.weights[x] as number) ||
          ((corpus.keys[f.ids[x] as number] as string) < (corpus.keys[f.ids[y] as number] as string)
            ? -1
            : 1),
      )
      keyOrder.length = queryKeys
    }
    for (const k of keyOrder) {
      const postings = index.get(f.ids[k] as number) as Postings
      const w = f.weights[k] as number
      for (let p = 0; p < postings.items.length; p++) {
        const other = postings.items[p] as number
        if (docOf[other] === docOf[f.index]) continue
        if (scores[other] === 0) touched.push(other)
        scores[other] = (scores[other] as number) + w * (postings.weights[p] as number)
      }
    }
    for (const other of best(touched, scores, rank, perItem)) {
      ;(lists[f.index] as Set<number>).add(other)
    }
    for (const other of touched) scores[other] = 0
    touched.length = 0
  }

  // related documents: every pair ranked exactly through an index of one document
  const byDoc: number[][] = corpus.documents.map(() => [])
  for (const f of items) byDoc[docOf[f.index] as number]?.push(f.index)
  for (const [x, y] of options.related ?? []) {
    const left = byDoc[x] ?? []
    const right = byDoc[y] ?? []
    if (left.length === 0 || right.length === 0) continue
    const local = new Map<number, Array<[number, number]>>()
    right.forEach((item, column) => {
      const f = items[item] as ItemFeatures
      for (let k = 0; k < f.bigramsEnd; k++) {
        const key = f.ids[k] as number
        let list = local.get(key)
        if (!list) {
          list = []
          local.set(key, list)
        }
        list.push([column, f.weights[k] as number])
      }
    })
    const matrix = new Float64Array(left.length * right.length)
    left.forEach((item, row) => {
      const f = items[item] as ItemFeatures
      for (let k = 0; k < f.bigramsEnd; k++) {
        const list = local.get(f.ids[k] as number)
        if (!list) continue
        const w = f.weights[k] as number
        for (const [column, v] of list)
          matrix[row * right.length + column] = (matrix[row * right.length + column] as number) + w * v
      }
    })
    left.forEach((item, row) => {
      const cells: number[] = []
      right.forEach((other, column) => {
        const value = matrix[row * right.length + column] as number
        if (value > 0) {
          scores[other] = value
          cells.push(other)
        }
      })
      for (const other of best(cells, scores, rank, perRelated)) (lists[item] as Set<number>).add(other)
      for (const other of cells) scores[other] = 0
    })
    right.forEach((item, column) => {
      const cells: number[] = []
      left.forEach((other, row) => {
        const value = matrix[row * right.length + column] as number
        if (value > 0) {
          scores[other] = value
          cells.push(other)
        }
      })
      for (const other of best(cells, scores, rank, perRelated)) (lists[item] as Set<number>).add(other)
      for (const other of cells) scores[other] = 0
    })
  }
  return lists.map((set) => Int32Array.from(set).sort())
}

/** The `k` best of `candidates` by score (ties by rank), through a bounded heap: O(n log k). */
function best(candidates: number[], scores: Float64Array, rank: Int32Array, k: number): number[] {
  if (candidates.length <= k) return candidates
  // worse(x, y): x ranks below y
  const worse = (x: number, y: number) =>
    (scores[x] as number) < (scores[y] as number) ||
    ((scores[x] as number) === (scores[y] as number) && (rank[x] as number) > (rank[y] as number))
  const heap: number[] = []
  const down = (from: number) => {
    for (let at = from; ; ) {
      const left = 2 * at + 1
      const right = left + 1
      let least = at
      if (left < heap.length && worse(heap[left] as number, heap[least] as number)) least = left
      if (right < heap.length && worse(heap[right] as number, heap[least] as number)) least = right
      if (least === at) return
      ;[heap[at], heap[least]] = [heap[least] as number, heap[at] as number]
      at = least
    }
  }
  for (const c of candidates) {
    if (heap.length < k) {
      heap.push(c)
      for (let at = heap.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1
        if (!worse(heap[at] as number, heap[parent] as number)) break
        ;[heap[at], heap[parent]] = [heap[parent] as number, heap[at] as number]
        at = parent
      }
    } else if (worse(heap[0] as number, c)) {
      heap[0] = c
      down(0)
    }
  }
  return heap
}

/** True when the sorted list holds `item`. */
export function listHas(list: Int32Array, item: number): boolean {
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const value = list[mid] as number
    if (value === item) return true
    if (value < item) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

/** Calls `visit(i, j)` once for every candidate pair, i < j. */
export function forEachCandidatePair(lists: Int32Array[], visit: (i: number, j: number) => void): void {
  lists.forEach((list, i) => {
    for (const j of list) {
      // a pair both items propose is visited from the lower one
      if (j < i && listHas(lists[j] as Int32Array, i)) continue
      if (j < i) visit(j, i)
      else visit(i, j)
    }
  })
}

/** Candidate pairs `[i, j]` (indexes into corpus.items, i < j), sorted. */
export function findCandidates(
  corpus: CorpusFeatures,
  options: CandidateOptions = {},
): Array<[number, number]> {
  const pairs: Array<[number, number]> = []
  forEachCandidatePair(findCandidateLists(corpus, options), (i, j) => {
    pairs.push([i, j])
  })
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1])
}
