/**
 * The align stage: which items of different documents state the same goal, how the documents relate,
 * what changed along each link, and goal threads across the corpus.
 */
import groupBy from 'lodash/groupBy.js'
import { computedField, pairKey, stored } from '../collections.js'
import { PlanCascadeError } from '../errors.js'
import { loadUnitAliases } from '../extract/index.js'
import {
  createSegmenter,
  type Lexicon,
  type LoadLexiconOptions,
  resolveLexicon,
  type Segmenter,
  type TextAnalysis,
} from '../lexicon/index.js'
import type {
  ChangeKind,
  Evidence,
  EvolutionPair,
  Link,
  PlanDocument,
  TargetChange,
  Thread,
} from '../model/index.js'
import { lexiconFingerprint } from '../pipeline/cache.js'
import { type OnProgress, type ProgressStage, stageProgress } from '../progress.js'
import {
  buildFeatures,
  type CorpusFeatures,
  extendFeatures,
  type FeatureOptions,
  type ItemFeatures,
  linkProbability,
  loadScoreWeights,
  pairScore,
  type ScoreWeights,
  scoreForProbability,
  scoreItems,
} from '../similarity/index.js'
import { type CandidateOptions, findCandidateLists, forEachCandidatePair } from './candidates.js'
import { detectChanges } from './changes.js'
import type { Decision } from './decisions.js'
import { evolutionPair, matchOneToOne } from './evolution.js'
import {
  type AlignSnapshot,
  changedSince,
  documentHash,
  type HeldPairs,
  makeSnapshot,
  packClustering,
  planReuse,
  type ReusePlan,
  restoreFeatures,
  type SnapshotUse,
  settingsHash,
} from './incremental.js'
import { keepMutual, type MutualOptions } from './mutual.js'
import { relateDocuments, relatedDocuments, relatedMap } from './relation.js'
import { byScore, LinkSelector, type SelectedPair } from './select.js'
import { clusterThreads } from './threads.js'

export type { CandidateOptions } from './candidates.js'
export type { Decision } from './decisions.js'
export { parseDecisions } from './decisions.js'
export { matchOneToOne } from './evolution.js'
export type { AlignSnapshot, SnapshotUse } from './incremental.js'
export { readAlignSnapshot, writeAlignSnapshot } from './incremental.js'
export type { MutualOptions } from './mutual.js'
export type { RelatedDocumentsOptions } from './relation.js'
export { isAncestor, relateDocuments, relatedDocuments } from './relation.js'

export interface AlignOptions {
  /** Minimum score of a link; default the threshold of the fitted weights. */
  threshold?: number
  /** At most this many links per item towards each other document; default the `topK` of the fitted weights (3 when they give none). */
  topK?: number
  /**
   * At most this many links per item towards documents that are not related to its own (peers, other
   * levels), best first; default 10. Links to related documents (the same jurisdiction's neighbouring
   * years, the parent jurisdiction's plans) come on top, `topK` per document. Links per item are
   * bounded, so links grow linearly with the corpus.
   */
  maxLinks?: number
  /**
   * Mutual best matches where the evidence is thin (many mode): a link scored under `strong` is kept
   * only when each item ranks the other among its `rank` best towards the other's document; default
   * the `mutual` of the fitted weights, `false` for none.
   */
  mutual?: MutualOptions | false
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
  /** Settings of the candidate index. */
  candidates?: Omit<CandidateOptions, 'related'>
  /** Text analyses already made (by the pipeline, a worker or a cache), by item id. */
  analyses?: ReadonlyMap<string, TextAnalysis>
  /**
   * Keep only links whose `probability` (the score read through the weights' calibration) reaches
   * this: links at a precision, e.g. 0.8 (held out by province, links given 0.8 or more were right
   * 89-95% of the time). Raises the threshold; never lowers it.
   */
  minProbability?: number
  /**
   * Empty `analyses` (a `Map`) as the features are made, so that the analyses do not stay in memory
   * while the alignment runs (the CLI does this: nothing after it reads them).
   */
  consumeAnalyses?: boolean
  /**
   * Called as the alignment goes, for progress bars: `segmenting` (the items' features), `candidates`
   * (items looked up in the index), `scoring` (one unit per pair to score) and `threads` (one unit per
   * link).
   */
  onProgress?: OnProgress
  /**
   * The snapshot of an earlier alignment (`AlignResult.snapshot`, `readAlignSnapshot`). When the
   * documents are those it was made of, unchanged, plus new ones, and the settings are the same, its
   * features, corpus statistics and scored pairs are reused: only pairs with a new item are looked up
   * and scored. The statistics stay those of the corpus first aligned (an old pair keeps its score), so
   * the links can differ a little from those of a run afresh. Otherwise the documents are aligned
   * afresh; `AlignResult.reuse` says which and why. Many mode only (not with `one-to-one` or `exhaustive`).
   */
  previous?: AlignSnapshot | null
  /** Return a snapshot of this alignment in `AlignResult.snapshot`, for `previous` of the next run. */
  snapshot?: boolean
  /**
   * Reuse a snapshot only while the corpus has at most this share more items than the corpus its
   * statistics were counted over; default 0.25.
   */
  maxGrowth?: number
}

export interface AlignResult {
  links: Link[]
  threads: Thread[]
  evolution: EvolutionPair[]
  /** With `snapshot: true` (many mode, candidate index): what the next run can reuse. */
  snapshot?: AlignSnapshot
  /** With `previous`: how much of it was reused, or why none was. */
  reuse?: SnapshotUse
}

/** The score `minProbability` asks for; a probability no score reaches keeps no link. */
function minimumScore(options: AlignOptions, weights: ScoreWeights): number {
  if (options.minProbability === undefined) return 0
  if (!weights.calibration)
    throw new PlanCascadeError('bad-option', 'minProbability needs weights with a calibration table')
  return scoreForProbability(options.minProbability, weights) ?? Number.POSITIVE_INFINITY
}

/** The features of a corpus, with the options' segmenter and lexicon. */
export function featuresOf(documents: PlanDocument[], options: AlignOptions = {}): CorpusFeatures {
  return buildFeatures(documents, featureOptionsOf(options))
}

/** The options' segmenter, lexicon and analyses, as the features are made with them. */
function featureOptionsOf(options: AlignOptions): FeatureOptions {
  const lexicon = resolveLexicon(options.lexicon)
  return {
    segmenter: options.segmenter ?? createSegmenter({ dictionary: lexicon.dictionary }),
    lexicon,
    ...(options.analyses ? { analyses: options.analyses } : {}),
    ...(options.consumeAnalyses ? { consumeAnalyses: true } : {}),
  }
}

/** A pair to link, oriented from the higher or earlier document. */
interface ScoredPair {
  source: string
  target: string
  from: ItemFeatures
  to: ItemFeatures
  score: number
  decision: Link['decision']
}

/**
 * The two items of a link (their indexes in the corpus features), which its evidence is computed from:
 * keys JSON and spreads do not see. Two small integers in the link's own slots, not an array per link.
 */
const FROM = Symbol('from')
const TO = Symbol('to')
type LinkWithEnds = Link & { [FROM]: number; [TO]: number }

/**
 * A link's `evidence`, computed from its two items when it is read (written out, shown) instead of
 * held: at 1,000 documents the evidence of 600,000 links held more memory than everything else
 * the alignment keeps. An enumerable own accessor, so JSON, spreads and `Object.keys` see it as a
 * field; each read computes it again (read it once into a variable), and assigning it stores the value.
 */
function evidenceProperty(corpus: CorpusFeatures, weights: ScoreWeights): PropertyDescriptor {
  const { items } = corpus
  return computedField<LinkWithEnds, Evidence>(
    'evidence',
    (link) =>
      scoreItems(items[link[FROM]] as ItemFeatures, items[link[TO]] as ItemFeatures, corpus, weights)
        .evidence,
  )
}

/**
 * A link's `probability`, read from its score through the weights' calibration when it is read: an
 * accessor shared by every link (no slot per link) that JSON, spreads and `Object.keys` see as a field.
 */
function probabilityProperty(weights: ScoreWeights): PropertyDescriptor {
  return computedField<Link, number | null>('probability', (link) => linkProbability(link.score, weights))
}

/**
 * No figure changed: one frozen array for every link without one (an empty array per link held more
 * than the rest of the link).
 */
const NO_TARGET_CHANGES: TargetChange[] = Object.freeze([]) as unknown as TargetChange[]

/** Scores pairs of items and orients them. */
function createScorer(documents: PlanDocument[], corpus: CorpusFeatures, weights: ScoreWeights) {
  // links' change lists, one frozen array per distinct list (a hundred or so kinds for a million links)
  const changeLists = new Map<string, ChangeKind[]>()
  const sharedChanges = (changes: ChangeKind[]): ChangeKind[] => {
    const key = changes.join(' ')
    let shared = changeLists.get(key)
    if (!shared) {
      shared = Object.freeze(changes) as ChangeKind[]
      changeLists.set(key, shared)
    }
    return shared
  }
  const docs = new Map(documents.map((d) => [d.id, d]))
  // one descriptor for every link, so that they share one shape
  const evidence = evidenceProperty(corpus, weights)
  const probability = probabilityProperty(weights)
  const relation = (a: ItemFeatures, b: ItemFeatures) =>
    relateDocuments(docs.get(a.docId) as PlanDocument, docs.get(b.docId) as PlanDocument)
  return {
    /**
     * The score alone; cheap enough for every candidate. With `floor`, a pair that cannot reach it gets
     * some score under it, for less work (`pairScore`).
     */
    score(a: ItemFeatures, b: ItemFeatures, floor?: number): number {
      return pairScore(a, b, corpus, weights, floor)
    },
    /** The pair from the higher or earlier document's item. */
    orient(a: ItemFeatures, b: ItemFeatures, score: number): ScoredPair {
      const [from, to] = relation(a, b).source.id === a.docId ? [a, b] : [b, a]
      return { source: from.id, target: to.id, from, to, score, decision: 'machine' }
    },
    /**
     * A kept pair as a link: its features computed again (only the links kept pay for them, not every
     * pair scored), the evidence, and what changed.
     */
    toLink(pair: ScoredPair): Link {
      const { changes, targetChanges } = detectChanges(pair.from, pair.to)
      const link = { source: pair.source, target: pair.target, score: pair.score } as Link
      Object.defineProperty(link, 'probability', probability)
      link.relation = relation(pair.from, pair.to).relation
      link.changes = sharedChanges(changes)
      link.targetChanges = targetChanges.length > 0 ? targetChanges : NO_TARGET_CHANGES
      Object.defineProperty(link, 'evidence', evidence)
      link.decision = pair.decision
      Object.defineProperty(link, FROM, { value: pair.from.index })
      Object.defineProperty(link, TO, { value: pair.to.index })
      return link
    },
  }
}

/** An incremental run's part in finding the pairs to score (see `CandidateOptions.added`). */
interface AddedItems {
  /** Items before this one are the snapshot's. */
  first: number
  /** Documents before this one are the snapshot's. */
  firstDocument: number
  cutoffs: Float32Array
  queryFloors: Float32Array
  /** Pairs of related documents the snapshot knew (`pairKey`). */
  relatedBefore: ReadonlySet<string>
  /** True for a pair of old items already held by the snapshot. */
  held: (i: number, j: number) => boolean
}

/** The newly related pairs of the snapshot's own documents. */
function newlyRelatedOld(
  documents: readonly PlanDocument[],
  firstDocument: number,
  relatedBefore: ReadonlySet<string>,
): Set<string> {
  const out = new Set<string>()
  for (const [x, y] of relatedDocuments(documents)) {
    if (x >= firstDocument || y >= firstDocument) continue
    const key = pairKey((documents[x] as PlanDocument).id, (documents[y] as PlanDocument).id)
    if (!relatedBefore.has(key)) out.add(key)
  }
  return out
}

/**
 * Calls `visit` for every pair to score: the candidates, or every pair across documents; with
 * `added`, only the pairs with a new item (and those of old documents newly related). Reports the
 * `candidates` stage (items) and the start of `score` (pairs to score). Returns what a snapshot keeps
 * of the candidate index (null when exhaustive).
 */
function forEachPairToScore(
  documents: PlanDocument[],
  corpus: CorpusFeatures,
  options: AlignOptions,
  visit: (i: number, j: number) => void,
  added?: AddedItems,
): { cutoffs: Float32Array; queryFloors: Float32Array } | null {
  const n = corpus.items.length
  const progress = (stage: ProgressStage, done: number, total: number) =>
    options.onProgress?.({ stage, done, total })
  if (options.exhaustive) {
    const docIndex = new Map(corpus.documents.map((id, k) => [id, k]))
    const sizes = new Map<number, number>()
    for (const f of corpus.items)
      sizes.set(docIndex.get(f.docId) ?? -1, (sizes.get(docIndex.get(f.docId) ?? -1) ?? 0) + 1)
    let same = 0
    for (const size of sizes.values()) same += (size * (size - 1)) / 2
    progress('scoring', 0, (n * (n - 1)) / 2 - same)
    for (let i = 0; i < n; i++) {
      const doc = (corpus.items[i] as ItemFeatures).docId
      for (let j = i + 1; j < n; j++) if ((corpus.items[j] as ItemFeatures).docId !== doc) visit(i, j)
    }
    return null
  }
  progress('candidates', 0, n)
  let related = relatedDocuments(documents)
  if (added)
    related = related.filter(
      ([x, y]) =>
        x >= added.firstDocument ||
        y >= added.firstDocument ||
        !added.relatedBefore.has(
          pairKey((documents[x] as PlanDocument).id, (documents[y] as PlanDocument).id),
        ),
    )
  const lists = findCandidateLists(corpus, {
    ...options.candidates,
    related,
    ...(added
      ? { added: { first: added.first, cutoffs: added.cutoffs, queryFloors: added.queryFloors } }
      : {}),
  })
  progress('candidates', n, n)
  // a pair of old items comes only from old documents newly related, and may be held already
  const wanted = (i: number, j: number) => !added || i >= added.first || j >= added.first || !added.held(i, j)
  let pairs = 0
  forEachCandidatePair(lists, (i, j) => {
    if (wanted(i, j)) pairs++
  })
  const scoring = stageProgress(options.onProgress, 'scoring', pairs)
  scoring(0)
  let done = 0
  forEachCandidatePair(lists, (i, j) => {
    if (!wanted(i, j)) return
    visit(i, j)
    scoring(++done)
  })
  return { cutoffs: lists.cutoffs, queryFloors: lists.queryFloors }
}

/** Every scored pair of items of different documents, before thresholds, as links with evidence. */
export function scorePairs(
  documents: PlanDocument[],
  corpus: CorpusFeatures,
  options: AlignOptions = {},
): Link[] {
  const weights = options.weights ?? loadScoreWeights()
  const scorer = createScorer(documents, corpus, weights)
  const links: Link[] = []
  forEachPairToScore(documents, corpus, options, (i, j) => {
    const a = corpus.items[i] as ItemFeatures
    const b = corpus.items[j] as ItemFeatures
    links.push(scorer.toLink(scorer.orient(a, b, scorer.score(a, b))))
  })
  return links
}

/** One-to-one: an optimal matching per pair of documents. */
function matchLinks(scored: ScoredPair[]): ScoredPair[] {
  const groups = groupBy(scored, (l) => `${l.from.docId}\u0000${l.to.docId}`)
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

/** Applies confirm and reject decisions to the kept pairs; confirmed pairs not kept are added. */
function applyDecisions(
  kept: ScoredPair[],
  confirmedPairs: ScoredPair[],
  decisions: Decision[],
): ScoredPair[] {
  // no decisions (the usual run): nothing to look up, and no key per kept pair
  if (decisions.length === 0 && confirmedPairs.length === 0) return kept
  const rejected = new Set(
    decisions.filter((d) => d.action === 'reject').map((d) => pairKey(d.source, d.target)),
  )
  const confirmed = new Set(
    decisions.filter((d) => d.action === 'confirm').map((d) => pairKey(d.source, d.target)),
  )
  const out = kept
    .filter((l) => !rejected.has(pairKey(l.source, l.target)))
    .map(
      (l): ScoredPair => (confirmed.has(pairKey(l.source, l.target)) ? { ...l, decision: 'confirmed' } : l),
    )
  const present = new Set(out.map((l) => pairKey(l.source, l.target)))
  for (const l of confirmedPairs) {
    const k = pairKey(l.source, l.target)
    if (!present.has(k)) {
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
  const progress = (stage: ProgressStage, done: number, total: number) =>
    options.onProgress?.({ stage, done, total })
  const itemCount = documents.reduce((n, d) => n + d.items.length, 0)
  const weights = options.weights ?? loadScoreWeights()
  const threshold = Math.max(options.threshold ?? weights.threshold, minimumScore(options, weights))
  const oneToOne = options.mode === 'one-to-one'
  const topK = options.topK ?? weights.topK ?? 3
  const maxLinks = options.maxLinks ?? 10
  const featureOptions = featureOptionsOf(options)
  const { lexicon, segmenter } = featureOptions

  // incremental: the snapshot's documents first, in its order, then the new ones
  const incremental = options.previous !== undefined || options.snapshot === true
  const settings = incremental
    ? settingsHash({
        weights,
        threshold,
        topK,
        maxLinks,
        mutual: options.mutual,
        candidates: options.candidates ?? {},
        lexicon: lexiconFingerprint(lexicon, segmenter.name),
        aliases: loadUnitAliases(),
      })
    : ''
  const hashes = new Map<string, string>()
  const hashOf = (d: PlanDocument) => stored(hashes, d.id, () => documentHash(d))
  let reuse: SnapshotUse | undefined
  let plan: ReusePlan | null = null
  const previous = options.previous
  if (previous !== undefined) {
    const found =
      previous === null
        ? { reason: 'no snapshot' }
        : oneToOne || options.exhaustive
          ? { reason: 'a snapshot is used in many mode with the candidate index only' }
          : planReuse(documents, previous, settings, options.maxGrowth ?? 0.25, hashOf)
    if ('reason' in found) reuse = { reused: 0, added: documents.length, reason: found.reason }
    else {
      plan = found
      reuse = { reused: found.old.length, added: found.added.length }
    }
  }
  const ordered = plan ? [...plan.old, ...plan.added] : documents
  progress('segmenting', 0, itemCount)
  let corpus: CorpusFeatures
  let added: AddedItems | undefined
  if (plan && previous) {
    const base = restoreFeatures(previous, plan.old)
    // the old items' analyses are not read: their features come from the snapshot
    if (options.consumeAnalyses)
      for (const f of base.items) (options.analyses as Map<string, TextAnalysis> | undefined)?.delete(f.id)
    const first = base.items.length
    corpus = extendFeatures(base, plan.added, featureOptions)
    const relatedBefore = new Set(previous.related)
    const renewed = newlyRelatedOld(ordered, plan.old.length, relatedBefore)
    const heldKeys = new Set<number>()
    if (renewed.size > 0)
      for (let k = 0; k < previous.held.from.length; k++) {
        const i = previous.held.from[k] as number
        const j = previous.held.to[k] as number
        const a = corpus.items[i] as ItemFeatures
        const b = corpus.items[j] as ItemFeatures
        if (renewed.has(pairKey(a.docId, b.docId))) heldKeys.add(Math.min(i, j) * first + Math.max(i, j))
      }
    added = {
      first,
      firstDocument: plan.old.length,
      cutoffs: previous.cutoffs,
      queryFloors: previous.queryFloors,
      relatedBefore,
      held: (i, j) => heldKeys.has(Math.min(i, j) * first + Math.max(i, j)),
    }
  } else corpus = buildFeatures(documents, featureOptions)
  progress('segmenting', itemCount, itemCount)
  const decisions = options.decisions ?? []
  const scorer = createScorer(ordered, corpus, weights)
  const items = corpus.items

  const relatedOf = relatedMap(ordered)
  // only pairs that reach the threshold are kept, with the features their evidence will read; in
  // 'many' mode each item holds only the pairs it may still choose
  const toPair = (p: SelectedPair): ScoredPair => {
    const from = items[p.from] as ItemFeatures
    const to = items[p.to] as ItemFeatures
    return { source: from.id, target: to.id, from, to, score: p.score, decision: 'machine' }
  }
  // released once the links are made (with `scored`): the threads stage is where memory peaks
  let selector: LinkSelector | null = new LinkSelector(items, { topK, maxLinks, relatedOf })
  // the snapshot's pairs, offered again: the selection is the same whatever order pairs come in
  if (plan && previous) {
    const { from, to, scores } = previous.held
    for (let k = 0; k < from.length; k++)
      selector.add(from[k] as number, to[k] as number, scores[k] as number)
  }
  let scored: ScoredPair[] = []
  let pairsScored = 0
  const index = forEachPairToScore(
    ordered,
    corpus,
    options,
    (i, j) => {
      const a = items[i] as ItemFeatures
      const b = items[j] as ItemFeatures
      const score = scorer.score(a, b, threshold)
      pairsScored++
      if (score < threshold) return
      const pair = scorer.orient(a, b, score)
      if (oneToOne) scored.push(pair)
      else selector?.add(pair.from.index, pair.to.index, score)
    },
    added,
  )
  progress('scoring', pairsScored, pairsScored)
  let snapshot: AlignSnapshot | undefined
  if (options.snapshot && index && !oneToOne) {
    const held: HeldPairs = selector.heldPairs()
    const relatedNow = relatedDocuments(ordered).map(([x, y]) =>
      pairKey((ordered[x] as PlanDocument).id, (ordered[y] as PlanDocument).id),
    )
    snapshot = makeSnapshot({
      settings,
      documents: ordered.map((d) => [d.id, hashOf(d)]),
      corpus,
      held,
      cutoffs: index.cutoffs,
      queryFloors: index.queryFloors,
      related: relatedNow,
    })
  }

  // a confirmed link the candidates did not reach is scored directly
  const confirms = decisions.filter((d) => d.action === 'confirm')
  const held = new Map(
    (confirms.length > 0 ? (oneToOne ? scored : (selector as LinkSelector).held().map(toPair)) : []).map(
      (l) => [pairKey(l.source, l.target), l],
    ),
  )
  const confirmedPairs: ScoredPair[] = []
  for (const d of confirms) {
    const a = corpus.byId.get(d.source)
    const b = corpus.byId.get(d.target)
    if (!a || !b || a.docId === b.docId) continue
    const found = held.get(pairKey(d.source, d.target))
    if (found) confirmedPairs.push(found)
    else {
      confirmedPairs.push(scorer.orient(a, b, scorer.score(a, b)))
    }
  }

  const mutual = options.mutual === undefined ? weights.mutual : options.mutual
  let links: Link[]
  if (!oneToOne && !mutual && decisions.length === 0) {
    // the usual run: the selection's pairs, already in link order, become links one by one, each
    // pair let go as its link is made (an array of pairs beside the links was the alignment's peak)
    const selected: Array<SelectedPair | undefined> = (selector as LinkSelector).selected()
    selector = null
    links = new Array<Link>(selected.length)
    for (let k = 0; k < selected.length; k++) {
      links[k] = scorer.toLink(toPair(selected[k] as SelectedPair))
      selected[k] = undefined
    }
  } else {
    const chosen = oneToOne ? [] : (selector as LinkSelector).selected().map(toPair)
    selector = null
    const selected = oneToOne ? matchLinks(scored) : mutual ? keepMutual(chosen, mutual) : chosen
    scored = []
    links = applyDecisions(selected, confirmedPairs, decisions)
      .sort(byScore)
      .map((pair) => scorer.toLink(pair))
  }
  held.clear()

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
  // (a key per link only when there are merges to check: a million keys held more than the links)
  const linked = new Set(mustLink.length > 0 ? links.map((l) => pairKey(l.source, l.target)) : [])
  for (const [a, b] of mustLink) {
    if (linked.has(pairKey(a, b))) continue
    const fa = corpus.byId.get(a)
    const fb = corpus.byId.get(b)
    if (fa && fb && fa.docId !== fb.docId) {
      threadLinks.push(scorer.toLink(scorer.orient(fa, fb, scorer.score(fa, fb))))
    }
  }
  progress('threads', 0, threadLinks.length)
  const threadThreshold = options.threadThreshold ?? 0.3
  const indexOf = (id: string) => (corpus.byId.get(id) as ItemFeatures).index
  const idOf = (k: number) => (items[k] as ItemFeatures).id
  // incremental: the earlier threads' clusters that no link made or lost touches are kept
  const earlier = plan && decisions.length === 0 ? previous?.threads : undefined
  const { threads, clusters } = clusterThreads(threadLinks, ordered, corpus, {
    threshold: threadThreshold,
    mustLink,
    cannotLink,
    ...(earlier && earlier.threshold === threadThreshold
      ? { previous: changedSince(earlier, threadLinks, indexOf, idOf) }
      : {}),
  })
  if (snapshot && decisions.length === 0)
    snapshot.threads = packClustering(threadThreshold, threadLinks, clusters, indexOf)
  progress('threads', threadLinks.length, threadLinks.length)
  const evolution = evolutionPairs(ordered, links)
  return { links, threads, evolution, ...(snapshot ? { snapshot } : {}), ...(reuse ? { reuse } : {}) }
}

/**
 * Every pair of documents of one jurisdiction and different years, earlier first. Documents are
 * grouped by jurisdiction name first and links by pair of documents, so neither all pairs of
 * documents nor all links per pair are visited.
 */
function evolutionPairs(documents: PlanDocument[], links: Link[]): EvolutionPair[] {
  // documents and jurisdictions as numbers: only links within one jurisdiction are grouped, by a
  // number per pair of documents (a string key for each of a million links was most of the stage)
  const docOf = new Map<string, number>()
  const names = new Map<string, number>()
  const nameOf = documents.map((d) =>
    d.jurisdiction ? stored(names, d.jurisdiction.name, () => names.size) : -1 - names.size,
  )
  documents.forEach((d, k) => {
    for (const item of d.items) docOf.set(item.id, k)
  })
  const count = documents.length
  const linksByPair = new Map<number, Link[]>()
  for (const l of links) {
    const a = docOf.get(l.source)
    const b = docOf.get(l.target)
    if (a === undefined || b === undefined || nameOf[a] !== nameOf[b]) continue
    stored(linksByPair, Math.min(a, b) * count + Math.max(a, b), () => []).push(l)
  }
  const position = new Map(documents.map((d, k) => [d.id, k]))
  const linksOf = (x: string, y: string): Link[] => {
    const a = position.get(x) as number
    const b = position.get(y) as number
    return linksByPair.get(Math.min(a, b) * count + Math.max(a, b)) ?? []
  }
  const byName = groupBy(
    documents.filter((d) => d.jurisdiction),
    (d) => d.jurisdiction?.name,
  )
  const out: EvolutionPair[] = []
  for (const group of Object.values(byName)) {
    for (let x = 0; x < group.length; x++) {
      for (let y = x + 1; y < group.length; y++) {
        const { relation, source, target } = relateDocuments(
          group[x] as PlanDocument,
          group[y] as PlanDocument,
        )
        if (relation === 'evolution') out.push(evolutionPair(source, target, linksOf(source.id, target.id)))
      }
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
