/**
 * Candidate pairs without comparing every pair: an inverted index over informative keys (rare terms,
 * topics an item is clearly about, metric families). Two items of different documents become
 * candidates when they share a key.
 */
import type { CorpusFeatures, ItemFeatures } from '../similarity/index.js'

export interface CandidateOptions {
  /** A term is informative when at most this share of items use it; default 0.1. */
  maxTermShare?: number
  /** Topic scores at least this strong index the item under the topic; default 0.5. */
  minTopicScore?: number
}

/** Index keys of an item. */
function keysOf(
  item: ItemFeatures,
  corpus: CorpusFeatures,
  minIdf: number,
  minTopicScore: number,
): Set<string> {
  const keys = new Set<string>()
  for (const term of item.termVector.keys()) if ((corpus.idf.get(term) ?? 0) >= minIdf) keys.add(`w:${term}`)
  for (const [topic, score] of item.topics) if (score >= minTopicScore) keys.add(`t:${topic}`)
  for (const metric of item.metrics) keys.add(`m:${metric}`)
  return keys
}

/** Pairs `[i, j]` (indexes into corpus.items, i < j) of items of different documents sharing a key. */
export function findCandidates(
  corpus: CorpusFeatures,
  options: CandidateOptions = {},
): Array<[number, number]> {
  const n = corpus.items.length
  const maxShare = options.maxTermShare ?? 0.1
  const minIdf = Math.log((n + 1) / (maxShare * n + 0.5))
  const minTopicScore = options.minTopicScore ?? 0.5
  const postings = new Map<string, number[]>()
  corpus.items.forEach((item, index) => {
    for (const key of keysOf(item, corpus, minIdf, minTopicScore)) {
      let list = postings.get(key)
      if (!list) {
        list = []
        postings.set(key, list)
      }
      list.push(index)
    }
  })
  const seen = new Set<number>()
  const pairs: Array<[number, number]> = []
  for (const list of postings.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x] as number
        const j = list[y] as number
        if ((corpus.items[i] as ItemFeatures).docId === (corpus.items[j] as ItemFeatures).docId) continue
        const code = i * n + j
        if (seen.has(code)) continue
        seen.add(code)
        pairs.push([i, j])
      }
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1])
}
