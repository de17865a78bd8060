/**
 * The align stage: which items of different documents state the same goal, how the documents relate,
 * what changed along each link, and goal threads across the corpus.
 */
import {
  createSegmenter,
  type Lexicon,
  type LoadLexiconOptions,
  resolveLexicon,
  type Segmenter,
} from '../lexicon/index.js'
import type { EvolutionPair, Link, PlanDocument, Thread } from '../model/index.js'
import {
  buildFeatures,
  type CorpusFeatures,
  type ItemFeatures,
  loadScoreWeights,
  type ScoreWeights,
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

/** Scored pairs of items of different documents, before thresholds: [source id, target id, score, evidence]. */
export function scorePairs(
  documents: PlanDocument[],
  corpus: CorpusFeatures,
  options: AlignOptions = {},
): Link[] {
  const weights = options.weights ?? loadScoreWeights()
  const docs = new Map(documents.map((d) => [d.id, d]))
  const n = corpus.items.length
  const pairs: Array<[number, number]> = []
  if (options.exhaustive) {
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        if ((corpus.items[i] as ItemFeatures).docId !== (corpus.items[j] as ItemFeatures).docId)
          pairs.push([i, j])
      }
  } else pairs.push(...findCandidates(corpus))
  return pairs.map(([i, j]) =>
    scoreLink(docs, corpus, corpus.items[i] as ItemFeatures, corpus.items[j] as ItemFeatures, weights),
  )
}

const round = (x: number) => Math.round(x * 10000) / 10000

/** Keeps links above the threshold, at most topK per item towards each other document. */
function selectLinks(scored: Link[], corpus: CorpusFeatures, threshold: number, topK: number): Link[] {
  const above = scored.filter((l) => l.score >= threshold)
  const rank = new Map<string, Link[]>()
  const docOf = (id: string) => corpus.byId.get(id)?.docId ?? ''
  for (const l of above) {
    for (const [item, other] of [
      [l.source, l.target],
      [l.target, l.source],
    ] as const) {
      const key = `${item}\u0000${docOf(other)}`
      rank.set(key, [...(rank.get(key) ?? []), l])
    }
  }
  const kept = new Set<Link>()
  for (const list of rank.values()) {
    list.sort(byScore)
    for (const l of list.slice(0, topK)) kept.add(l)
  }
  return above.filter((l) => kept.has(l))
}

function byScore(a: Link, b: Link): number {
  return (
    b.score - a.score || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : 1)
  )
}

/** One-to-one: an optimal matching per pair of documents. */
function matchLinks(scored: Link[], corpus: CorpusFeatures, threshold: number): Link[] {
  const docOf = (id: string) => corpus.byId.get(id)?.docId ?? ''
  const groups = new Map<string, Link[]>()
  for (const l of scored) {
    if (l.score < threshold) continue
    const key = `${docOf(l.source)}\u0000${docOf(l.target)}`
    groups.set(key, [...(groups.get(key) ?? []), l])
  }
  const out: Link[] = []
  for (const list of groups.values()) {
    const scores = new Map(list.map((l) => [`${l.source}\u0000${l.target}`, l.score]))
    const rows = [...new Set(list.map((l) => l.source))].sort()
    const cols = [...new Set(list.map((l) => l.target))].sort()
    const chosen = new Set(matchOneToOne(rows, cols, scores).map(([a, b]) => `${a}\u0000${b}`))
    out.push(...list.filter((l) => chosen.has(`${l.source}\u0000${l.target}`)))
  }
  return out
}

/** Applies confirm and reject decisions to links. */
function applyDecisions(links: Link[], scored: Link[], decisions: Decision[]): Link[] {
  const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)
  const rejected = new Set(decisions.filter((d) => d.action === 'reject').map((d) => key(d.source, d.target)))
  const confirmed = decisions.filter((d) => d.action === 'confirm')
  const byKey = new Map(scored.map((l) => [key(l.source, l.target), l]))
  const out = links.filter((l) => !rejected.has(key(l.source, l.target)))
  const present = new Set(out.map((l) => key(l.source, l.target)))
  for (const d of confirmed) {
    const k = key(d.source, d.target)
    const known = byKey.get(k)
    if (present.has(k)) {
      const index = out.findIndex((l) => key(l.source, l.target) === k)
      out[index] = { ...(out[index] as Link), decision: 'confirmed' }
    } else if (known) out.push({ ...known, decision: 'confirmed' })
  }
  return out
}

/**
 * Aligns the items of the documents: links (score, relation, changes, evidence), goal threads, and
 * new / dropped / continued goals for each pair of documents of one jurisdiction.
 */
export function align(documents: PlanDocument[], options: AlignOptions = {}): AlignResult {
  const corpus = featuresOf(documents, options)
  const weights = options.weights ?? loadScoreWeights()
  const threshold = options.threshold ?? weights.threshold
  const decisions = options.decisions ?? []
  const needed = decisions.filter((d) => d.action === 'confirm')
  const scored = scorePairs(documents, corpus, options)
  const docsById = new Map(documents.map((d) => [d.id, d]))
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
    scored.push(scoreLink(docsById, corpus, a, b, weights))
  }
  const selected =
    options.mode === 'one-to-one'
      ? matchLinks(scored, corpus, threshold)
      : selectLinks(scored, corpus, threshold, options.topK ?? 3)
  const links = applyDecisions(selected, scored, decisions).sort(byScore)
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
      if (fa && fb && fa.docId !== fb.docId) threadLinks.push(scoreLink(docsById, corpus, fa, fb, weights))
    }
  }
  const threads = buildThreads(threadLinks, documents, corpus, {
    threshold: options.threadThreshold ?? 0.3,
    mustLink,
    cannotLink,
  })
  return { links, threads, evolution: evolutionPairs(documents, links) }
}

/** The link of two items: oriented from the higher or earlier document, scored, with its changes. */
function scoreLink(
  docs: Map<string, PlanDocument>,
  corpus: CorpusFeatures,
  a: ItemFeatures,
  b: ItemFeatures,
  weights: ScoreWeights,
): Link {
  const { relation, source } = relateDocuments(
    docs.get(a.docId) as PlanDocument,
    docs.get(b.docId) as PlanDocument,
  )
  const [from, to] = source.id === a.docId ? [a, b] : [b, a]
  const { score, evidence } = scoreItems(from, to, corpus, weights)
  return {
    source: from.id,
    target: to.id,
    score: round(score),
    relation,
    changes: detectChanges(from, to),
    evidence,
    decision: 'machine',
  }
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

/** Aligns two documents one-to-one (the pairwise view). */
export function compare(a: PlanDocument, b: PlanDocument, options: AlignOptions = {}): AlignResult {
  return align([a, b], { mode: 'one-to-one', ...options })
}
