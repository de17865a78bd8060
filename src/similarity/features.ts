/**
 * Features of items, computed once per corpus: TF-IDF vectors over content tokens, IDF-weighted
 * character bigram vectors, a vector per sentence, topics (passing mentions included), metric
 * families and responsible units. Every string is interned into one vocabulary, so an item holds a few
 * typed arrays and no maps: at 10,000 documents (half a million items) maps per item would not fit.
 */
import { doubled } from '../collections.js'
import { itemBody, loadUnitAliases, type UnitAliases } from '../extract/index.js'
import {
  analyzeText,
  bigramsOf,
  type Lexicon,
  type Segmenter,
  selectTopics,
  sentencesOf,
  type TextAnalysis,
} from '../lexicon/index.js'
import type { PlanDocument, PlanItem, Target } from '../model/index.js'
import { placeClauses } from './clauses.js'
import { countIds, type SparseVector } from './sparse.js'

/**
 * The features of one item. Its vectors are ranges of `ids`/`weights`, each sorted by id: terms
 * `[0, termsEnd)`, bigrams `[termsEnd, bigramsEnd)`, sentence entries `[bigramsEnd, sentencesEnd)`,
 * topics `[sentencesEnd, topicsEnd)`, units `[topicsEnd, unitsEnd)`, metrics `[unitsEnd, ids.length)`.
 * Ids index `CorpusFeatures.keys`.
 */
export interface ItemFeatures {
  id: string
  docId: string
  /** Position in `CorpusFeatures.items`. */
  index: number
  /** Lead phrase. */
  heading: string
  ids: Int32Array
  /**
   * Terms: TF-IDF (sublinear tf), unit length. Bigrams: the same over character bigrams. Sentence
   * entries: each sentence's TF-IDF vector, unit length. Topics: mention scores. Units: idf. Metrics: 1.
   */
  weights: Float32Array
  termsEnd: number
  bigramsEnd: number
  sentencesEnd: number
  topicsEnd: number
  unitsEnd: number
  /**
   * Sentence of each sentence entry. The entries of all sentences are sorted by term id (then sentence),
   * an index of the item's sentences by term: two items' best sentence pair is found in one merge.
   */
  sentenceOf: Int32Array
  /** Number of sentences with content tokens. */
  sentenceCount: number
  /**
   * Where the item's sentences stand in its `text`: sentence k is `[clauseSpans[clauses + 2k],
   * clauseSpans[clauses + 2k + 1])` of `CorpusFeatures.clauseSpans` (-1, -1 when it could not be placed).
   */
  clauses: number
  /** Targets, for change detection. */
  targets: Target[]
}

/** Features of every item of a corpus, and the corpus statistics they were weighted with. */
export interface CorpusFeatures {
  items: ItemFeatures[]
  byId: Map<string, ItemFeatures>
  /** Document ids, in the order of the documents given. */
  documents: string[]
  /** The vocabulary: id -> key, `w:` term, `b:` bigram, `t:` topic, `u:` unit@jurisdiction, `m:` metric. */
  keys: string[]
  /** Key -> id. */
  ids: Map<string, number>
  /** Inverse item frequency of each term (`w:` keys), by id; 0 for other keys. */
  idfById: Float64Array
  /** The [start, end) in its item's text of every item's sentences, two slots each (see `clauses`). */
  clauseSpans: Int32Array
  /** Largest term idf (a token used by one item). */
  maxIdf: number
  /** Topic id -> zh label, for explanations. */
  topicLabels: Map<string, string>
}

export interface FeatureOptions {
  segmenter: Segmenter
  lexicon: Lexicon
  /** Renamed bodies; default data/unit-aliases.json. */
  aliases?: UnitAliases
  /** Text analyses already made (by the pipeline, a worker or a cache), by item id. */
  analyses?: ReadonlyMap<string, TextAnalysis>
  /**
   * Delete each analysis from `analyses` once its item's features are made: the features hold all
   * that alignment reads, and at 1,000 documents the analyses are some 150 MB it would keep to the end.
   */
  consumeAnalyses?: boolean
}

/** Sentences of a text: a goal mentioned in passing is usually one sentence of a longer item. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[。；;！？!?\n])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/** Topic tagging that keeps passing mentions. */
export const MENTION_PROFILE = { threshold: 0.3, relativeThreshold: 0, max: 12 }

/** The text analysis of an item, as `analyzeText` makes it from the item's body. */
export function analyzeItem(item: PlanItem, segmenter: Segmenter, lexicon: Lexicon): TextAnalysis {
  return analyzeText({ heading: item.heading, text: itemBody(item) }, segmenter, lexicon)
}

/**
 * The items between the two passes, in two growing typed arrays: each entry's key id and its count
 * (a topic's score, 0 for units and metrics) where its weight will be. An item's entries are its
 * terms, bigrams, each sentence's terms, topics, units and metrics, in that order; the second pass
 * turns them into its features in place. A JavaScript array of ids and one of counts per vector held
 * some 25 bytes per entry (half a gigabyte at 1,000 documents, the alignment's peak); these hold 8.
 */
class Drafts {
  ids = new Int32Array(1 << 16)
  values = new Float32Array(1 << 16)
  length = 0
  push(id: number, value: number): void {
    if (this.length === this.ids.length) {
      this.ids = doubled(this.ids)
      this.values = doubled(this.values)
    }
    this.ids[this.length] = id
    this.values[this.length++] = value
  }
  append(list: { ids: number[]; counts: number[] }): void {
    list.ids.forEach((id, k) => {
      this.push(id, list.counts[k] as number)
    })
  }
}

/** Where an item's entries stand in `Drafts` (and, after the second pass, in its features). */
interface ItemLayout {
  id: string
  docId: string
  heading: string
  targets: Target[]
  clauses: number
  start: number
  termsEnd: number
  bigramsEnd: number
  sentencesEnd: number
  topicsEnd: number
  unitsEnd: number
  end: number
  /** Lengths of its sentences' ranges, in order. */
  sentenceLengths: Int32Array
}

/** Computes the features of every item of the documents. */
export function buildFeatures(documents: PlanDocument[], options: FeatureOptions): CorpusFeatures {
  const aliases = options.aliases ?? loadUnitAliases()
  const keys: string[] = []
  const ids = new Map<string, number>()
  const intern = (key: string): number => {
    let id = ids.get(key)
    if (id === undefined) {
      id = keys.length
      keys.push(key)
      ids.set(key, id)
    }
    return id
  }
  let df = new Int32Array(1024)
  const countDocumentFrequency = (list: number[]) => {
    for (const id of list) {
      if (id >= df.length) {
        const grown = new Int32Array(Math.max(df.length * 2, id + 1))
        grown.set(df)
        df = grown
      }
      df[id] = (df[id] as number) + 1
    }
  }
  const topicLabels = new Map<string, string>()
  const renames = new Map<string, Map<string, string>>()
  const drafts = new Drafts()
  const layouts: ItemLayout[] = []
  // every item's sentence spans in one array: a typed array per item costs more than its few numbers
  let clauseSpans = new Int32Array(1024)
  let clauseEnd = 0
  for (const doc of documents) {
    for (const item of doc.items) {
      const analysis = options.analyses?.get(item.id) ?? analyzeItem(item, options.segmenter, options.lexicon)
      if (options.consumeAnalyses)
        (options.analyses as Map<string, TextAnalysis> | undefined)?.delete(item.id)
      const sentenceTokens = sentencesOf(analysis)
      const placed = placeClauses(item.text, sentenceTokens, options.lexicon)
      while (clauseEnd + placed.length > clauseSpans.length) clauseSpans = doubled(clauseSpans)
      clauseSpans.set(placed, clauseEnd)
      const clauses = clauseEnd
      clauseEnd += placed.length
      const tokens = sentenceTokens.map((s) => s.map((t) => intern(`w:${t}`)))
      const terms = countIds(tokens.flat())
      const bigrams = countIds(bigramsOf(analysis).map((t) => intern(`b:${t}`)))
      const sentences = tokens.map((s) => countIds(s))
      const topics = selectTopics(analysis.topics, MENTION_PROFILE).map((t): [number, number] => {
        topicLabels.set(t.id, t.label)
        return [intern(`t:${t.id}`), t.score]
      })
      topics.sort((x, y) => x[0] - y[0])
      const units = [...new Set(unitKeys(doc, item, aliases, renames).map((u) => intern(`u:${u}`)))].sort(
        (x, y) => x - y,
      )
      const metrics = [...new Set(item.targets.map((t) => intern(`m:${t.metricFamily ?? t.metric}`)))].sort(
        (x, y) => x - y,
      )
      countDocumentFrequency(terms.ids)
      countDocumentFrequency(bigrams.ids)
      countDocumentFrequency(units)
      const start = drafts.length
      drafts.append(terms)
      const termsEnd = drafts.length
      drafts.append(bigrams)
      const bigramsEnd = drafts.length
      for (const sentence of sentences) drafts.append(sentence)
      const sentencesEnd = drafts.length
      for (const [id, score] of topics) drafts.push(id, score)
      const topicsEnd = drafts.length
      for (const id of units) drafts.push(id, 0)
      const unitsEnd = drafts.length
      for (const id of metrics) drafts.push(id, 0)
      layouts.push({
        id: item.id,
        docId: doc.id,
        heading: item.heading,
        targets: item.targets,
        clauses,
        start,
        termsEnd,
        bigramsEnd,
        sentencesEnd,
        topicsEnd,
        unitsEnd,
        end: drafts.length,
        sentenceLengths: Int32Array.from(sentences, (sentence) => sentence.ids.length),
      })
    }
  }
  const n = layouts.length
  const idf = new Float64Array(keys.length)
  for (let id = 0; id < keys.length; id++) {
    const d = df[id] ?? 0
    if (d > 0) idf[id] = Math.log((n + 1) / (d + 0.5))
  }
  const idfById = new Float64Array(keys.length)
  let maxIdf = 0
  keys.forEach((key, id) => {
    if (key.startsWith('w:')) {
      idfById[id] = idf[id] as number
      maxIdf = Math.max(maxIdf, idf[id] as number)
    }
  })
  // every item's arrays are views of three corpus-wide arrays, in item order (one allocation instead
  // of three per item): the drafts' own arrays, cut to size, each entry's count turned into its weight
  const allIds = drafts.ids.slice(0, drafts.length)
  const allWeights = drafts.values.slice(0, drafts.length)
  let totalEntries = 0
  for (const layout of layouts) totalEntries += layout.sentencesEnd - layout.bigramsEnd
  const allSentenceOf = new Int32Array(totalEntries)
  let entryAt = 0
  const items = layouts.map((layout, index): ItemFeatures => {
    const { start, end } = layout
    const itemIds = allIds.subarray(start, end)
    const weights = allWeights.subarray(start, end)
    const at = (offset: number) => offset - start
    const [termsEnd, bigramsEnd, sentencesEnd, topicsEnd, unitsEnd] = [
      at(layout.termsEnd),
      at(layout.bigramsEnd),
      at(layout.sentencesEnd),
      at(layout.topicsEnd),
      at(layout.unitsEnd),
    ] as [number, number, number, number, number]
    // each sentence's weights, then its entries sorted by term (then sentence): the sentence index
    const sentenceEntries: Array<[number, number, number]> = []
    let from = bigramsEnd
    layout.sentenceLengths.forEach((length, k) => {
      const ids = itemIds.subarray(from, from + length)
      const sentenceWeights = tfidf(ids, weights.subarray(from, from + length), idf)
      ids.forEach((id, e) => {
        sentenceEntries.push([id, k, sentenceWeights[e] as number])
      })
      from += length
    })
    sentenceEntries.sort((x, y) => x[0] - y[0] || x[1] - y[1])
    weights.set(tfidf(itemIds.subarray(0, termsEnd), weights.subarray(0, termsEnd), idf), 0)
    weights.set(
      tfidf(itemIds.subarray(termsEnd, bigramsEnd), weights.subarray(termsEnd, bigramsEnd), idf),
      termsEnd,
    )
    const sentenceOf = allSentenceOf.subarray(entryAt, entryAt + sentenceEntries.length)
    entryAt += sentenceEntries.length
    sentenceEntries.forEach(([id, sentence, weight], e) => {
      itemIds[bigramsEnd + e] = id
      weights[bigramsEnd + e] = weight
      sentenceOf[e] = sentence
    })
    // topics keep their scores; units weigh their idf, metrics 1
    for (let e = topicsEnd; e < unitsEnd; e++) weights[e] = idf[itemIds[e] as number] as number
    for (let e = unitsEnd; e < itemIds.length; e++) weights[e] = 1
    return {
      id: layout.id,
      docId: layout.docId,
      index,
      heading: layout.heading,
      ids: itemIds,
      weights,
      termsEnd,
      bigramsEnd,
      sentencesEnd,
      topicsEnd,
      unitsEnd,
      sentenceOf,
      sentenceCount: layout.sentenceLengths.length,
      clauses: layout.clauses,
      targets: layout.targets,
    }
  })
  return {
    items,
    byId: new Map(items.map((f) => [f.id, f])),
    documents: documents.map((d) => d.id),
    keys,
    ids,
    idfById,
    maxIdf,
    topicLabels,
    clauseSpans: clauseSpans.slice(0, clauseEnd),
  }
}

/** Sublinear tf times idf, unit length: a term repeated in a long item should not drown the rest. */
function tfidf(ids: ArrayLike<number>, counts: ArrayLike<number>, idf: Float64Array): Float64Array {
  const out = new Float64Array(ids.length)
  let norm = 0
  for (let k = 0; k < ids.length; k++) {
    const w = (1 + Math.log(counts[k] as number)) * (idf[ids[k] as number] as number)
    out[k] = w
    norm += w * w
  }
  norm = Math.sqrt(norm)
  if (norm > 0) for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) / norm
  return out
}

/** A range of an item's arrays as a vector (for callers outside the hot paths). */
export function vectorOf(item: ItemFeatures, part: 'terms' | 'bigrams' | 'topics' | 'units'): SparseVector {
  const [start, end] =
    part === 'terms'
      ? [0, item.termsEnd]
      : part === 'bigrams'
        ? [item.termsEnd, item.bigramsEnd]
        : part === 'topics'
          ? [item.sentencesEnd, item.topicsEnd]
          : [item.topicsEnd, item.unitsEnd]
  return { ids: item.ids.subarray(start, end), weights: item.weights.subarray(start, end) }
}

/** The keys of a range of an item without their prefix (`w:数据` -> 数据), with the weights. */
export function entriesOf(
  item: ItemFeatures,
  corpus: CorpusFeatures,
  part: 'terms' | 'topics' | 'units' | 'metrics',
): Array<[string, number]> {
  const [start, end] =
    part === 'terms'
      ? [0, item.termsEnd]
      : part === 'topics'
        ? [item.sentencesEnd, item.topicsEnd]
        : part === 'units'
          ? [item.topicsEnd, item.unitsEnd]
          : [item.unitsEnd, item.ids.length]
  const out: Array<[string, number]> = []
  for (let k = start; k < end; k++)
    out.push([(corpus.keys[item.ids[k] as number] as string).slice(2), item.weights[k] as number])
  return out
}

/** Responsible units as comparable keys: renamed bodies merged, qualified by their government. */
function unitKeys(
  doc: PlanDocument,
  item: PlanItem,
  aliases: UnitAliases,
  renames: Map<string, Map<string, string>>,
): string[] {
  if (!item.responsible) return []
  const place = doc.jurisdiction?.name ?? doc.id
  let rename = renames.get(place)
  if (!rename) {
    rename = new Map<string, string>()
    for (const a of aliases.aliases)
      if (!a.jurisdiction || a.jurisdiction === place) rename.set(clean(a.alias), clean(a.canonical))
    renames.set(place, rename)
  }
  return [...item.responsible.lead, ...item.responsible.related].map((name) => {
    const key = clean(name)
    return `${rename.get(key) ?? key}@${place}`
  })
}

function clean(name: string): string {
  return name.normalize('NFKC').replace(/[“”‘’"'\s]/g, '')
}
