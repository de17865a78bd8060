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
  /**
   * Inverse item frequency of each key counted (terms `w:`, bigrams `b:`, units `u:`), by id; 0 for
   * topics and metrics. Scores read the terms' only.
   */
  idfById: Float64Array
  /**
   * Items the frequencies were counted over: the corpus's own, or those of the corpus an incremental
   * alignment extends (its statistics are kept, so that its items' features and scores stay the same).
   */
  statisticsItems: number
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
  return extendFeatures(null, documents, options)
}

/**
 * The features of `base`'s items followed by those of the documents' items, weighted with `base`'s
 * statistics (its keys keep their ids and idf; a key it lacks gets the idf of its frequency among the
 * new items over `base.statisticsItems`), so that `base`'s features and the scores of its pairs do
 * not change. `base` is taken over (its vocabulary and labels grow in place); null: a corpus of its own.
 */
export function extendFeatures(
  base: CorpusFeatures | null,
  documents: PlanDocument[],
  options: FeatureOptions,
): CorpusFeatures {
  const aliases = options.aliases ?? loadUnitAliases()
  const keys: string[] = base ? base.keys : []
  const ids = base ? base.ids : new Map<string, number>()
  const baseKeys = keys.length
  const baseItems = base ? base.items.length : 0
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
  const topicLabels = base ? base.topicLabels : new Map<string, string>()
  const renames = new Map<string, Map<string, string>>()
  const drafts = new Drafts()
  const layouts: ItemLayout[] = []
  // every item's sentence spans in one array: a typed array per item costs more than its few numbers
  let clauseSpans = new Int32Array(Math.max(1024, 2 * (base?.clauseSpans.length ?? 0)))
  if (base) clauseSpans.set(base.clauseSpans)
  let clauseEnd = base?.clauseSpans.length ?? 0
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
  const n = base ? base.statisticsItems : layouts.length
  const idf = new Float64Array(keys.length)
  if (base) idf.set(base.idfById)
  let maxIdf = base ? base.maxIdf : 0
  for (let id = baseKeys; id < keys.length; id++) {
    const d = df[id] ?? 0
    if (d > 0) idf[id] = Math.log((n + 1) / (d + 0.5))
    if ((keys[id] as string).startsWith('w:')) maxIdf = Math.max(maxIdf, idf[id] as number)
  }
  // every item's arrays are views of three corpus-wide arrays, in item order (one allocation instead
  // of three per item): the drafts' own arrays, cut to size, each entry's count turned into its weight
  const allIds = drafts.ids.slice(0, drafts.length)
  const allWeights = drafts.values.slice(0, drafts.length)
  let totalEntries = 0
  for (const layout of layouts) totalEntries += layout.sentencesEnd - layout.bigramsEnd
  const allSentenceOf = new Int32Array(totalEntries)
  let entryAt = 0
  const items = layouts.map((layout, k): ItemFeatures => {
    const index = baseItems + k
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
  const all = base ? base.items.concat(items) : items
  const byId = base ? base.byId : new Map<string, ItemFeatures>()
  for (const f of items) byId.set(f.id, f)
  return {
    items: all,
    byId,
    documents: [...(base?.documents ?? []), ...documents.map((d) => d.id)],
    keys,
    ids,
    idfById: idf,
    statisticsItems: n,
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

/**
 * A corpus's features as plain data (for a file): the arrays the items' vectors are views of, whole,
 * and each item's place in them. No array is copied; `unpackFeatures` makes the same features again.
 */
export interface PackedFeatures {
  keys: string[]
  idf: Float64Array
  maxIdf: number
  statisticsItems: number
  topicLabels: Array<[string, string]>
  clauseSpans: Int32Array
  documents: string[]
  itemIds: string[]
  docIds: string[]
  headings: string[]
  idArrays: Int32Array[]
  weightArrays: Float32Array[]
  sentenceArrays: Int32Array[]
  /** `LAYOUT` numbers per item: its arrays and offsets, its ranges' ends, sentence count, first clause slot. */
  layout: Int32Array
}

/** Numbers per item in `PackedFeatures.layout`: where its three arrays stand, its ranges' ends, its sentences. */
const LAYOUT = 15

/** The features as plain data; the arrays are shared with `corpus`, not copied. */
export function packFeatures(corpus: CorpusFeatures): PackedFeatures {
  const idArrays: Int32Array[] = []
  const weightArrays: Float32Array[] = []
  const sentenceArrays: Int32Array[] = []
  const arrayOf = <T extends Int32Array | Float32Array>(
    list: T[],
    seen: Map<ArrayBufferLike, number>,
    view: T,
    make: (buffer: ArrayBufferLike) => T,
  ): number => {
    let k = seen.get(view.buffer)
    if (k === undefined) {
      k = list.length
      list.push(make(view.buffer))
      seen.set(view.buffer, k)
    }
    return k
  }
  const idSeen = new Map<ArrayBufferLike, number>()
  const weightSeen = new Map<ArrayBufferLike, number>()
  const sentenceSeen = new Map<ArrayBufferLike, number>()
  const layout = new Int32Array(corpus.items.length * LAYOUT)
  corpus.items.forEach((f, k) => {
    const row = [
      arrayOf(idArrays, idSeen, f.ids, (b) => new Int32Array(b)),
      f.ids.byteOffset / 4,
      f.ids.length,
      arrayOf(weightArrays, weightSeen, f.weights, (b) => new Float32Array(b)),
      f.weights.byteOffset / 4,
      arrayOf(sentenceArrays, sentenceSeen, f.sentenceOf, (b) => new Int32Array(b)),
      f.sentenceOf.byteOffset / 4,
      f.sentenceOf.length,
      f.termsEnd,
      f.bigramsEnd,
      f.sentencesEnd,
      f.topicsEnd,
      f.unitsEnd,
      f.sentenceCount,
      f.clauses,
    ]
    layout.set(row, k * LAYOUT)
  })
  return {
    keys: corpus.keys,
    idf: corpus.idfById,
    maxIdf: corpus.maxIdf,
    statisticsItems: corpus.statisticsItems,
    topicLabels: [...corpus.topicLabels],
    clauseSpans: corpus.clauseSpans,
    documents: corpus.documents,
    itemIds: corpus.items.map((f) => f.id),
    docIds: corpus.items.map((f) => f.docId),
    headings: corpus.items.map((f) => f.heading),
    idArrays,
    weightArrays,
    sentenceArrays,
    layout,
  }
}

/** The features `packFeatures` packed; each item's targets from `targetsOf` (by item id). */
export function unpackFeatures(
  packed: PackedFeatures,
  targetsOf: (itemId: string) => Target[],
): CorpusFeatures {
  const items = packed.itemIds.map((id, index): ItemFeatures => {
    const at = (k: number) => packed.layout[index * LAYOUT + k] as number
    const idArray = packed.idArrays[at(0)] as Int32Array
    const weightArray = packed.weightArrays[at(3)] as Float32Array
    const sentenceArray = packed.sentenceArrays[at(5)] as Int32Array
    return {
      id,
      docId: packed.docIds[index] as string,
      index,
      heading: packed.headings[index] as string,
      ids: idArray.subarray(at(1), at(1) + at(2)),
      weights: weightArray.subarray(at(4), at(4) + at(2)),
      sentenceOf: sentenceArray.subarray(at(6), at(6) + at(7)),
      termsEnd: at(8),
      bigramsEnd: at(9),
      sentencesEnd: at(10),
      topicsEnd: at(11),
      unitsEnd: at(12),
      sentenceCount: at(13),
      clauses: at(14),
      targets: targetsOf(id),
    }
  })
  const ids = new Map<string, number>()
  packed.keys.forEach((key, id) => {
    ids.set(key, id)
  })
  return {
    items,
    byId: new Map(items.map((f) => [f.id, f])),
    documents: packed.documents,
    keys: packed.keys,
    ids,
    idfById: packed.idf,
    statisticsItems: packed.statisticsItems,
    maxIdf: packed.maxIdf,
    topicLabels: new Map(packed.topicLabels),
    clauseSpans: packed.clauseSpans,
  }
}
