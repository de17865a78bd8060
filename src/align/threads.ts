/**
 * Goal threads: linked items of many documents grouped by average-linkage clustering. Two groups merge
 * only when the average score over all their cross-document pairs (unlinked pairs count 0) is high
 * enough, so one weak link cannot chain two goals together.
 */
import type { Link, PlanDocument, Thread } from '../model/index.js'
import type { CorpusFeatures } from '../similarity/index.js'
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
  const threshold = options.threshold ?? 0.3
  const ids = [...new Set(links.flatMap((l) => [l.source, l.target]))].sort()
  const index = new Map(ids.map((id, k) => [id, k]))
  const n = ids.length
  const docOf = ids.map((id) => corpus.byId.get(id)?.docId ?? id.split('#')[0])
  const score = new Map<number, number>()
  const key = (i: number, j: number) => (i < j ? i * n + j : j * n + i)
  for (const l of links) {
    const i = index.get(l.source) as number
    const j = index.get(l.target) as number
    score.set(key(i, j), Math.max(score.get(key(i, j)) ?? 0, l.decision === 'confirmed' ? 1 : l.score))
  }
  const forbidden = new Set<number>()
  for (const [a, b] of options.cannotLink ?? []) {
    const i = index.get(a)
    const j = index.get(b)
    if (i !== undefined && j !== undefined) forbidden.add(key(i, j))
  }

  let clusters: Cluster[] = ids.map((_, k) => ({ members: [k] }))
  const find = (member: number) => clusters.findIndex((c) => c.members.includes(member))
  const join = (x: number, y: number) => {
    const [lo, hi] = x < y ? [x, y] : [y, x]
    const merged = {
      members: [...(clusters[lo] as Cluster).members, ...(clusters[hi] as Cluster).members].sort(
        (p, q) => p - q,
      ),
    }
    clusters = clusters.filter((_, k) => k !== lo && k !== hi)
    clusters.push(merged)
  }
  for (const [a, b] of options.mustLink ?? []) {
    const i = index.get(a)
    const j = index.get(b)
    if (i === undefined || j === undefined) continue
    const x = find(i)
    const y = find(j)
    if (x !== y) join(x, y)
  }

  const average = (x: Cluster, y: Cluster): number => {
    let sum = 0
    let pairs = 0
    for (const i of x.members) {
      for (const j of y.members) {
        if (forbidden.has(key(i, j))) return -1
        if (docOf[i] === docOf[j]) continue
        sum += score.get(key(i, j)) ?? 0
        pairs++
      }
    }
    return pairs === 0 ? 0 : sum / pairs
  }
  for (;;) {
    let best = -1
    let bestPair: [number, number] | null = null
    for (let x = 0; x < clusters.length; x++) {
      for (let y = x + 1; y < clusters.length; y++) {
        const avg = average(clusters[x] as Cluster, clusters[y] as Cluster)
        if (avg > best + 1e-12) {
          best = avg
          bestPair = [x, y]
        }
      }
    }
    if (!bestPair || best < threshold) break
    join(bestPair[0], bestPair[1])
  }

  const attachThreshold = options.attachThreshold === undefined ? threshold : options.attachThreshold
  if (attachThreshold !== null) {
    const hard = clusters.map((c) => new Set(c.members))
    clusters.forEach((cluster, c) => {
      const core = hard[c] as Set<number>
      if (new Set([...core].map((m) => docOf[m])).size < 2) return
      for (let x = 0; x < n; x++) {
        if (core.has(x)) continue
        let sum = 0
        let pairs = 0
        let linked = 0
        let forbiddenPair = false
        for (const m of core) {
          if (forbidden.has(key(x, m))) forbiddenPair = true
          if (docOf[m] === docOf[x]) continue
          const s = score.get(key(x, m)) ?? 0
          sum += s
          pairs++
          if (s > 0) linked++
        }
        if (forbiddenPair || pairs === 0) continue
        if (sum / pairs >= attachThreshold && linked >= 2 && linked * 3 >= pairs) cluster.members.push(x)
      }
      cluster.members.sort((p, q) => p - q)
    })
  }

  const docs = new Map(documents.map((d) => [d.id, d]))
  const itemOrder = new Map<string, number>()
  for (const d of documents) {
    d.items.forEach((item, k) => {
      itemOrder.set(item.id, k)
    })
  }
  const threads = clusters
    .map((c) => c.members.map((m) => ids[m] as string))
    .filter((members) => new Set(members.map((id) => corpus.byId.get(id)?.docId)).size >= 2)
    .map((members) => orderMembers(members, docs, corpus, itemOrder))
  threads.sort(
    (a, b) =>
      new Set(b.map((id) => corpus.byId.get(id)?.docId)).size -
        new Set(a.map((id) => corpus.byId.get(id)?.docId)).size ||
      b.length - a.length ||
      ((a[0] as string) < (b[0] as string) ? -1 : 1),
  )
  return threads.map((members, k) => describeThread(`t${k + 1}`, members, corpus))
}

function orderMembers(
  members: string[],
  docs: Map<string, PlanDocument>,
  corpus: CorpusFeatures,
  itemOrder: Map<string, number>,
): string[] {
  const keyOf = (id: string): [number, number, string, number] => {
    const doc = docs.get(corpus.byId.get(id)?.docId ?? '')
    const [level, year, docId] = doc ? documentOrder(doc) : [9, 0, id]
    return [level, year, docId, itemOrder.get(id) ?? 0]
  }
  return [...members].sort((a, b) => {
    const x = keyOf(a)
    const y = keyOf(b)
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0) || x[3] - y[3]
  })
}

/** Label and terms of a thread: its most characteristic shared terms and its main topic. */
function describeThread(id: string, members: string[], corpus: CorpusFeatures): Thread {
  const weight = new Map<string, number>()
  const support = new Map<string, number>()
  const topicWeight = new Map<string, number>()
  const topicLabel = new Map<string, string>()
  for (const member of members) {
    const f = corpus.byId.get(member)
    if (!f) continue
    for (const [term, w] of f.termVector) {
      weight.set(term, (weight.get(term) ?? 0) + w)
      support.set(term, (support.get(term) ?? 0) + 1)
    }
    for (const [topic, s] of f.topics) {
      topicWeight.set(topic, (topicWeight.get(topic) ?? 0) + s)
      topicLabel.set(topic, f.topicLabels.get(topic) ?? topic)
    }
  }
  // terms used by several members say what the thread is about; a term inside a longer chosen term
  // (政务 in 政务服务) adds nothing to a label
  const minSupport = Math.min(2, members.length)
  const shared = [...weight.keys()].filter((t) => (support.get(t) ?? 0) >= minSupport && t.length >= 2)
  // whole words, not the pieces search-mode segmentation adds (场主 of 市场主体)
  const whole = shared.filter((t) => !shared.some((other) => other !== t && other.includes(t)))
  const ranked = whole.sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0) || (a < b ? -1 : 1))
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
  const area = topic ? (topicLabel.get(topic) ?? topic) : null
  const own = terms.filter((t) => !area?.includes(t)).slice(0, area ? 2 : 3)
  const label = area ? (own.length > 0 ? `${area}：${own.join(' · ')}` : area) : own.join(' · ')
  return { id, label, topic, terms, items: members, documents }
}
