/**
 * Goal threads: linked items of many documents grouped by average-linkage clustering. Two groups merge
 * only when the average score over all their cross-document pairs (unlinked pairs count 0) is high
 * enough, so one weak link cannot chain two goals together.
 */
import { doubled, stored } from '../collections.js'
import type { Link, PlanDocument, Thread } from '../model/index.js'
import { type CorpusFeatures, entriesOf } from '../similarity/index.js'
import { documentOrder } from './relation.js'

export interface ThreadOptions {
  /** Minimum average score between two groups to merge them; default 0.3. */
  threshold?: number
  /** Pairs that must end in one thread (merge decisions), as item ids. */
  mustLink?: Array<[string, string]>
  /** Pairs that must never share a thread (rejected links, split decisions). */
  cannotLink?: Array<[string, string]>
  /**
   * An item may also join a second thread (an item can state two goals: a city-governance platform that
   * connects the 12345 hotline) when its average score to the thread's members of other documents
   * reaches this, and it is linked to at least two of them and a third of them; default 0.3 (as
   * `threshold`).
   * Null: every item in one thread only.
   */
  attachThreshold?: number | null
  /**
   * An earlier clustering to keep where nothing changed (incremental alignment): its clusters (core
   * members, by item id) and the items whose links changed since. A cluster without a changed item is
   * kept whole; the items of the others and the items in none are clustered again among themselves.
   */
  previous?: { clusters: string[][]; changed: ReadonlySet<string> }
}

interface Cluster {
  members: number[]
}

/** Groups linked items into threads. */
export function buildThreads(
  links: Link[],
  documents: PlanDocument[],
  corpus: CorpusFeatures,
  options: ThreadOptions = {},
): Thread[] {
  return clusterThreads(links, documents, corpus, options).threads
}

/** The threads, and the clusters they grew from (core members by item id, before items attach). */
export function clusterThreads(
  links: Link[],
  documents: PlanDocument[],
  corpus: CorpusFeatures,
  options: ThreadOptions = {},
): { threads: Thread[]; clusters: string[][] } {
  const threshold = options.threshold ?? 0.3
  // the linked items, without a two-element array per link
  const linked = new Set<string>()
  for (const l of links) linked.add(l.source).add(l.target)
  const ids = [...linked].sort()
  const index = new Map(ids.map((id, k) => [id, k]))
  const n = ids.length
  const docOf = ids.map((id) => corpus.byId.get(id)?.docId ?? id.split('#')[0])
  // each item's cannot-link partners, so that a candidate is checked against its own few (checking it
  // against every member of a large thread was quadratic, and a copy of the thread per candidate)
  const cannotLinkWith = new Map<number, number[]>()
  for (const [a, b] of options.cannotLink ?? []) {
    const i = index.get(a)
    const j = index.get(b)
    if (i === undefined || j === undefined) continue
    for (const [x, y] of [
      [i, j],
      [j, i],
    ] as const)
      stored(cannotLinkWith, x, () => []).push(y)
  }

  const adjacent = itemGraph(links, index, n)
  // incremental: the earlier clusters nothing changed in are kept, the rest clustered again (through
  // the links among the items not kept alone)
  const kept: Cluster[] = []
  const inKept = new Uint8Array(n)
  if (options.previous) {
    const { changed } = options.previous
    for (const members of options.previous.clusters) {
      const at = members.map((id) => index.get(id))
      if (members.some((id) => changed.has(id)) || at.some((k) => k === undefined)) continue
      const cluster = { members: (at as number[]).sort((p, q) => p - q) }
      for (const m of cluster.members) inKept[m] = 1
      kept.push(cluster)
    }
  }
  const free = kept.length === 0 ? adjacent : itemGraph(links, index, n, (i, j) => !inKept[i] && !inKept[j])
  const clusters = [
    ...kept,
    ...clusterAverageLinkage(n, docOf as string[], free, cannotLinkWith, index, options, threshold).filter(
      (c) => !inKept[c.members[0] as number],
    ),
  ].sort((a, b) => (a.members[0] as number) - (b.members[0] as number))
  const cores = clusters.map((c) => c.members.map((m) => ids[m] as string))

  const attachThreshold = options.attachThreshold === undefined ? threshold : options.attachThreshold
  if (attachThreshold !== null) {
    const { start, to, score } = adjacent
    for (const cluster of clusters) {
      const core = new Set(cluster.members)
      const coreDocs = new Map<string, number>()
      for (const m of core) coreDocs.set(docOf[m] as string, (coreDocs.get(docOf[m] as string) ?? 0) + 1)
      if (coreDocs.size < 2) continue
      // only items linked to the thread can join it
      const candidates = new Set<number>()
      for (const m of core)
        for (let e = start[m] as number; e < (start[m + 1] as number); e++)
          if (!core.has(to[e] as number)) candidates.add(to[e] as number)
      for (const x of [...candidates].sort((p, q) => p - q)) {
        const pairs = core.size - (coreDocs.get(docOf[x] as string) ?? 0)
        if (pairs === 0 || (cannotLinkWith.get(x) ?? []).some((m) => core.has(m))) continue
        let sum = 0
        let linked = 0
        for (let e = start[x] as number; e < (start[x + 1] as number); e++) {
          const m = to[e] as number
          if (!core.has(m) || docOf[m] === docOf[x]) continue
          sum += score[e] as number
          linked++
        }
        if (sum / pairs >= attachThreshold && linked >= 2 && linked * 3 >= pairs) cluster.members.push(x)
      }
      cluster.members.sort((p, q) => p - q)
    }
  }

  const docs = new Map(documents.map((d) => [d.id, d]))
  const itemOrder = new Map<string, number>()
  for (const d of documents) {
    d.items.forEach((item, k) => {
      itemOrder.set(item.id, k)
    })
  }
  // each thread's number of documents counted once (counting them in the sort's comparisons made two
  // sets per comparison)
  const threads = clusters
    .map((c) => ({ members: c.members, documents: new Set(c.members.map((m) => docOf[m])).size }))
    .filter((t) => t.documents >= 2)
    .map((t) => ({
      members: orderMembers(
        t.members.map((m) => ids[m] as string),
        docs,
        corpus,
        itemOrder,
      ),
      documents: t.documents,
    }))
  threads.sort(
    (a, b) =>
      b.documents - a.documents ||
      b.members.length - a.members.length ||
      ((a.members[0] as string) < (b.members[0] as string) ? -1 : 1),
  )
  const scratch: TermSums = {
    weight: new Float64Array(corpus.keys.length),
    support: new Int32Array(corpus.keys.length),
    touched: [],
  }
  return {
    threads: threads.map((t, k) => describeThread(`t${k + 1}`, t.members, corpus, scratch)),
    clusters: cores,
  }
}

/**
 * A max-heap of candidate merges: best average first, ties by the groups' smallest members. Entries are
 * slots of typed arrays, not objects: a large corpus pushes millions of them.
 */
class MergeHeap {
  private averages = new Float64Array(1024)
  /** tie0, tie1, x, y of each entry. */
  private fields = new Int32Array(4 * 1024)
  size = 0
  private before(a: number, b: number): boolean {
    const p = this.averages[a] as number
    const q = this.averages[b] as number
    if (p !== q) return p > q
    const f = this.fields
    return (
      (f[4 * a] as number) < (f[4 * b] as number) ||
      (f[4 * a] === f[4 * b] && (f[4 * a + 1] as number) < (f[4 * b + 1] as number))
    )
  }
  private swap(a: number, b: number): void {
    const average = this.averages[a] as number
    this.averages[a] = this.averages[b] as number
    this.averages[b] = average
    const f = this.fields
    for (let k = 0; k < 4; k++) {
      const t = f[4 * a + k] as number
      f[4 * a + k] = f[4 * b + k] as number
      f[4 * b + k] = t
    }
  }
  push(average: number, tie0: number, tie1: number, x: number, y: number): void {
    if (this.size === this.averages.length) {
      this.averages = doubled(this.averages)
      this.fields = doubled(this.fields)
    }
    const at = this.size++
    this.averages[at] = average
    this.fields[4 * at] = tie0
    this.fields[4 * at + 1] = tie1
    this.fields[4 * at + 2] = x
    this.fields[4 * at + 3] = y
    for (let k = at; k > 0; ) {
      const parent = (k - 1) >> 1
      if (!this.before(k, parent)) break
      this.swap(k, parent)
      k = parent
    }
  }
  /** The best entry's average and ties (read before `pop`). */
  get average(): number {
    return this.averages[0] as number
  }
  get tie0(): number {
    return this.fields[0] as number
  }
  get tie1(): number {
    return this.fields[1] as number
  }
  /** Removes the best entry and returns its two groups. */
  pop(): [number, number] {
    const top: [number, number] = [this.fields[2] as number, this.fields[3] as number]
    const last = --this.size
    if (last > 0) {
      this.swap(0, last)
      for (let k = 0; ; ) {
        const left = 2 * k + 1
        const right = left + 1
        let first = k
        if (left < last && this.before(left, first)) first = left
        if (right < last && this.before(right, first)) first = right
        if (first === k) break
        this.swap(k, first)
        k = first
      }
    }
    return top
  }
}

/** Averages compared at this precision, so that ties (equal up to rounding) fall to the members. */
const quantize = (x: number) => Math.round(x * 1e9) / 1e9

/**
 * Average-linkage clustering over the sparse link graph: the similarity of two groups is the sum of the
 * scores of the links between them over the number of their pairs of items of different documents
 * (unlinked pairs count 0). Only groups joined by a link can reach the threshold, so only those are
 * kept as neighbours. Candidate merges wait in a heap; a merge pushes the new group's merges with its
 * neighbours and leaves the stale ones to be skipped when they come up, so each link is touched
 * O(log E) times per merge of its groups instead of every link being scanned at every merge.
 *
 * A single item is a group of its own (its id is the item's) that reads its neighbours from the item
 * graph, and the sums towards merged groups next to it from a small map; only merged groups hold a
 * map of all their neighbours.
 */
function clusterAverageLinkage(
  n: number,
  docOf: string[],
  graph: ItemGraph,
  cannotLinkWith: Map<number, number[]>,
  index: Map<string, number>,
  options: ThreadOptions,
  threshold: number,
): Cluster[] {
  interface Group extends Cluster {
    docs: Map<string, number>
    /** Smallest member, for deterministic ties. */
    first: number
    neighbours: Map<number, number>
    banned: Set<number>
  }
  const { start, to, score } = graph
  // merged groups (ids from n on)
  const groups = new Map<number, Group>()
  // the group each group was merged into (-1 while alive), so that an item's group is found by walking
  // up instead of relabelling every member of a large group at each of its merges
  const mergedInto = new Int32Array(2 * n).fill(-1)
  const groupOfItem = (i: number): number => {
    let g = i
    while ((mergedInto[g] as number) >= 0) g = mergedInto[g] as number
    return g
  }
  const alive = (g: number) => mergedInto[g] === -1 && (g < n || groups.has(g))
  // the cannot-link pairs of single items, until they hold a map (sets of their own: merges rewrite them)
  const bans = new Map<number, Set<number>>()
  for (const [x, partners] of cannotLinkWith) bans.set(x, new Set(partners))
  // a single item's neighbours that are merged groups, with the sums of its links to their members;
  // its single neighbours are read from its row of the graph (a copy of every row next to a group, a
  // map per such item, held most of the stage's memory)
  const towardsGroups = new Map<number, Map<number, number>>()
  const eachNeighbour = (g: number, visit: (w: number, sum: number) => void) => {
    const group = groups.get(g)
    if (group) {
      for (const [w, sum] of group.neighbours) visit(w, sum)
      return
    }
    for (let e = start[g] as number; e < (start[g + 1] as number); e++)
      if (mergedInto[to[e] as number] === -1) visit(to[e] as number, score[e] as number)
    for (const [w, sum] of towardsGroups.get(g) ?? []) visit(w, sum)
  }
  const neighbourSums = (w: number): Map<number, number> =>
    groups.get(w)?.neighbours ?? stored(towardsGroups, w, () => new Map())
  const bannedOf = (w: number): Set<number> => groups.get(w)?.banned ?? stored(bans, w, () => new Set())
  const isBanned = (x: number, y: number) => (groups.get(x)?.banned ?? bans.get(x))?.has(y) ?? false
  const crossPairs = (x: number, y: number): number => {
    const a = groups.get(x)
    const b = groups.get(y)
    if (!a && !b) return docOf[x] === docOf[y] ? 0 : 1
    if (!a) return (b as Group).members.length - ((b as Group).docs.get(docOf[x] as string) ?? 0)
    if (!b) return a.members.length - (a.docs.get(docOf[y] as string) ?? 0)
    let same = 0
    const [small, large] = a.docs.size <= b.docs.size ? [a.docs, b.docs] : [b.docs, a.docs]
    for (const [d, c] of small) same += c * (large.get(d) ?? 0)
    return a.members.length * b.members.length - same
  }
  const firstOf = (g: number) => groups.get(g)?.first ?? g
  const heap = new MergeHeap()
  const offer = (x: number, y: number, sum: number) => {
    if (isBanned(x, y)) return
    const pairs = crossPairs(x, y)
    if (pairs === 0) return
    const average = quantize(sum / pairs)
    if (average < threshold) return
    const a = firstOf(x)
    const b = firstOf(y)
    heap.push(average, Math.min(a, b), Math.max(a, b), x, y)
  }
  let nextId = n
  /**
   * Merges two groups; returns the id of the result. A group keeps its id as it absorbs a smaller one
   * (two single items make a new group), so only the smaller one's neighbours are told of the merge
   * and offered again: telling and offering every neighbour of a thread of thousands at each item it
   * took in was quadratic in the thread. The other neighbours' merges stay in the heap with averages
   * that can only have fallen (more pairs, the same sum), and are checked when they come up. The
   * smaller group's maps are added into the larger's (small to large); sums of two scores are the
   * same in either order, so the clustering is unchanged.
   */
  const merge = (x: number, y: number): number => {
    const size = (g: number) => groups.get(g)?.members.length ?? 1
    const [largeId, smallId] = size(y) > size(x) ? [y, x] : [x, y]
    let id = largeId
    let large = groups.get(largeId)
    let offerAll = false
    if (!large) {
      // two single items: a group of its own, that the larger one's neighbours are told of
      id = nextId++
      const group: Group = {
        members: [largeId],
        docs: new Map([[docOf[largeId] as string, 1]]),
        first: largeId,
        neighbours: new Map(),
        banned: bans.get(largeId) ?? new Set(),
      }
      eachNeighbour(largeId, (w, sum) => group.neighbours.set(w, sum))
      for (const [w, sum] of group.neighbours) {
        if (w === smallId) continue
        const theirs = neighbourSums(w)
        theirs.delete(largeId)
        theirs.set(id, sum)
      }
      for (const w of group.banned) {
        const theirs = bannedOf(w)
        theirs.delete(largeId)
        theirs.add(id)
      }
      groups.set(id, group)
      towardsGroups.delete(largeId)
      mergedInto[largeId] = id
      large = group
      offerAll = true
    }
    const small = groups.get(smallId)
    for (const [d, c] of small?.docs ?? [[docOf[smallId] as string, 1] as const])
      large.docs.set(d, (large.docs.get(d) ?? 0) + c)
    const { neighbours, banned } = large
    neighbours.delete(smallId)
    const touched: number[] = []
    eachNeighbour(smallId, (w, sum) => {
      if (w === id || w === largeId) return
      const total = (neighbours.get(w) ?? 0) + sum
      neighbours.set(w, total)
      const theirs = neighbourSums(w)
      theirs.delete(smallId)
      theirs.set(id, total)
      touched.push(w)
    })
    banned.delete(smallId)
    for (const w of small?.banned ?? bans.get(smallId) ?? []) {
      if (w === id || w === largeId) continue
      banned.add(w)
      const theirs = bannedOf(w)
      theirs.delete(smallId)
      theirs.add(id)
    }
    for (const m of small?.members ?? [smallId]) large.members.push(m)
    const first = Math.min(large.first, small?.first ?? smallId)
    // a smaller first member moves the group's merges up among equal averages: offer them all again
    if (first !== large.first) offerAll = true
    large.first = first
    groups.delete(smallId)
    towardsGroups.delete(smallId)
    mergedInto[smallId] = id
    if (offerAll) for (const [w, sum] of neighbours) offer(id, w, sum)
    else for (const w of touched) offer(id, w, neighbours.get(w) as number)
    return id
  }
  /** The sum of the scores between two live groups (one of them merged, or both single items). */
  const sumBetween = (x: number, y: number): number => {
    const group = groups.get(x) ?? groups.get(y)
    if (group) return group.neighbours.get(groups.has(x) ? y : x) ?? 0
    for (let e = start[x] as number; e < (start[x + 1] as number); e++)
      if (to[e] === y) return score[e] as number
    return 0
  }
  for (const [a, b] of options.mustLink ?? []) {
    const i = index.get(a)
    const j = index.get(b)
    if (i === undefined || j === undefined) continue
    const x = groupOfItem(i)
    const y = groupOfItem(j)
    if (x !== y && !isBanned(x, y)) merge(x, y)
  }
  for (let x = 0; x < n; x++)
    if (alive(x))
      eachNeighbour(x, (y, sum) => {
        if (x < y) offer(x, y, sum)
      })
  for (const [x, group] of [...groups]) {
    if (x < n) continue
    for (const [y, sum] of group.neighbours) if (x < y) offer(x, y, sum)
  }
  while (heap.size > 0) {
    const { average, tie0, tie1 } = heap
    const [x, y] = heap.pop()
    // a merge of a group that no longer exists was superseded by the merges of its successor
    if (!alive(x) || !alive(y) || isBanned(x, y)) continue
    // a merge whose average fell since it was offered (or whose tie moved) is offered again as it is now
    const pairs = crossPairs(x, y)
    const sum = sumBetween(x, y)
    const now = pairs === 0 ? -1 : quantize(sum / pairs)
    const a = firstOf(x)
    const b = firstOf(y)
    if (now !== average || Math.min(a, b) !== tie0 || Math.max(a, b) !== tie1) {
      offer(x, y, sum)
      continue
    }
    merge(x, y)
  }
  const clusters: Array<{ first: number; members: number[] }> = []
  for (let k = 0; k < n; k++) if (alive(k) && !groups.has(k)) clusters.push({ first: k, members: [k] })
  for (const group of groups.values()) clusters.push(group)
  return clusters.sort((a, b) => a.first - b.first).map((g) => ({ members: g.members.sort((p, q) => p - q) }))
}

/**
 * Item adjacency as CSR arrays: the items linked to item `i` are `to[start[i]] … to[start[i + 1] - 1]`
 * with their scores in `score`, in the order of the links (the best score when two links join one
 * pair; a confirmed link counts 1). Flat typed arrays instead of a map per item: at 1,000 documents
 * the maps of 60,000 items held more than the links' scores.
 */
export interface ItemGraph {
  start: Int32Array
  to: Int32Array
  score: Float64Array
}

function itemGraph(
  links: Link[],
  index: Map<string, number>,
  n: number,
  wanted?: (i: number, j: number) => boolean,
): ItemGraph {
  const ends = new Int32Array(2 * links.length)
  const degree = new Int32Array(n + 1)
  links.forEach((l, k) => {
    const i = index.get(l.source) as number
    const j = index.get(l.target) as number
    // a link not wanted is a pair of -1s, left out below
    if (wanted && !wanted(i, j)) {
      ends[2 * k] = -1
      ends[2 * k + 1] = -1
      return
    }
    ends[2 * k] = i
    ends[2 * k + 1] = j
    degree[i + 1] = (degree[i + 1] as number) + 1
    degree[j + 1] = (degree[j + 1] as number) + 1
  })
  for (let i = 0; i < n; i++) degree[i + 1] = (degree[i + 1] as number) + (degree[i] as number)
  // every link in both rows, in link order (repeats of a pair included)
  const fill = degree.slice(0, n)
  const allTo = new Int32Array(2 * links.length)
  const allScore = new Float64Array(2 * links.length)
  links.forEach((l, k) => {
    const i = ends[2 * k] as number
    const j = ends[2 * k + 1] as number
    if (i < 0) return
    const value = Math.max(0, l.decision === 'confirmed' ? 1 : l.score)
    for (const [from, other] of [
      [i, j],
      [j, i],
    ]) {
      const place = fill[from as number] as number
      allTo[place] = other as number
      allScore[place] = value
      fill[from as number] = place + 1
    }
  })
  // repeats of a pair folded into its first place, with the best score
  const start = new Int32Array(n + 1)
  const at = new Int32Array(n).fill(-1)
  let kept = 0
  for (let i = 0; i < n; i++) {
    const rowStart = kept
    start[i] = rowStart
    for (let e = degree[i] as number; e < (degree[i + 1] as number); e++) {
      const j = allTo[e] as number
      const place = at[j] as number
      if (place >= rowStart) {
        allScore[place] = Math.max(allScore[place] as number, allScore[e] as number)
        continue
      }
      at[j] = kept
      allTo[kept] = j
      allScore[kept++] = allScore[e] as number
    }
  }
  start[n] = kept
  return { start, to: allTo.slice(0, kept), score: allScore.slice(0, kept) }
}

function orderMembers(
  members: string[],
  docs: Map<string, PlanDocument>,
  corpus: CorpusFeatures,
  itemOrder: Map<string, number>,
): string[] {
  // each member's key made once, not in every comparison of the sort
  const keyOf = (id: string): [number, number, string, number] => {
    const doc = docs.get(corpus.byId.get(id)?.docId ?? '')
    const [level, year, docId] = doc ? documentOrder(doc) : [9, 0, id]
    return [level, year, docId, itemOrder.get(id) ?? 0]
  }
  const keyed = members.map((id) => ({ id, key: keyOf(id) }))
  keyed.sort(({ key: x }, { key: y }) => {
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0) || x[3] - y[3]
  })
  return keyed.map((m) => m.id)
}

/** Per-key sums of the members' term weights, reset after each thread. */
interface TermSums {
  weight: Float64Array
  support: Int32Array
  /** Keys summed for the current thread. */
  touched: number[]
}

/** Label and terms of a thread: its most characteristic shared terms and its main topic. */
function describeThread(id: string, members: string[], corpus: CorpusFeatures, scratch: TermSums): Thread {
  // sums by key id in arrays shared by every thread (a map per thread, or slicing every member's
  // term strings out of its features, allocated most of the threads stage)
  const { weight, support, touched } = scratch
  touched.length = 0
  const topicWeight = new Map<string, number>()
  for (const member of members) {
    const f = corpus.byId.get(member)
    if (!f) continue
    for (let k = 0; k < f.termsEnd; k++) {
      const key = f.ids[k] as number
      if (support[key] === 0) touched.push(key)
      weight[key] = (weight[key] as number) + (f.weights[k] as number)
      support[key] = (support[key] as number) + 1
    }
    for (const [topic, s] of entriesOf(f, corpus, 'topics'))
      topicWeight.set(topic, (topicWeight.get(topic) ?? 0) + s)
  }
  // terms used by several members say what the thread is about; a term inside a longer chosen term
  // (政务 in 政务服务) adds nothing to a label
  const minSupport = Math.min(2, members.length)
  const termWeight = new Map<string, number>()
  for (const key of touched) {
    const term = (corpus.keys[key] as string).slice(2)
    if ((support[key] as number) >= minSupport && term.length >= 2)
      termWeight.set(term, weight[key] as number)
    weight[key] = 0
    support[key] = 0
  }
  const shared = [...termWeight.keys()]
  // whole words, not the pieces search-mode segmentation adds (场主 of 市场主体): each shared term's
  // shorter pieces looked up among the shared terms (comparing every pair of a large thread's
  // thousands of terms was quadratic; collecting every piece into a set allocated most of the stage)
  const sharedTerms = new Set(shared)
  const inside = new Set<string>()
  for (const other of shared)
    for (let length = 2; length < other.length; length++)
      for (let from = 0; from + length <= other.length; from++) {
        const piece = other.slice(from, from + length)
        if (sharedTerms.has(piece)) inside.add(piece)
      }
  const whole = shared.filter((t) => !inside.has(t))
  const ranked = whole.sort((a, b) => (termWeight.get(b) ?? 0) - (termWeight.get(a) ?? 0) || (a < b ? -1 : 1))
  const terms: string[] = []
  for (const term of ranked) {
    if (terms.length >= 5) break
    if (terms.some((chosen) => chosen.includes(term) || term.includes(chosen))) continue
    terms.push(term)
  }
  const topic =
    [...topicWeight.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null
  const documents = [...new Set(members.map((m) => corpus.byId.get(m)?.docId ?? ''))]
  // the topic names the area; the thread's own terms say which goal in it
  const area = topic ? (corpus.topicLabels.get(topic) ?? topic) : null
  const own = terms.filter((t) => !area?.includes(t)).slice(0, area ? 2 : 3)
  const label = area ? (own.length > 0 ? `${area}：${own.join(' · ')}` : area) : own.join(' · ')
  return { id, label, topic, terms, items: members, documents }
}
