/**
 * The similarity stage: features of items and of pairs of items, and one calibrated score.
 *
 * Every feature of a pair is between 0 (nothing in common) and 1 (the same). The score combines them
 * with a logistic model whose weights were fitted on hand-labelled pairs (`data/align-weights.json`,
 * refitted by `npm run fit`), so it reads as the probability that both items state the same goal.
 * Functions accept precomputed features (`ItemFeatures`) so that a corpus is analysed once.
 */
import levenshtein from 'fast-levenshtein'
import { readDataJson } from '../data-dir.js'
import { itemBody, loadUnitAliases, type UnitAliases } from '../extract/index.js'
import {
  applySynonyms,
  isContentToken,
  type Lexicon,
  type Segmenter,
  tagTopics,
  tokenize,
} from '../lexicon/index.js'
import type { Evidence, LinkFeatures, PlanDocument, PlanItem, Target } from '../model/index.js'

/** A vector as parallel arrays sorted by term id: compared by a merge, much faster than maps. */
export interface SparseVector {
  ids: Int32Array
  weights: Float64Array
}

/** The features of one item, computed once per corpus. */
export interface ItemFeatures {
  id: string
  docId: string
  /** Content tokens (lexicon tokens without stopwords), in order. */
  tokens: string[]
  /** TF-IDF vector over tokens, unit length. */
  termVector: Map<string, number>
  /** IDF-weighted character bigram vector, unit length. */
  bigramVector: Map<string, number>
  /** TF-IDF vector of each sentence (split at 。；！？ and line breaks), unit length. */
  sentenceVectors: Array<Map<string, number>>
  /** The same three vectors as sparse arrays over the corpus vocabulary, for fast comparison. */
  sparse: { terms: SparseVector; bigrams: SparseVector; sentences: SparseVector[] }
  /** Lead phrase. */
  heading: string
  /**
   * Topic id -> score, passing mentions included (a lower threshold than the item's own tags): a city
   * governance platform that connects the 12345 hotline shares that goal with a hotline task.
   */
  topics: Map<string, number>
  /** Topic id -> zh label, for explanations. */
  topicLabels: Map<string, string>
  /** Metric families (or metric names where no family) of the item's targets. */
  metrics: Set<string>
  /** Responsible units, renamed by the alias file and qualified by jurisdiction, with their weights. */
  units: Map<string, number>
  /** Targets, for change detection. */
  targets: Target[]
}

/** Features of every item of a corpus, and the corpus statistics they were weighted with. */
export interface CorpusFeatures {
  items: ItemFeatures[]
  byId: Map<string, ItemFeatures>
  /** Inverse item frequency of each token. */
  idf: Map<string, number>
  /** Largest idf (a token used by one item). */
  maxIdf: number
  /** Idf by term id of the sparse vectors (0 for bigrams). */
  idfById: Float64Array
}

export interface FeatureOptions {
  segmenter: Segmenter
  lexicon: Lexicon
  /** Renamed bodies; default data/unit-aliases.json. */
  aliases?: UnitAliases
}

/** Sentences of a text: a goal mentioned in passing is usually one sentence of a longer item. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[。；;！？!?\n])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/** Topic tagging that keeps passing mentions. */
const MENTION_PROFILE = { threshold: 0.3, relativeThreshold: 0, max: 12 }

function unitLength(vector: Map<string, number>): Map<string, number> {
  let norm = 0
  for (const v of vector.values()) norm += v * v
  norm = Math.sqrt(norm)
  if (norm === 0) return vector
  const out = new Map<string, number>()
  for (const [k, v] of vector) out.set(k, v / norm)
  return out
}

/**
 * Character bigrams of the content words: stopwords and political formulas are cut out first (the
 * guiding-ideology sentence every plan repeats must not make two items look alike), so bigrams never
 * span a removed word.
 */
function bigramsOf(text: string, segmenter: Segmenter, lexicon: Lexicon): string[] {
  const content = segmenter
    .cut(applySynonyms(text.normalize('NFKC'), lexicon))
    .map((token) => (isContentToken(token) && !lexicon.stopwords.has(token) ? token : '|'))
    .join('')
  const letters = content.replace(/[^\p{L}\p{N}]+/gu, '|')
  const out: string[] = []
  for (const run of letters.split('|')) for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2))
  return out
}

function inverseFrequency(lists: string[][]): Map<string, number> {
  const df = new Map<string, number>()
  for (const list of lists) for (const t of new Set(list)) df.set(t, (df.get(t) ?? 0) + 1)
  const n = lists.length
  const idf = new Map<string, number>()
  for (const [t, d] of df) idf.set(t, Math.log((n + 1) / (d + 0.5)))
  return idf
}

function weightedVector(list: string[], idf: Map<string, number>): Map<string, number> {
  const tf = new Map<string, number>()
  for (const t of list) tf.set(t, (tf.get(t) ?? 0) + 1)
  const v = new Map<string, number>()
  // sublinear tf: a term repeated in a long item should not drown the rest
  for (const [t, f] of tf) v.set(t, (1 + Math.log(f)) * (idf.get(t) ?? 0))
  return unitLength(v)
}

/** Computes the features of every item of the documents. */
export function buildFeatures(documents: PlanDocument[], options: FeatureOptions): CorpusFeatures {
  const aliases = options.aliases ?? loadUnitAliases()
  const entries = documents.flatMap((doc) => doc.items.map((item) => ({ doc, item })))
  const texts = entries.map(({ item }) => itemBody(item))
  const sentenceLists = texts.map((t) =>
    splitSentences(t).map((sentence) =>
      tokenize(sentence, options.segmenter, options.lexicon, { mode: 'search' }),
    ),
  )
  const tokenLists = sentenceLists.map((sentences) => sentences.flat())
  const bigramLists = texts.map((t) => bigramsOf(t, options.segmenter, options.lexicon))
  const idf = inverseFrequency(tokenLists)
  const bigramIdf = inverseFrequency(bigramLists)
  const unitLists = entries.map(({ doc, item }) => unitKeys(doc, item, aliases))
  const unitIdf = inverseFrequency(unitLists)
  const profiles = entries.map(({ item }, k) =>
    tagTopics({ heading: item.heading, text: texts[k] as string }, options.lexicon, MENTION_PROFILE),
  )
  let maxIdf = 0
  for (const v of idf.values()) maxIdf = Math.max(maxIdf, v)
  const vocabulary = new Map<string, number>()
  const sparse = (vector: Map<string, number>, prefix: string): SparseVector => {
    const entriesById = [...vector].map(([term, weight]) => {
      const key = prefix + term
      let id = vocabulary.get(key)
      if (id === undefined) {
        id = vocabulary.size
        vocabulary.set(key, id)
      }
      return [id, weight] as const
    })
    entriesById.sort((x, y) => x[0] - y[0])
    return {
      ids: Int32Array.from(entriesById, (e) => e[0]),
      weights: Float64Array.from(entriesById, (e) => e[1]),
    }
  }
  const items = entries.map(({ doc, item }, k): ItemFeatures => {
    const metrics = new Set<string>()
    for (const t of item.targets) metrics.add(t.metricFamily ?? t.metric)
    const units = new Map<string, number>()
    for (const u of unitLists[k] as string[]) units.set(u, unitIdf.get(u) ?? 0)
    const termVector = weightedVector(tokenLists[k] as string[], idf)
    const bigramVector = weightedVector(bigramLists[k] as string[], bigramIdf)
    const sentenceVectors = (sentenceLists[k] as string[][])
      .filter((tokens) => tokens.length > 0)
      .map((tokens) => weightedVector(tokens, idf))
    return {
      id: item.id,
      docId: doc.id,
      tokens: tokenLists[k] as string[],
      termVector,
      bigramVector,
      sentenceVectors,
      sparse: {
        terms: sparse(termVector, 'w:'),
        bigrams: sparse(bigramVector, 'b:'),
        sentences: sentenceVectors.map((v) => sparse(v, 'w:')),
      },
      heading: item.heading,
      topics: new Map(profiles[k]?.map((t) => [t.id, t.score])),
      topicLabels: new Map(profiles[k]?.map((t) => [t.id, t.label])),
      metrics,
      units,
      targets: item.targets,
    }
  })
  const idfById = new Float64Array(vocabulary.size)
  for (const [key, id] of vocabulary) if (key.startsWith('w:')) idfById[id] = idf.get(key.slice(2)) ?? 0
  return { items, byId: new Map(items.map((f) => [f.id, f])), idf, maxIdf, idfById }
}

/** Responsible units as comparable keys: renamed bodies merged, qualified by their government. */
function unitKeys(doc: PlanDocument, item: PlanItem, aliases: UnitAliases): string[] {
  if (!item.responsible) return []
  const place = doc.jurisdiction?.name ?? doc.id
  const rename = new Map<string, string>()
  for (const a of aliases.aliases)
    if (!a.jurisdiction || a.jurisdiction === place) rename.set(clean(a.alias), clean(a.canonical))
  return [...item.responsible.lead, ...item.responsible.related].map((name) => {
    const key = clean(name)
    return `${rename.get(key) ?? key}@${place}`
  })
}

function clean(name: string): string {
  return name.normalize('NFKC').replace(/[“”‘’"'\s]/g, '')
}

/** Cosine of two unit vectors, between 0 and 1. */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let sum = 0
  for (const [k, v] of small) {
    const w = large.get(k)
    if (w !== undefined) sum += v * w
  }
  return Math.max(0, Math.min(1, sum))
}

/** Cosine of two unit sparse vectors, between 0 and 1. */
export function cosineSparse(a: SparseVector, b: SparseVector): number {
  let i = 0
  let j = 0
  let sum = 0
  const ai = a.ids
  const bi = b.ids
  while (i < ai.length && j < bi.length) {
    const x = ai[i] as number
    const y = bi[j] as number
    if (x === y) {
      sum += (a.weights[i] as number) * (b.weights[j] as number)
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return Math.max(0, Math.min(1, sum))
}

/** Weighted Jaccard: sum of minima over sum of maxima, between 0 and 1. */
export function weightedJaccard(a: Map<string, number>, b: Map<string, number>): number {
  let min = 0
  let max = 0
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k) ?? 0
    const y = b.get(k) ?? 0
    min += Math.min(x, y)
    max += Math.max(x, y)
  }
  return max === 0 ? 0 : min / max
}

/** Heading similarity: 1 - edit distance / longer length; 0 when either has no heading. */
export function headingSimilarity(a: string, b: string): number {
  if (!a || !b) return 0
  return 1 - levenshtein.get(a, b) / Math.max(a.length, b.length)
}

function setJaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  let shared = 0
  for (const x of a) if (b.has(x)) shared++
  return shared / (a.size + b.size - shared)
}

/** The feature values of a pair, each between 0 and 1. */
export function pairFeatures(a: ItemFeatures, b: ItemFeatures, corpus: CorpusFeatures): LinkFeatures {
  return {
    tfidf: cosineSparse(a.sparse.terms, b.sparse.terms),
    sentence: bestSentencePair(a, b),
    ngram: cosineSparse(a.sparse.bigrams, b.sparse.bigrams),
    heading: headingSimilarity(a.heading, b.heading),
    topics: weightedJaccard(a.topics, b.topics),
    metrics: setJaccard(a.metrics, b.metrics),
    units: weightedJaccard(a.units, b.units),
    anchor: strongestSharedTerm(a, b, corpus),
    topicPeak: strongestSharedTopic(a.topics, b.topics),
  }
}

/** The most similar pair of sentences (TF-IDF cosine): two items may share one clause and little else. */
export function bestSentencePair(a: ItemFeatures, b: ItemFeatures): number {
  let best = 0
  for (const x of a.sparse.sentences)
    for (const y of b.sparse.sentences) best = Math.max(best, cosineSparse(x, y))
  return best
}

/** The rarest term both items use, as its idf over the largest idf: one specific term (12345热线) can carry a link. */
export function strongestSharedTerm(a: ItemFeatures, b: ItemFeatures, corpus: CorpusFeatures): number {
  let best = 0
  const x = a.sparse.terms.ids
  const y = b.sparse.terms.ids
  let i = 0
  let j = 0
  while (i < x.length && j < y.length) {
    const p = x[i] as number
    const q = y[j] as number
    if (p === q) {
      best = Math.max(best, corpus.idfById[p] as number)
      i++
      j++
    } else if (p < q) i++
    else j++
  }
  return corpus.maxIdf > 0 ? best / corpus.maxIdf : 0
}

/** The topic both items are most about: the largest minimum score over shared topics. */
export function strongestSharedTopic(a: Map<string, number>, b: Map<string, number>): number {
  let best = 0
  for (const [topic, x] of a) {
    const y = b.get(topic)
    if (y !== undefined) best = Math.max(best, Math.min(x, y))
  }
  return best
}

/** Logistic weights of the score, as fitted (data/align-weights.json). */
export interface ScoreWeights {
  bias: number
  weights: Record<keyof LinkFeatures, number>
  /** Default link threshold chosen in the fit. */
  threshold: number
}

let defaultWeights: ScoreWeights | null = null

/** The fitted weights shipped with the package. */
export function loadScoreWeights(file?: string): ScoreWeights {
  if (!file && defaultWeights) return defaultWeights
  const data = readDataJson<ScoreWeights>('align-weights.json', file)
  if (!file) defaultWeights = data
  return data
}

export const FEATURE_NAMES: ReadonlyArray<keyof LinkFeatures> = [
  'tfidf',
  'sentence',
  'ngram',
  'heading',
  'topics',
  'topicPeak',
  'anchor',
  'metrics',
  'units',
]

/** The calibrated score of feature values: a probability between 0 and 1. */
export function scoreFeatures(features: LinkFeatures, weights: ScoreWeights = loadScoreWeights()): number {
  let z = weights.bias
  for (const name of FEATURE_NAMES) z += (weights.weights[name] ?? 0) * features[name]
  return 1 / (1 + Math.exp(-z))
}

/** Shared informative terms, most informative first. */
export function sharedTerms(a: ItemFeatures, b: ItemFeatures, corpus: CorpusFeatures, max = 8): string[] {
  const shared = [...a.termVector.keys()].filter((t) => b.termVector.has(t))
  return shared
    .map((t) => ({
      t,
      w: (a.termVector.get(t) ?? 0) * (b.termVector.get(t) ?? 0),
      idf: corpus.idf.get(t) ?? 0,
    }))
    .filter((x) => x.idf > 0)
    .sort((x, y) => y.w - x.w || (x.t < y.t ? -1 : 1))
    .slice(0, max)
    .map((x) => x.t)
}

/** Score and evidence of a pair. */
export function scoreItems(
  a: ItemFeatures,
  b: ItemFeatures,
  corpus: CorpusFeatures,
  weights: ScoreWeights = loadScoreWeights(),
): { score: number; evidence: Evidence } {
  const features = pairFeatures(a, b, corpus)
  const score = scoreFeatures(features, weights)
  const terms = sharedTerms(a, b, corpus)
  const topics = [...a.topics.keys()].filter((t) => b.topics.has(t)).sort()
  const metrics = [...a.metrics].filter((m) => b.metrics.has(m)).sort()
  const units = [...a.units.keys()]
    .filter((u) => b.units.has(u))
    .map((u) => u.replace(/@.*$/, ''))
    .sort()
  return {
    score,
    evidence: {
      features,
      sharedTerms: terms,
      sharedTopics: topics,
      sharedMetrics: metrics,
      sharedUnits: units,
      summary: explain(
        features,
        terms,
        topics.map((t) => a.topicLabels.get(t) ?? t),
        metrics,
        units,
      ),
    },
  }
}

const percent = (x: number) => `${Math.round(x * 100)}%`

/** The evidence in plain words. */
function explain(
  f: LinkFeatures,
  terms: string[],
  topics: string[],
  metrics: string[],
  units: string[],
): string {
  const parts: string[] = []
  if (terms.length > 0)
    parts.push(`shared terms ${terms.slice(0, 5).join('、')} (TF-IDF ${percent(f.tfidf)})`)
  parts.push(`wording overlap ${percent(f.ngram)}`)
  if (f.heading > 0.5) parts.push(`similar headings (${percent(f.heading)})`)
  if (topics.length > 0) parts.push(`same topic: ${topics.join('、')}`)
  if (metrics.length > 0) parts.push(`both set targets for ${metrics.join('、')}`)
  if (units.length > 0) parts.push(`same responsible units: ${units.join('、')}`)
  return parts.join('; ')
}
