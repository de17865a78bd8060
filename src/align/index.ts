/**
 * The align stage: which items of different documents state the same goal, how the documents relate,
 * what changed along each link, and goal threads across the corpus.
 */
import groupBy from 'lodash/groupBy.js'
import {
  createSegmenter,
  type Lexicon,
  type LoadLexiconOptions,
  resolveLexicon,
  type Segmenter,
} from '../lexicon/index.js'
import type { EvolutionPair, Link, PlanDocument, Thread } from '../model/index.js'
import { type OnProgress, stageProgress } from '../progress.js'
import {
  buildFeatures,
  type CorpusFeatures,
  type ItemFeatures,
  loadScoreWeights,
  pairFeatures,
  type ScoreWeights,
  scoreFeatures,
  scoreItems,
} from '../similarity/index.js'
import { findCandidates } from './candidates.js'
import { detectChanges } from './changes.js'
import type { Decision } from './decisions.js'
import { evolutionPair, matchOneToOne } from './evolution.js'
import { relateDocuments } from './relation.js'
import { buildThreads } from './threads.js'

export type { Decision } from './decisions.js'
export { parseDecisions } from './decisions.js'
export { matchOneToOne } from './evolution.js'
export { isAncestor, relateDocuments } from './relation.js'

export interface AlignOptions {
  /** Minimum score of a link; default the threshold of the fitted weights. */
  threshold?: number
  /** At most this many links per item towards each other document; default 3. */
  topK?: number
  /** 'many' (default): many-to-many links; 'one-to-one': an optimal matching per document pair. */
  mode?: 'many' | 'one-to-one'
  /** Minimum average score for two groups to form one thread; default 0.3. */
  threadThreshold?: number
  /** Decisions of a reviewer (confirm, reject, merge, split). */
  decisions?: Decision[]
  /** Segmenter; default `createSegmenter()` with the lexicon's dictionary. */
  segmenter?: Segmenter
  /** Lexicon, or options to load it. */
  lexicon?: Lexicon | LoadLexiconOptions
  /** Score weights; default the fitted data/align-weights.json. */
  weights?: ScoreWeights
  /** Compare every pair instead of using the candidate index (slow; for checking the index). */
  exhaustive?: boolean
  /**
   * Called as the alignment goes, for progress bars: `segmenting` (items' features), `candidates`,
   * `scoring` (one unit per candidate pair) and `threads` (one unit per link).
   */
  onProgress?: OnProgress
}

export interface AlignResult {
  links: Link[]
  threads: Thread[]
  evolution: EvolutionPair[]
}

/** The features of a corpus, with the options' segmenter and lexicon. */
export function featuresOf(documents: PlanDocument[], options: AlignOptions = {}): CorpusFeatures {
  const lexicon = resolveLexicon(options.lexicon)
  const segmenter = options.segmenter ?? createSegmenter({ dictionary: lexicon.dictionary })
  return buildFeatures(documents, { segmenter, lexicon })
}

/** A scored candidate pair, oriented from the higher or earlier document; evidence comes later. */
interface ScoredPair {
  source: string
  target: string
  score: number
  from: ItemFeatures
  to: ItemFeatures
  relation: Link['relation']
  decision: Link['decision']
}

/** Indexes of the pairs to score: the candidate index, or every pair across documents. */
function pairsToScore(corpus: CorpusFeatures, exhaustive: boolean): Array<[number, number]> {
  if (!exhaustive) return findCandidates(corpus)
  const n = corpus.items.length
  const pairs: Array<[number, number]> = []
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if ((corpus.items[i] as ItemFeatures).docId !== (corpus.items[j] as ItemFeatures).docId)
        pairs.push([i, j])
    }
  }
  return pairs
}

/** Scores a pair: features and score only (evidence and changes are computed for the links kept). */
function scorePair(
  docs: Map<string, PlanDocument>,
  corpus: CorpusFeatures,
  a: ItemFeatures,
  b: ItemFeatures,
  weights: ScoreWeights,
): ScoredPair {
  const { relation, source } = relateDocuments(
    docs.get(a.docId) as PlanDocument,
    docs.get(b.docId) as PlanDocument,
  )
  const [from, to] = source.id === a.docId ? [a, b] : [b, a]
  const score = round(scoreFeatures(pairFeatures(from, to, corpus), weights))
  return { source: from.id, target: to.id, score, from, to, relation, decision: 'machine' }
}

/** A kept pair as a link, with its evidence and what changed. */
function toLink(pair: ScoredPair, corpus: CorpusFeatures, weights: ScoreWeights): Link {
  const { evidence } = scoreItems(pair.from, pair.to, corpus, weights)
  return {
    source: pair.source,
    target: pair.target,
    score: pair.score,
    relation: pair.relation,
    ...detectChanges(pair.from, pair.to),
    evidence,
    decision: pair.decision,
  }
}

/** Every scored pair of items of different documents, before thresholds, as links with evidence. */
export function scorePairs(
  documents: PlanDocument[],
  corpus: CorpusFeatures,
  options: AlignOptions = {},
): Link[] {
  const weights = options.weights ?? loadScoreWeights()
  const docs = new Map(documents.map((d) => [d.id, d]))
  return pairsToScore(corpus, options.exhaustive ?? false).map(([i, j]) =>
    toLink(
      scorePair(docs, corpus, corpus.items[i] as ItemFeatures, corpus.items[j] as ItemFeatures, weights),
      corpus,
      weights,
    ),
  )
}

const round = (x: number) => Math.round(x * 10000) / 10000

/** Keeps pairs above the threshold, at most topK per item towards each other document. */
function selectLinks(scored: ScoredPair[], threshold: number, topK: number): ScoredPair[] {
  const above = scored.filter((l) => l.score >= threshold)
  const rank = new Map<string, ScoredPair[]>()
  for (const l of above) {
    for (const key of [`${l.source}\u0000${l.to.docId}`, `${l.target}\u0000${l.from.docId}`]) {
      let list = rank.get(key)
      if (!list) {
        list = []
        rank.set(key, list)
      }
      list.push(l)
    }
  }
  const kept = new Set<ScoredPair>()
  for (const list of rank.values()) {
    list.sort(byScore)
    for (const l of list.slice(0, topK)) kept.add(l)
  }
  return above.filter((l) => kept.has(l))
}

function byScore(
  a: Pick<Link, 'score' | 'source' | 'target'>,
  b: Pick<Link, 'score' | 'source' | 'target'>,
): number {
  return (
    b.score - a.score || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : 1)
  )
}

/** One-to-one: an optimal matching per pair of documents. */
function matchLinks(scored: ScoredPair[], threshold: number): ScoredPair[] {
  const groups = groupBy(
    scored.filter((l) => l.score >= threshold),
    (l) => `${l.from.docId}\u0000${l.to.docId}`,
  )
  const out: ScoredPair[] = []
  for (const list of Object.values(groups)) {
    const scores = new Map(list.map((l) => [`${l.source}\u0000${l.target}`, l.score]))
    const rows = [...new Set(list.map((l) => l.source))].sort()
    const cols = [...new Set(list.map((l) => l.target))].sort()
    const chosen = new Set(matchOneToOne(rows, cols, scores).map(([a, b]) => `${a}\u0000${b}`))
    for (const l of list) if (chosen.has(`${l.source}\u0000${l.target}`)) out.push(l)
  }
  return out
}

/** Applies confirm and reject decisions to the kept pairs. */
function applyDecisions(kept: ScoredPair[], scored: ScoredPair[], decisions: Decision[]): ScoredPair[] {
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)
  const rejected = new Set(decisions.filter((d) => d.action === 'reject').map((d) => key(d.source, d.target)))
  const confirmed = new Set(
    decisions.filter((d) => d.action === 'confirm').map((d) => key(d.source, d.target)),
  )
  const out = kept
    .filter((l) => !rejected.has(key(l.source, l.target)))
    .map((l): ScoredPair => (confirmed.has(key(l.source, l.target)) ? { ...l, decision: 'confirmed' } : l))
  const present = new Set(out.map((l) => key(l.source, l.target)))
  for (const l of scored) {
    const k = key(l.source, l.target)
    if (confirmed.has(k) && !present.has(k)) {
      out.push({ ...l, decision: 'confirmed' })
      present.add(k)
    }
  }
  return out
}

/**
 * Aligns the items of the documents: links (score, relation, changes, evidence), goal threads, and
 * new / dropped / continued goals for each pair of documents of one jurisdiction.
 */
export function align(documents: PlanDocument[], options: AlignOptions = {}): AlignResult {
  const itemCount = documents.reduce((n, d) => n + d.items.length, 0)
  const boundary = (stage: 'segmenting' | 'candidates' | 'threads', total: number) => {
    const progress = stageProgress(options.onProgress, stage, total)
    progress(0)
    return () => progress(total)
  }
  const featured = boundary('segmenting', itemCount)
  const corpus = featuresOf(documents, options)
  featured()
  const weights = options.weights ?? loadScoreWeights()
  const threshold = options.threshold ?? weights.threshold
  const decisions = options.decisions ?? []
  const needed = decisions.filter((d) => d.action === 'confirm')
  const docsById = new Map(documents.map((d) => [d.id, d]))
  const proposed = boundary('candidates', itemCount)
  const candidates = pairsToScore(corpus, options.exhaustive ?? false)
  proposed()
  const scoring = stageProgress(options.onProgress, 'scoring', candidates.length)
  scoring(0)
  const scored = candidates.map(([i, j], k) => {
    const pair = scorePair(
      docsById,
      corpus,
      corpus.items[i] as ItemFeatures,
      corpus.items[j] as ItemFeatures,
      weights,
    )
    scoring(k + 1)
    return pair
  })
  // a confirmed link the candidate index did not propose is scored directly
  const scoredKeys = new Set(scored.map((l) => `${l.source}\u0000${l.target}`))
  for (const d of needed) {
    const a = corpus.byId.get(d.source)
    const b = corpus.byId.get(d.target)
    if (
      !a ||
      !b ||
      scoredKeys.has(`${d.source}\u0000${d.target}`) ||
      scoredKeys.has(`${d.target}\u0000${d.source}`)
    )
      continue
    scored.push(scorePair(docsById, corpus, a, b, weights))
  }
  const selected =
    options.mode === 'one-to-one'
      ? matchLinks(scored, threshold)
      : selectLinks(scored, threshold, options.topK ?? 3)
  const links = applyDecisions(selected, scored, decisions)
    .sort(byScore)
    .map((pair) => toLink(pair, corpus, weights))
  const mustLink: Array<[string, string]> = []
  const cannotLink: Array<[string, string]> = []
  for (const d of decisions) {
    if (d.action === 'reject') cannotLink.push([d.source, d.target])
    if (d.action === 'merge')
      for (const other of d.items.slice(1)) mustLink.push([d.items[0] as string, other])
  }
  const split = decisions.filter((d) => d.action === 'split')
  for (const d of split) {
    const inside = new Set(d.items)
    for (const l of links) {
      if (inside.has(l.source) !== inside.has(l.target)) cannotLink.push([l.source, l.target])
    }
    for (const other of d.items.slice(1)) mustLink.push([d.items[0] as string, other])
  }
  const threadLinks = [...links]
  // merged items must be present in the clustering even without a link
  for (const [a, b] of mustLink) {
    if (!threadLinks.some((l) => (l.source === a && l.target === b) || (l.source === b && l.target === a))) {
      const fa = corpus.byId.get(a)
      const fb = corpus.byId.get(b)
      if (fa && fb && fa.docId !== fb.docId)
        threadLinks.push(toLink(scorePair(docsById, corpus, fa, fb, weights), corpus, weights))
    }
  }
  const clustered = boundary('threads', threadLinks.length)
  const threads = buildThreads(threadLinks, documents, corpus, {
    threshold: options.threadThreshold ?? 0.3,
    mustLink,
    cannotLink,
  })
  clustered()
  return { links, threads, evolution: evolutionPairs(documents, links) }
}

/** Every pair of documents of one jurisdiction and different years, earlier first. */
function evolutionPairs(documents: PlanDocument[], links: Link[]): EvolutionPair[] {
  const out: EvolutionPair[] = []
  for (let x = 0; x < documents.length; x++) {
    for (let y = x + 1; y < documents.length; y++) {
      const { relation, source, target } = relateDocuments(
        documents[x] as PlanDocument,
        documents[y] as PlanDocument,
      )
      if (relation === 'evolution') out.push(evolutionPair(source, target, links))
    }
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : 1))
}

/**
 * Aligns two documents alone, one-to-one (the pairwise view): each item is matched at most once, and
 * term weights come from these two documents only. `align` over a corpus weighs terms across all its
 * documents and links many-to-many (up to `topK` partners per item in each other document), so the
 * same two plans can get other counts there: on the seeds, fuzhou-2019 → fuzhou-2025 is 17 continued,
 * 12 new, 11 dropped with `compare`, and 14, 13, 9 in `align` over the five seed plans.
 */
export function compare(a: PlanDocument, b: PlanDocument, options: AlignOptions = {}): AlignResult {
  return align([a, b], { mode: 'one-to-one', ...options })
}
