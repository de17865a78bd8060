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
import { doubled, ranksById } from '../collections.js'
import type { CorpusFeatures, ItemFeatures } from '../similarity/index.js'

export interface CandidateOptions {
  /** Candidates of an item from the whole corpus, best first; default 50. */
  perItem?: number
  /** Postings kept per key of the index, the items where it weighs most; default 128. */
  maxPostings?: number
  /** Keys an item queries the index with, its heaviest; default 96: a work-report paragraph holds ten goals, and its 48 heaviest keys covered only a few of them. */
  queryKeys?: number
  /**
   * Candidates of an item in each related document; default 12. The links kept towards a related
   * document are its `topK` (3) best by the full score, and those stand lower by the index's dot
   * product: with 6, 1.9% of an exhaustive run's links at 100 generated documents (evolution and
   * cascade links of related documents) were never scored; with 12, 0.55%.
   */
  perRelated?: number
  /** Pairs of related documents, as indexes into `corpus.documents` (see `relatedDocuments`). */
  related?: ReadonlyArray<readonly [number, number]>
  /**
   * Incremental: the items before `first` were looked up in an earlier run (with the same features)
   * and their pairs scored, so only pairs with a new item are wanted. New items query the whole
   * index; an earlier item gets a new item only where it beats the weakest of its earlier candidates
   * (`cutoffs`, read with the keys it queried, those weighing `queryFloors` or more), as it would in a
   * run over the whole corpus. `related` should then name only the pairs of documents to rank anew.
   */
  added?: { first: number; cutoffs: Float32Array; queryFloors: Float32Array }
}

/**
 * The index, flat: the postings of key `k` are slots `offset[k]` to `offset[k + 1]` of `items` and
 * `weights`, sized by a counting pass (the key's items, at most `maxPostings`), each slot range a
 * bounded min-heap of its `length[k]` heaviest (ties: lower rank kept). One typed array for all keys,
 * not an object with two arrays per key: most keys hold one or two items, and at 1,000 documents the
 * per-key objects were most of the candidate stage's 0.9 GB.
 */
class FlatIndex {
  readonly offset: Int32Array
  readonly length: Int32Array
  readonly items: Int32Array
  /** The items' own weights (Float32 in ItemFeatures), so scores are the same as from the features. */
  readonly weights: Float32Array
  constructor(
    items: readonly ItemFeatures[],
    keys: number,
    maxPostings: number,
    private readonly rank: Int32Array,
  ) {
    const count = new Int32Array(keys)
    for (const f of items)
      for (let k = 0; k < f.bigramsEnd; k++) {
        const key = f.ids[k] as number
        if ((count[key] as number) < maxPostings) count[key] = (count[key] as number) + 1
      }
    this.offset = new Int32Array(keys + 1)
    for (let key = 0; key < keys; key++)
      this.offset[key + 1] = (this.offset[key] as number) + (count[key] as number)
    this.length = new Int32Array(keys)
    this.items = new Int32Array(this.offset[keys] as number)
    this.weights = new Float32Array(this.offset[keys] as number)
    for (const f of items)
      for (let k = 0; k < f.bigramsEnd; k++) this.add(f.ids[k] as number, f.index, f.weights[k] as number)
  }
  /** The postings of items from `first` on, each key's in a range of its own (`length` all full). */
  from(first: number): Postings {
    const keys = this.length.length
    const offset = new Int32Array(keys + 1)
    for (let key = 0; key < keys; key++) {
      let count = 0
      const base = this.offset[key] as number
      const end = base + (this.length[key] as number)
      for (let p = base; p < end; p++) if ((this.items[p] as number) >= first) count++
      offset[key + 1] = (offset[key] as number) + count
    }
    const items = new Int32Array(offset[keys] as number)
    const weights = new Float32Array(offset[keys] as number)
    const length = new Int32Array(keys)
    for (let key = 0; key < keys; key++) {
      let at = offset[key] as number
      const base = this.offset[key] as number
      const end = base + (this.length[key] as number)
      for (let p = base; p < end; p++)
        if ((this.items[p] as number) >= first) {
          items[at] = this.items[p] as number
          weights[at++] = this.weights[p] as number
        }
      length[key] = at - (offset[key] as number)
    }
    return { offset, length, items, weights }
  }

  /** True when slot `a` is lighter than slot `b` (a heap's root is its lightest). */
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
    const item = this.items[a] as number
    const weight = this.weights[a] as number
    this.items[a] = this.items[b] as number
    this.weights[a] = this.weights[b] as number
    this.items[b] = item
    this.weights[b] = weight
  }
  private add(key: number, item: number, weight: number): void {
    const base = this.offset[key] as number
    const capacity = (this.offset[key + 1] as number) - base
    const size = this.length[key] as number
    if (size < capacity) {
      this.items[base + size] = item
      this.weights[base + size] = weight
      this.length[key] = size + 1
      for (let k = size; k > 0; ) {
        const parent = (k - 1) >> 1
        if (!this.lighter(base + k, base + parent)) break
        this.swap(base + k, base + parent)
        k = parent
      }
      return
    }
    const root = this.weights[base] as number
    if (
      weight < root ||
      (weight === root && (this.rank[item] as number) > (this.rank[this.items[base] as number] as number))
    )
      return
    this.items[base] = item
    this.weights[base] = weight
    for (let k = 0; ; ) {
      const left = 2 * k + 1
      const right = left + 1
      let least = k
      if (left < size && this.lighter(base + left, base + least)) least = left
      if (right < size && this.lighter(base + right, base + least)) least = right
      if (least === k) break
      this.swap(base + k, base + least)
      k = least
    }
  }
}

/**
 * The entries of one document's items by key, as linked lists in typed arrays (column, weight, next
 * entry), reused for every document: no array per entry.
 */
class KeyLists {
  private readonly heads = new Map<number, number>()
  column = new Int32Array(1024)
  /** The items' own weights (Float32 in ItemFeatures). */
  weight = new Float32Array(1024)
  next = new Int32Array(1024)
  private length = 0
  clear(): void {
    this.heads.clear()
    this.length = 0
  }
  add(key: number, column: number, weight: number): void {
    if (this.length === this.column.length) {
      this.column = doubled(this.column)
      this.weight = doubled(this.weight)
      this.next = doubled(this.next)
    }
    const e = this.length++
    this.column[e] = column
    this.weight[e] = weight
    this.next[e] = this.heads.get(key) ?? -1
    this.heads.set(key, e)
  }
  /** The key's first entry, or -1. */
  first(key: number): number {
    return this.heads.get(key) ?? -1
  }
}

/** A growing list of (item, candidate) pairs in two Int32Arrays, doubled when full. */
class PairBuffer {
  from = new Int32Array(1024)
  to = new Int32Array(1024)
  length = 0
  push(item: number, other: number): void {
    if (this.length === this.from.length) {
      this.from = doubled(this.from)
      this.to = doubled(this.to)
    }
    this.from[this.length] = item
    this.to[this.length] = other
    this.length++
  }
}

/**
 * The candidates of all items in one flat list (compressed sparse rows): item `i`'s candidates are
 * `items[start[i]]` to `items[start[i + 1] - 1]`, sorted, without repeats. No Set or array per item.
 */
export interface CandidateLists {
  /** `n + 1` offsets into `items`. */
  start: Int32Array
  items: Int32Array
  /**
   * Each item's weakest candidate from the index, by its score there (0 when it had fewer than
   * `perItem`), and the weight of the lightest key it queried with (0 when it queried all): what an
   * incremental run needs to find the new items an item would have taken (`added`).
   */
  cutoffs: Float32Array
  queryFloors: Float32Array
}

/**
 * The candidates of every item (by index into `corpus.items`): the items of other documents to score
 * it against. A pair may appear in the lists of both items.
 */
export function findCandidateLists(corpus: CorpusFeatures, options: CandidateOptions = {}): CandidateLists {
  const perItem = options.perItem ?? 50
  const maxPostings = options.maxPostings ?? 128
  const queryKeys = options.queryKeys ?? 96
  const perRelated = options.perRelated ?? 12
  const items = corpus.items
  const n = items.length
  const rank = ranksById(items)
  const docIndex = new Map(corpus.documents.map((id, k) => [id, k]))
  const docOf = Int32Array.from(items, (f) => docIndex.get(f.docId) ?? -1)
  const pairs = new PairBuffer()

  const added = options.added
  const first = added?.first ?? 0
  const cutoffs = new Float32Array(n)
  const queryFloors = new Float32Array(n)
  if (added) {
    cutoffs.set(added.cutoffs.subarray(0, first))
    queryFloors.set(added.queryFloors.subarray(0, first))
  }
  // the index: terms and bigrams, each key's heaviest postings
  const index = new FlatIndex(items, corpus.keys.length, maxPostings, rank)

  const scores = new Float64Array(n)
  const touched: number[] = []
  const others: number[] = []
  const keyOrder: number[] = []
  for (let i = first; i < n; i++) {
    const f = items[i] as ItemFeatures
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
      queryFloors[i] = f.weights[keyOrder[queryKeys - 1] as number] as number
    }
    // items of the item's own document are summed too and dropped after: a look-up of every
    // posting's document was a third of the candidate stage
    for (const k of keyOrder) sumPostings(index, f.ids[k] as number, f.weights[k] as number, scores, touched)
    const own = docOf[f.index] as number
    others.length = 0
    for (const other of touched) {
      if (docOf[other] !== own) others.push(other)
      else scores[other] = 0
    }
    const chosen = best(others, scores, rank, perItem)
    for (const other of chosen) pairs.push(f.index, other)
    if (others.length > perItem) cutoffs[i] = weakest(chosen, scores)
    for (const other of others) scores[other] = 0
    touched.length = 0
  }
  // incremental: each earlier item against the new items' postings of the index (those a run over
  // the whole corpus would read)
  if (added && first < n) {
    const fresh = index.from(first)
    for (let i = 0; i < first; i++) {
      const f = items[i] as ItemFeatures
      const floor = queryFloors[i] as number
      for (let k = 0; k < f.bigramsEnd; k++) {
        const w = f.weights[k] as number
        if (w >= floor) sumPostings(fresh, f.ids[k] as number, w, scores, touched)
      }
      const cutoff = cutoffs[i] as number
      others.length = 0
      for (const other of touched) if ((scores[other] as number) > cutoff) others.push(other)
      for (const other of best(others, scores, rank, perItem)) pairs.push(i, other)
      for (const other of touched) scores[other] = 0
      touched.length = 0
    }
  }
  // related documents: every pair ranked exactly through an index of one document. The index and the
  // score matrix are scratch arrays shared by all pairs of documents: a map of [column, weight] pairs
  // per pair of documents lived long enough to be promoted, and was the candidate stage's peak memory
  const byDoc: number[][] = corpus.documents.map(() => [])
  for (const f of items) byDoc[docOf[f.index] as number]?.push(f.index)
  const local = new KeyLists()
  let matrix = new Float64Array(1024)
  const cells: number[] = []
  for (const [x, y] of options.related ?? []) {
    const left = byDoc[x] ?? []
    const right = byDoc[y] ?? []
    if (left.length === 0 || right.length === 0) continue
    local.clear()
    right.forEach((item, column) => {
      const f = items[item] as ItemFeatures
      for (let k = 0; k < f.bigramsEnd; k++) local.add(f.ids[k] as number, column, f.weights[k] as number)
    })
    const size = left.length * right.length
    if (matrix.length < size) matrix = new Float64Array(Math.max(size, 2 * matrix.length))
    else matrix.fill(0, 0, size)
    left.forEach((item, row) => {
      const f = items[item] as ItemFeatures
      for (let k = 0; k < f.bigramsEnd; k++) {
        const w = f.weights[k] as number
        for (let e = local.first(f.ids[k] as number); e >= 0; e = local.next[e] as number) {
          const cell = row * right.length + (local.column[e] as number)
          matrix[cell] = (matrix[cell] as number) + w * (local.weight[e] as number)
        }
      }
    })
    left.forEach((item, row) => {
      cells.length = 0
      right.forEach((other, column) => {
        const value = matrix[row * right.length + column] as number
        if (value > 0) {
          scores[other] = value
          cells.push(other)
        }
      })
      for (const other of best(cells, scores, rank, perRelated)) pairs.push(item, other)
      for (const other of cells) scores[other] = 0
    })
    right.forEach((item, column) => {
      cells.length = 0
      left.forEach((other, row) => {
        const value = matrix[row * right.length + column] as number
        if (value > 0) {
          scores[other] = value
          cells.push(other)
        }
      })
      for (const other of best(cells, scores, rank, perRelated)) pairs.push(item, other)
      for (const other of cells) scores[other] = 0
    })
  }
  return { ...compact(pairs, n), cutoffs, queryFloors }
}

/** Postings as the index holds them: key `k`'s are slots `offset[k]` to `offset[k] + length[k]`. */
type Postings = Pick<FlatIndex, 'offset' | 'length' | 'items' | 'weights'>

/** Adds `weight` times each posting's weight of `key` to its item's score; items first scored go in `touched`. */
function sumPostings(
  index: Postings,
  key: number,
  weight: number,
  scores: Float64Array,
  touched: number[],
): void {
  const from = index.offset[key] as number
  const to = from + (index.length[key] as number)
  const { items, weights } = index
  for (let p = from; p < to; p++) {
    const other = items[p] as number
    if (scores[other] === 0) touched.push(other)
    scores[other] = (scores[other] as number) + weight * (weights[p] as number)
  }
}

/** The lowest score of a list of candidates. */
function weakest(candidates: readonly number[], scores: Float64Array): number {
  let low = Number.POSITIVE_INFINITY
  for (const c of candidates) low = Math.min(low, scores[c] as number)
  return low
}

/** The pairs as sorted lists per item without repeats: a counting sort by item, then each row sorted. */
function compact(pairs: PairBuffer, n: number): Pick<CandidateLists, 'start' | 'items'> {
  const start = new Int32Array(n + 1)
  for (let p = 0; p < pairs.length; p++) {
    const row = (pairs.from[p] as number) + 1
    start[row] = (start[row] as number) + 1
  }
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number)
  const fill = start.slice(0, n)
  const rows = new Int32Array(pairs.length)
  for (let p = 0; p < pairs.length; p++) {
    const item = pairs.from[p] as number
    rows[fill[item] as number] = pairs.to[p] as number
    fill[item] = (fill[item] as number) + 1
  }
  // each row sorted, repeats (a pair found by the index and between related documents) dropped
  const out = new Int32Array(n + 1)
  let at = 0
  for (let i = 0; i < n; i++) {
    const row = rows.subarray(start[i] as number, start[i + 1] as number).sort()
    let last = -1
    for (const other of row) {
      // rows are moved down in place: `at` never passes the value being read
      if (other !== last) rows[at++] = other
      last = other
    }
    out[i + 1] = at
  }
  return { start: out, items: rows.slice(0, at) }
}

/** Scratch heap of `best`, reused by every call. */
let bestHeap = new Int32Array(64)

/**
 * The `k` best of `candidates` by score (ties by rank), through a bounded min-heap in a typed array:
 * O(n log k), and most candidates cost one comparison with the heap's root.
 */
function best(candidates: number[], scores: Float64Array, rank: Int32Array, k: number): number[] {
  if (candidates.length <= k) return candidates
  if (bestHeap.length < k) bestHeap = new Int32Array(2 * k)
  const heap = bestHeap
  // worse(x, y): x ranks below y
  const worse = (x: number, y: number) =>
    (scores[x] as number) < (scores[y] as number) ||
    ((scores[x] as number) === (scores[y] as number) && (rank[x] as number) > (rank[y] as number))
  let size = 0
  for (const c of candidates) {
    if (size < k) {
      let at = size++
      while (at > 0) {
        const parent = (at - 1) >> 1
        if (!worse(c, heap[parent] as number)) break
        heap[at] = heap[parent] as number
        at = parent
      }
      heap[at] = c
      continue
    }
    if (!worse(heap[0] as number, c)) continue
    // c replaces the root and sinks to its place
    let at = 0
    for (;;) {
      const left = 2 * at + 1
      if (left >= size) break
      const right = left + 1
      const child = right < size && worse(heap[right] as number, heap[left] as number) ? right : left
      if (!worse(heap[child] as number, c)) break
      heap[at] = heap[child] as number
      at = child
    }
    heap[at] = c
  }
  return Array.from(heap.subarray(0, size))
}

/** True when item `i`'s candidates hold `item` (binary search in its sorted row). */
export function listHas(lists: CandidateLists, i: number, item: number): boolean {
  let lo = lists.start[i] as number
  let hi = (lists.start[i + 1] as number) - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const value = lists.items[mid] as number
    if (value === item) return true
    if (value < item) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

/** Calls `visit(i, j)` once for every candidate pair, i < j. */
export function forEachCandidatePair(lists: CandidateLists, visit: (i: number, j: number) => void): void {
  const n = lists.start.length - 1
  for (let i = 0; i < n; i++) {
    const end = lists.start[i + 1] as number
    for (let p = lists.start[i] as number; p < end; p++) {
      const j = lists.items[p] as number
      // a pair both items propose is visited from the lower one
      if (j < i && listHas(lists, j, i)) continue
      if (j < i) visit(j, i)
      else visit(i, j)
    }
  }
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
