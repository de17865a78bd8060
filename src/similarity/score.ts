/**
 * Features of pairs of items, and one calibrated score.
 *
 * Every feature of a pair is between 0 (nothing in common) and 1 (the same). The score combines them
 * with a logistic model whose weights were fitted on hand-labelled pairs (`data/align-weights.json`,
 * refitted by `npm run fit`), so it reads as the probability that both items state the same goal.
 */

import levenshtein from 'fast-levenshtein'
import { computedField } from '../collections.js'
import { readDataJson } from '../data-dir.js'
import type { Evidence, LinkFeatures } from '../model/index.js'
import type { CorpusFeatures, ItemFeatures } from './features.js'
import { dotRange } from './sparse.js'

/** Cosine of two unit vectors given as maps, between 0 and 1. */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let sum = 0
  for (const [k, v] of small) {
    const w = large.get(k)
    if (w !== undefined) sum += v * w
  }
  return Math.max(0, Math.min(1, sum))
}

/** Weighted Jaccard of two maps: sum of minima over sum of maxima, between 0 and 1. */
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

const clamp = (x: number) => Math.max(0, Math.min(1, x))

/** Weighted Jaccard of two ranges, and the largest minimum over shared ids (the peak). */
function jaccardRange(
  a: ItemFeatures,
  aStart: number,
  aEnd: number,
  b: ItemFeatures,
  bStart: number,
  bEnd: number,
): { jaccard: number; peak: number } {
  let i = aStart
  let j = bStart
  let min = 0
  let max = 0
  let peak = 0
  while (i < aEnd || j < bEnd) {
    const x = i < aEnd ? (a.ids[i] as number) : Number.POSITIVE_INFINITY
    const y = j < bEnd ? (b.ids[j] as number) : Number.POSITIVE_INFINITY
    if (x === y) {
      const p = a.weights[i] as number
      const q = b.weights[j] as number
      min += Math.min(p, q)
      max += Math.max(p, q)
      peak = Math.max(peak, Math.min(p, q))
      i++
      j++
    } else if (x < y) max += a.weights[i++] as number
    else max += b.weights[j++] as number
  }
  return { jaccard: max === 0 ? 0 : min / max, peak }
}

/** Jaccard of two ranges taken as sets. */
function setJaccardRange(
  a: ItemFeatures,
  aStart: number,
  aEnd: number,
  b: ItemFeatures,
  bStart: number,
  bEnd: number,
): number {
  if (aEnd === aStart || bEnd === bStart) return 0
  let i = aStart
  let j = bStart
  let shared = 0
  while (i < aEnd && j < bEnd) {
    const x = a.ids[i] as number
    const y = b.ids[j] as number
    if (x === y) {
      shared++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return shared / (aEnd - aStart + (bEnd - bStart) - shared)
}

/** Scratch cells of sentence-pair dot products, reused between pairs. */
let cells = new Float64Array(1024)

/**
 * The most similar pair of sentences (TF-IDF cosine): two items may share one clause and little else.
 * Through each item's sentence index (entries sorted by term): one merge over both items' entries
 * adds each shared term to the cells of the sentence pairs that use it, instead of comparing every
 * sentence with every sentence. Returns the best cosine and its sentences (`-1` when none).
 */
export function bestSentencePair(
  a: ItemFeatures,
  b: ItemFeatures,
): { score: number; source: number; target: number } {
  // a link's evidence asks twice in a row (its features, then its clauses)
  if (a === lastPair.a && b === lastPair.b) return lastPair.best
  const best = bestSentencePairOf(a, b)
  lastPair = { a, b, best }
  return best
}

let lastPair: {
  a: ItemFeatures | null
  b: ItemFeatures | null
  best: { score: number; source: number; target: number }
} = { a: null, b: null, best: { score: 0, source: -1, target: -1 } }

function bestSentencePairOf(
  a: ItemFeatures,
  b: ItemFeatures,
): { score: number; source: number; target: number } {
  const width = b.sentenceCount
  const size = a.sentenceCount * width
  if (size === 0) return { score: 0, source: -1, target: -1 }
  if (cells.length < size) cells = new Float64Array(Math.max(size, cells.length * 2))
  const touched: number[] = []
  let i = a.bigramsEnd
  let j = b.bigramsEnd
  while (i < a.sentencesEnd && j < b.sentencesEnd) {
    const x = a.ids[i] as number
    const y = b.ids[j] as number
    if (x < y) i++
    else if (x > y) j++
    else {
      // every entry of this term in a against every entry of it in b (usually one or two each)
      let iEnd = i
      while (iEnd < a.sentencesEnd && a.ids[iEnd] === x) iEnd++
      let jEnd = j
      while (jEnd < b.sentencesEnd && b.ids[jEnd] === x) jEnd++
      for (let p = i; p < iEnd; p++) {
        const row = (a.sentenceOf[p - a.bigramsEnd] as number) * width
        const w = a.weights[p] as number
        for (let q = j; q < jEnd; q++) {
          const cell = row + (b.sentenceOf[q - b.bigramsEnd] as number)
          if (cells[cell] === 0) touched.push(cell)
          cells[cell] = (cells[cell] as number) + w * (b.weights[q] as number)
        }
      }
      i = iEnd
      j = jEnd
    }
  }
  let best = 0
  let at = -1
  for (const cell of touched) {
    const value = cells[cell] as number
    if (value > best || (value === best && cell < at)) {
      best = value
      at = cell
    }
    cells[cell] = 0
  }
  return at < 0
    ? { score: 0, source: -1, target: -1 }
    : { score: clamp(best), source: Math.floor(at / width), target: at % width }
}

/** The rarest term both items use, as its idf over the largest idf: one specific term (12345热线) can carry a link. */
export function strongestSharedTerm(a: ItemFeatures, b: ItemFeatures, corpus: CorpusFeatures): number {
  return termOverlap(a, b, corpus).anchor
}

/**
 * Specific and covered shared vocabulary, from one merge of the two items' terms.
 *
 * `specific`: 1 - exp(-sum over shared terms of (idf / largest idf)²). Squaring the idf lets a few
 * rare terms (低空经济, 12345, 高效办成一件事) count for much and the generic ones every item uses
 * (推进, 建设, 数字) for almost nothing, by what the corpus itself tells apart, with no list of terms.
 * `coverage`: the idf mass of the shared terms over the idf mass of the smaller item: a one-goal item
 * inside a work-report paragraph holding ten goals is covered although their cosine is low.
 */
export function sharedSpecificity(
  a: ItemFeatures,
  b: ItemFeatures,
  corpus: CorpusFeatures,
): { specific: number; coverage: number } {
  const { specific, coverage } = termOverlap(a, b, corpus)
  return { specific, coverage }
}

/** Each item's idf mass of its terms, by item index, summed once per corpus (not once per pair). */
const termMasses = new WeakMap<CorpusFeatures, Float64Array>()
function termMassesOf(corpus: CorpusFeatures): Float64Array {
  let masses = termMasses.get(corpus)
  if (!masses || masses.length !== corpus.items.length) {
    const idf = corpus.idfById
    masses = new Float64Array(corpus.items.length)
    for (const f of corpus.items) {
      let mass = 0
      for (let k = 0; k < f.termsEnd; k++) mass += idf[f.ids[k] as number] as number
      masses[f.index] = mass
    }
    termMasses.set(corpus, masses)
  }
  return masses
}

/** The idf mass of an item's terms: from the corpus's table when the item is the corpus's own. */
function termMass(f: ItemFeatures, corpus: CorpusFeatures): number {
  if (corpus.items[f.index] === f) return termMassesOf(corpus)[f.index] as number
  let mass = 0
  for (let k = 0; k < f.termsEnd; k++) mass += corpus.idfById[f.ids[k] as number] as number
  return mass
}

/**
 * The four term features of a pair from one merge of the two items' terms (they were three merges):
 * the TF-IDF cosine, the anchor (`strongestSharedTerm`), `specific` and `coverage` (`sharedSpecificity`).
 */
function termOverlap(
  a: ItemFeatures,
  b: ItemFeatures,
  corpus: CorpusFeatures,
): { tfidf: number; anchor: number; specific: number; coverage: number } {
  const idf = corpus.idfById
  const maxIdf = corpus.maxIdf || 1
  let dot = 0
  let strongest = 0
  let specific = 0
  let shared = 0
  let i = 0
  let j = 0
  while (i < a.termsEnd && j < b.termsEnd) {
    const p = a.ids[i] as number
    const q = b.ids[j] as number
    if (p === q) {
      dot += (a.weights[i] as number) * (b.weights[j] as number)
      const w = idf[p] as number
      strongest = Math.max(strongest, w)
      shared += w
      specific += (w / maxIdf) ** 2
      i++
      j++
    } else if (p < q) i++
    else j++
  }
  const smaller = Math.min(termMass(a, corpus), termMass(b, corpus))
  return {
    tfidf: clamp(dot),
    anchor: corpus.maxIdf > 0 ? strongest / corpus.maxIdf : 0,
    specific: 1 - Math.exp(-specific),
    coverage: smaller > 0 ? clamp(shared / smaller) : 0,
  }
}

/** Term and bigram cosines of a pair: the two features the candidate index retrieves by. */
export function vectorCosines(a: ItemFeatures, b: ItemFeatures): { tfidf: number; ngram: number } {
  return {
    tfidf: clamp(dotRange(a.ids, a.weights, 0, a.termsEnd, b.ids, b.weights, 0, b.termsEnd)),
    ngram: bigramCosine(a, b),
  }
}

/** The feature values of a pair, each between 0 and 1. */
export function pairFeatures(a: ItemFeatures, b: ItemFeatures, corpus: CorpusFeatures): LinkFeatures {
  const terms = termOverlap(a, b, corpus)
  const topics = jaccardRange(a, a.sentencesEnd, a.topicsEnd, b, b.sentencesEnd, b.topicsEnd)
  // named fields, not a spread: the spread's object is larger (every link keeps one)
  return {
    tfidf: terms.tfidf,
    sentence: bestSentencePair(a, b).score,
    ngram: bigramCosine(a, b),
    heading: headingSimilarity(a.heading, b.heading),
    topics: topics.jaccard,
    metrics: setJaccardRange(a, a.unitsEnd, a.ids.length, b, b.unitsEnd, b.ids.length),
    units: jaccardRange(a, a.topicsEnd, a.unitsEnd, b, b.topicsEnd, b.unitsEnd).jaccard,
    anchor: terms.anchor,
    topicPeak: topics.peak,
    specific: terms.specific,
    coverage: terms.coverage,
  }
}

const bigramCosine = (a: ItemFeatures, b: ItemFeatures) =>
  clamp(dotRange(a.ids, a.weights, a.termsEnd, a.bigramsEnd, b.ids, b.weights, b.termsEnd, b.bigramsEnd))

/**
 * The score of a pair (four decimals) as `scoreFeatures(pairFeatures(…))` gives it, when it can reach
 * `floor`; under `floor` otherwise. The costly features are left out where they cannot matter: one
 * whose weight is 0 (the heading's edit distance in the shipped weights), and the best sentence pair
 * when the score with it at its most still stays under `floor` (13% of the candidate pairs at 200
 * generated documents). Sums in `scoreFeatures`' order, so a score is the same to the last bit.
 */
export function pairScore(
  a: ItemFeatures,
  b: ItemFeatures,
  corpus: CorpusFeatures,
  weights: ScoreWeights,
  floor = Number.NEGATIVE_INFINITY,
): number {
  const w = weights.weights
  const terms = termOverlap(a, b, corpus)
  const topics = jaccardRange(a, a.sentencesEnd, a.topicsEnd, b, b.sentencesEnd, b.topicsEnd)
  const features: LinkFeatures = {
    tfidf: terms.tfidf,
    // at its most until it is needed
    sentence: 1,
    ngram: w.ngram ? bigramCosine(a, b) : 0,
    heading: w.heading ? headingSimilarity(a.heading, b.heading) : 0,
    topics: topics.jaccard,
    metrics: w.metrics ? setJaccardRange(a, a.unitsEnd, a.ids.length, b, b.unitsEnd, b.ids.length) : 0,
    units: w.units ? jaccardRange(a, a.topicsEnd, a.unitsEnd, b, b.topicsEnd, b.unitsEnd).jaccard : 0,
    anchor: terms.anchor,
    topicPeak: topics.peak,
    specific: terms.specific,
    coverage: terms.coverage,
  }
  if (!w.sentence) {
    features.sentence = 0
    return roundScore(scoreFeatures(features, weights))
  }
  if (w.sentence > 0) {
    const most = roundScore(scoreFeatures(features, weights))
    if (most < floor) return most
  }
  features.sentence = bestSentencePair(a, b).score
  return roundScore(scoreFeatures(features, weights))
}

/** Scores are kept and shown to four decimals. */
export const roundScore = (x: number) => Math.round(x * 10000) / 10000

/** Logistic weights of the score, as fitted (data/align-weights.json). */
export interface ScoreWeights {
  bias: number
  weights: Record<keyof LinkFeatures, number>
  /** Default link threshold chosen in the fit. */
  threshold: number
  /** Default links per item towards each other document, chosen in the fit with the threshold. */
  topK?: number
  /**
   * Default mutual-best selection, chosen in the fit: a pair scored under `strong` is kept only when
   * each item ranks the other among its `rank` best towards the other's document.
   */
  mutual?: { rank: number; strong: number }
  /**
   * Score -> probability that a kept link joins two items of one goal: points `[score, probability]`
   * with both rising, read between points by straight lines (isotonic regression on the links the
   * labelled sets judge; `npm run calibrate`). Absent in user weights: links then have no probability.
   */
  calibration?: Array<[number, number]>
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
  'specific',
  'coverage',
]

/**
 * A kept link's score as the probability that its two items state one goal, by the weights'
 * calibration (null without one). The logistic score alone is not that: on the labelled sets, held
 * out by province, links scored 0.15 joined one goal half the time.
 */
export function linkProbability(score: number, weights: ScoreWeights): number | null {
  const table = weights.calibration
  if (!table || table.length === 0) return null
  const first = table[0] as [number, number]
  if (score <= first[0]) return first[1]
  for (let k = 1; k < table.length; k++) {
    const [x1, y1] = table[k] as [number, number]
    if (score <= x1) {
      const [x0, y0] = table[k - 1] as [number, number]
      return roundScore(y0 + ((y1 - y0) * (score - x0)) / Math.max(1e-12, x1 - x0))
    }
  }
  return (table[table.length - 1] as [number, number])[1]
}

/**
 * The lowest score whose probability reaches `probability` (the threshold that keeps links at that
 * precision), or null when no score does or the weights have no calibration.
 */
export function scoreForProbability(probability: number, weights: ScoreWeights): number | null {
  const table = weights.calibration
  if (!table || table.length === 0) return null
  const first = table[0] as [number, number]
  if (probability <= first[1]) return 0
  for (let k = 1; k < table.length; k++) {
    const [x1, y1] = table[k] as [number, number]
    if (probability <= y1) {
      const [x0, y0] = table[k - 1] as [number, number]
      return x0 + ((x1 - x0) * (probability - y0)) / Math.max(1e-12, y1 - y0)
    }
  }
  return null
}

/** The link score of feature values in [0, 1]: the logistic model the weights were fitted as. */
export function scoreFeatures(features: LinkFeatures, weights: ScoreWeights = loadScoreWeights()): number {
  let z = weights.bias
  for (const name of FEATURE_NAMES) z += (weights.weights[name] ?? 0) * features[name]
  return 1 / (1 + Math.exp(-z))
}

/** Names of the ids both ranges hold (`nameOf`), sorted. */
function sharedNames(
  a: ItemFeatures,
  aStart: number,
  aEnd: number,
  b: ItemFeatures,
  bStart: number,
  bEnd: number,
  corpus: CorpusFeatures,
): string[] {
  const out: string[] = []
  let i = aStart
  let j = bStart
  while (i < aEnd && j < bEnd) {
    const x = a.ids[i] as number
    const y = b.ids[j] as number
    if (x === y) {
      out.push(nameOf(corpus, x))
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return out.sort()
}

/**
 * Names of keys without their prefix (`w:数据` -> 数据), made once per key and shared by every link's
 * evidence: at 1,000 documents 600,000 links would otherwise each hold their own copies.
 */
const names = new WeakMap<CorpusFeatures, Array<string | undefined>>()
const nameOf = (corpus: CorpusFeatures, id: number): string => {
  let list = names.get(corpus)
  if (!list) {
    list = []
    names.set(corpus, list)
  }
  let name = list[id]
  if (name === undefined) {
    name = (corpus.keys[id] as string).slice(2)
    // a unit is keyed with its government (市发展改革委@福州市); evidence names the unit alone
    if ((corpus.keys[id] as string).startsWith('u:')) name = name.replace(/@.*$/, '')
    list[id] = name
  }
  return name
}

/** Scratch of `sharedTerms`: the shared terms' ids and weights, reused by every call. */
let sharedScratch = { ids: new Int32Array(256), weights: new Float64Array(256) }

/** Shared informative terms, most informative first. */
export function sharedTerms(a: ItemFeatures, b: ItemFeatures, corpus: CorpusFeatures, max = 8): string[] {
  // the shared terms with idf > 0 and the product of their weights, into scratch arrays (a triple, a
  // filter and an object per shared term were most of a link's evidence when it is written out)
  const needed = Math.min(a.termsEnd, b.termsEnd)
  if (sharedScratch.ids.length < needed)
    sharedScratch = { ids: new Int32Array(2 * needed), weights: new Float64Array(2 * needed) }
  const { ids, weights } = sharedScratch
  let count = 0
  let i = 0
  let j = 0
  while (i < a.termsEnd && j < b.termsEnd) {
    const x = a.ids[i] as number
    const y = b.ids[j] as number
    if (x === y) {
      if ((corpus.idfById[x] as number) > 0) {
        ids[count] = x
        weights[count++] = (a.weights[i] as number) * (b.weights[j] as number)
      }
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  if (count === 0) return []
  // only the terms that can make the first `max` are named: those weighing at least the max-th
  // heaviest (ties at the cut included), then ordered by weight and name
  let cut = Number.NEGATIVE_INFINITY
  if (count > max) cut = weights.slice(0, count).sort()[count - max] as number
  const named: Array<{ t: string; w: number }> = []
  for (let k = 0; k < count; k++)
    if ((weights[k] as number) >= cut)
      named.push({ t: nameOf(corpus, ids[k] as number), w: weights[k] as number })
  return named
    .sort((x, y) => y.w - x.w || (x.t < y.t ? -1 : 1))
    .slice(0, max)
    .map((x) => x.t)
}

/**
 * Score and evidence of a pair. `features` computed already (by the scorer that kept the link) are
 * reused, not computed again.
 */
export function scoreItems(
  a: ItemFeatures,
  b: ItemFeatures,
  corpus: CorpusFeatures,
  weights: ScoreWeights = loadScoreWeights(),
  features: LinkFeatures = pairFeatures(a, b, corpus),
): { score: number; evidence: Evidence } {
  const score = scoreFeatures(features, weights)
  const terms = sharedTerms(a, b, corpus)
  const topics = sharedNames(a, a.sentencesEnd, a.topicsEnd, b, b.sentencesEnd, b.topicsEnd, corpus)
  const metrics = sharedNames(a, a.unitsEnd, a.ids.length, b, b.unitsEnd, b.ids.length, corpus)
  const units = sharedNames(a, a.topicsEnd, a.unitsEnd, b, b.topicsEnd, b.unitsEnd, corpus)
  const evidence = {
    features: roundedFeatures(features),
    sharedTerms: terms,
    sharedTopics: topics,
    sharedMetrics: metrics,
    sharedUnits: units,
    clauses: matchedClauses(a, b, corpus),
  } as Evidence
  Object.defineProperty(evidence, 'summary', summaryProperty(corpus))
  return { score, evidence }
}

/**
 * The best pair of sentences of two items (the `sentence` feature), as spans of each item's text:
 * where in a paragraph of several goals the matched one is stated.
 */
function matchedClauses(a: ItemFeatures, b: ItemFeatures, corpus: CorpusFeatures): Evidence['clauses'] {
  const best = bestSentencePair(a, b)
  if (best.source < 0) return null
  const spans = corpus.clauseSpans
  const source = a.clauses + 2 * best.source
  const target = b.clauses + 2 * best.target
  if ((spans[source] as number) < 0 || (spans[target] as number) < 0) return null
  return {
    source: [spans[source] as number, spans[source + 1] as number],
    target: [spans[target] as number, spans[target + 1] as number],
  }
}

/**
 * Features as evidence shows them: four decimals, as the score. Seventeen digits of eleven features
 * were a fifth of a link's JSON and of the time to write it.
 */
function roundedFeatures(f: LinkFeatures): LinkFeatures {
  // named fields in `pairFeatures`' order (a spread and a loop over its keys cost more than the rest)
  return {
    tfidf: roundScore(f.tfidf),
    sentence: roundScore(f.sentence),
    ngram: roundScore(f.ngram),
    heading: roundScore(f.heading),
    topics: roundScore(f.topics),
    metrics: roundScore(f.metrics),
    units: roundScore(f.units),
    anchor: roundScore(f.anchor),
    topicPeak: roundScore(f.topicPeak),
    specific: roundScore(f.specific),
    coverage: roundScore(f.coverage),
  }
}

/**
 * `summary` of an evidence, worded when it is read (written out, shown) instead of held: the words
 * are the other fields', and 600,000 links at 1,000 documents held 200 MB of them. An enumerable own
 * accessor, so JSON, spreads and `Object.keys` see a plain string field; assigning it stores the value.
 * One descriptor per corpus, so that every evidence object shares one shape.
 */
const summaries = new WeakMap<CorpusFeatures, PropertyDescriptor>()
function summaryProperty(corpus: CorpusFeatures): PropertyDescriptor {
  let descriptor = summaries.get(corpus)
  if (!descriptor) {
    const labels = corpus.topicLabels
    descriptor = computedField<Evidence, string>('summary', (evidence) =>
      explain(
        evidence.features,
        evidence.sharedTerms,
        evidence.sharedTopics.map((t) => labels.get(t) ?? t),
        evidence.sharedMetrics,
        evidence.sharedUnits,
      ),
    )
    summaries.set(corpus, descriptor)
  }
  return descriptor
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
