/**
 * The pipeline: the stages composed. Each stage is exported on its own too; these functions are the
 * short ways through them.
 *
 *   read -> normalize -> parse -> extract -> tag (lexicon) -> align -> report
 */
import { basename } from 'node:path'
import { checkDecisions, type DecisionWarning } from '../align/decisions.js'
import { type AlignOptions, type AlignResult, align } from '../align/index.js'
import { expectDocument, expectDocuments, expectOptions, inputPaths } from '../arguments.js'
import { PlanCascadeError } from '../errors.js'
import {
  extractResponsible,
  extractTargets,
  loadMetricLexicon,
  type MetricLexicon,
  parseFlattenedTable,
  readTimeScope,
  type TargetDraft,
  type TimeScope,
  tableRowTargets,
  type UnitAliases,
} from '../extract/index.js'
import { listInputFiles, readSource } from '../io/index.js'
import {
  computeKeywords,
  createSegmenter,
  type Lexicon,
  type LoadLexiconOptions,
  resolveLexicon,
  type Segmenter,
  type SegmenterImplementation,
  selectTopics,
  type TextAnalysis,
  wordsOf,
} from '../lexicon/index.js'
import type { PlanDocument, PlanItem, Target } from '../model/index.js'
import { fromSourceOffset, toSourceSpan } from '../normalize/index.js'
import { normalizedTextOf, type ParseOptions, parseDocument, toItemSourceSpan } from '../parse/index.js'
import { type OnProgress, stageProgress } from '../progress.js'
import { analyzeItem } from '../similarity/index.js'
import { type CacheEntry, entryKey, lexiconFingerprint, readBytes, readCache, writeCache } from './cache.js'
import { bytesOf, createReadPool, toError, workerCount } from './pool.js'

export interface ReadOptions extends ParseOptions {
  /** Force an encoding instead of detecting it. */
  encoding?: string
}

export interface ExtractOptions {
  /** Metric lexicon (default data/metrics.json). */
  metrics?: MetricLexicon
  /**
   * Renamed bodies to apply to responsible units (市大数据委 -> 市数据管理局). Default none: records keep
   * the names as printed, and the units index and similarity apply data/unit-aliases.json.
   */
  aliases?: UnitAliases
}

export interface TagOptions {
  /** Segmenter to use; default `createSegmenter()` (@node-rs/jieba with the policy dictionary). */
  segmenter?: Segmenter
  /** Which jieba binding when no segmenter is given. */
  segmenterImplementation?: SegmenterImplementation
  /** Lexicon, or options to load it (user dictionary, stopwords, synonyms, taxonomy). */
  lexicon?: Lexicon | LoadLexiconOptions
  /** Called as items are segmented (stage `segmenting`, one unit per item). */
  onProgress?: OnProgress
}

/** Per-file settings of a manifest: keys are file base names (fuzhou-2019.txt or fuzhou-2019) or paths. */
export type Manifest = Record<string, Omit<ReadOptions, 'boilerplateFile' | 'traditional' | 'encoding'>>

export interface LoadCorpusOptions extends Omit<ReadOptions, 'id'>, ExtractOptions, TagOptions {
  manifest?: Manifest
  /**
   * A cache file (created if missing): documents and text analyses of the files read are kept there,
   * and a file whose bytes and read options are unchanged is not read, parsed or segmented again.
   */
  cacheFile?: string
  /**
   * Called as the corpus loads, for progress bars: stage `reading` after each file (with its path),
   * then `segmenting` as items are cut into words.
   */
  onProgress?: OnProgress
}

/** Documents read, and the files that could not be read (the others go on). */
export interface Corpus {
  documents: PlanDocument[]
  errors: Array<{ file: string; error: PlanCascadeError }>
  /** The text analysis of every item, by item id (see `analyzeDocuments`): pass it on to `align`. */
  analyses: Map<string, TextAnalysis>
}

/**
 * Documents by id: what is computed over a corpus (keywords, links, threads) must not depend on the
 * order the files were given in (features summed in another order differ in their last bits).
 */
export function byId<T extends { id: string }>(documents: readonly T[]): T[] {
  return [...documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** Reads, parses and extracts one document from a file path or bytes. */
export function readDocument(
  pathOrBytes: string | Uint8Array,
  options: ReadOptions & ExtractOptions = {},
): PlanDocument {
  expectOptions(options, 'readDocument')
  const sourceOptions = options.encoding ? { encoding: options.encoding } : {}
  const source = readSource(pathOrBytes, sourceOptions)
  return extractDocument(parseDocument(source, options), options)
}

/** Fills responsible units and targets of every item (the extract stage over a parsed document). */
export function extractDocument(doc: PlanDocument, options: ExtractOptions = {}): PlanDocument {
  expectDocument(doc, 'extractDocument')
  expectOptions(options, 'extractDocument')
  const metrics = options.metrics ?? loadMetricLexicon()
  const aliases = options.aliases
  const rowTargets = tableTargetsByRow(doc, metrics)
  const jurisdiction = doc.jurisdiction?.name
  const scopes = itemScopes(doc)
  const items = doc.items.map((item): PlanItem => {
    if (item.kind === 'table-row') return { ...item, targets: rowTargets.get(item.id) ?? [] }
    const toSource = (span: [number, number]) => toItemSourceSpan(doc, item, span)
    const found = extractResponsible(
      item.text,
      aliases ? { aliases, ...(jurisdiction ? { jurisdiction } : {}) } : {},
    )
    const responsible = found ? { ...found, span: toSource(found.span) } : null
    const context = {
      year: doc.year,
      period: doc.period,
      // the part the parser found (工作回顾: results) wins over title words and the carried scope
      role: item.role,
      sectionPath: item.sectionPath,
      scope: scopes.get(item.id) ?? null,
    }
    const targets = extractTargets(item.text, context, { metrics }).map((t) => targetRecord(t, toSource))
    return { ...item, responsible, targets }
  })
  return { ...doc, items }
}

/**
 * The time in force where each item starts (results of 2024, targets of 2025 …), read in document order
 * over headings, preambles and items: a review's opening (一、2024年工作回顾, 过去一年) holds for the
 * items after it until another part begins (see `readTimeScope`).
 */
function itemScopes(doc: PlanDocument): Map<string, TimeScope | null> {
  const base = { year: doc.year, period: doc.period }
  const byId = new Map(doc.items.map((i) => [i.id, i]))
  const out = new Map<string, TimeScope | null>()
  let scope: TimeScope | null = null
  for (const region of doc.regions) {
    if (region.kind === 'item') {
      const item = region.ref ? byId.get(region.ref) : undefined
      if (!item || out.has(item.id)) continue
      out.set(item.id, scope)
      scope = readTimeScope(item.text, { ...base, sectionPath: item.sectionPath, scope })
    } else if (region.kind === 'heading' || region.kind === 'preamble' || region.kind === 'other') {
      const text = doc.sourceText.slice(region.span[0], region.span[1])
      if (text.trim()) scope = readTimeScope(text, { ...base, scope })
    }
  }
  return out
}

function targetRecord(draft: TargetDraft, toSource: (span: [number, number]) => [number, number]): Target {
  return {
    text: draft.text,
    value: draft.value,
    valueMax: draft.valueMax,
    unit: draft.unit,
    normalized: draft.normalized,
    normalizedMax: draft.normalizedMax,
    normalizedUnit: draft.normalizedUnit,
    comparator: draft.comparator,
    kind: draft.kind,
    status: draft.status,
    direction: draft.direction,
    year: draft.year,
    yearFrom: draft.yearFrom,
    referenceYear: draft.referenceYear,
    metric: draft.metric,
    metricFamily: draft.metricFamily,
    span: toSource(draft.span),
  }
}

/** Targets of table rows, by item id: the table is read again for its cells' places. */
function tableTargetsByRow(doc: PlanDocument, metrics: MetricLexicon): Map<string, Target[]> {
  const out = new Map<string, Target[]>()
  const rows = doc.items.filter((i) => i.kind === 'table-row')
  if (rows.length === 0) return out
  // rows by their source span: one look-up per row, not a scan of all rows (a file of many tables)
  const rowAt = new Map(rows.map((i) => [`${i.span[0]}:${i.span[1]}`, i]))
  const normalized = normalizedTextOf(doc)
  const toSource = (span: [number, number]): [number, number] => toSourceSpan(normalized, span)
  for (const table of doc.tables) {
    const start = fromSourceOffset(normalized, table.span[0])
    const parsed = parseFlattenedTable(normalized.text, start)
    if (!parsed) continue
    for (const row of parsed.rows) {
      const span = toSource(row.span)
      const item = rowAt.get(`${span[0]}:${span[1]}`)
      if (!item) continue
      const context = {
        year: doc.year,
        period: doc.period,
        baseYear: parsed.baseYear,
        targetYear: parsed.targetYear,
      }
      out.set(
        item.id,
        tableRowTargets(row, context, { metrics }).map((t) => targetRecord(t, toSource)),
      )
    }
  }
  return out
}

/** The segmenter of tagging options: the one given, else the cached jieba with the lexicon's dictionary. */
function segmenterOf(options: TagOptions, lexicon: Lexicon): Segmenter {
  return (
    options.segmenter ??
    createSegmenter({
      ...(options.segmenterImplementation ? { implementation: options.segmenterImplementation } : {}),
      dictionary: lexicon.dictionary,
    })
  )
}

/**
 * The text analysis of every item (one segmentation and one topic scan each), by item id: what
 * tagging and alignment share. Pass it to `tagDocuments` and `align` (`analyses`) so neither cuts the
 * text again; it must have been made with the same segmenter and lexicon.
 */
export function analyzeDocuments(
  documents: PlanDocument[],
  options: TagOptions = {},
): Map<string, TextAnalysis> {
  expectDocuments(documents, 'analyzeDocuments')
  expectOptions(options, 'analyzeDocuments')
  const lexicon = resolveLexicon(options.lexicon)
  const segmenter = segmenterOf(options, lexicon)
  const total = documents.reduce((n, d) => n + d.items.length, 0)
  const progress = stageProgress(options.onProgress, 'segmenting', total)
  progress(0)
  const out = new Map<string, TextAnalysis>()
  for (const doc of documents) {
    for (const item of doc.items) {
      out.set(item.id, analyzeItem(item, segmenter, lexicon))
      progress(out.size)
    }
  }
  if (total === 0) progress(0)
  return out
}

export interface TagDocumentsOptions extends TagOptions {
  /** Text analyses already made (`analyzeDocuments`), by item id; items without one are analysed. */
  analyses?: ReadonlyMap<string, TextAnalysis>
}

/** Tags every item with topics and TF-IDF keywords (against all items of all documents given). */
export function tagDocuments(documents: PlanDocument[], options: TagDocumentsOptions = {}): PlanDocument[] {
  expectDocuments(documents, 'tagDocuments')
  expectOptions(options, 'tagDocuments')
  const lexicon = resolveLexicon(options.lexicon)
  const segmenter = segmenterOf(options, lexicon)
  const all = documents.flatMap((d) => d.items)
  const missing = options.analyses ? all.filter((item) => !options.analyses?.has(item.id)).length : all.length
  const progress = stageProgress(options.onProgress, 'segmenting', missing)
  if (missing > 0) progress(0)
  let made = 0
  const analyses = all.map((item) => {
    const known = options.analyses?.get(item.id)
    if (known) return known
    const analysis = analyzeItem(item, segmenter, lexicon)
    progress(++made)
    return analysis
  })
  const keywords = computeKeywords(analyses.map((a) => wordsOf(a)))
  let k = 0
  return documents.map((doc) => ({
    ...doc,
    items: doc.items.map((item) => {
      const index = k++
      return {
        ...item,
        topics: selectTopics((analyses[index] as TextAnalysis).topics),
        keywords: keywords[index] ?? [],
      }
    }),
  }))
}

/** The manifest entry of a file, by path, base name or base name without extension. */
function manifestEntry(manifest: Manifest | undefined, file: string) {
  if (!manifest) return {}
  const name = basename(file)
  return manifest[file] ?? manifest[name] ?? manifest[name.replace(/\.[^.]+$/, '')] ?? {}
}

/** The files of the paths given (a directory whole), and the paths that cannot be listed. */
function listFiles(pathsOrDir: string | string[], fn: string): { files: string[]; errors: Corpus['errors'] } {
  const files: string[] = []
  const errors: Corpus['errors'] = []
  // each path on its own: one that cannot be listed (missing, a dangling link, an empty folder) is
  // an entry in errors, and the others are read
  for (const path of inputPaths(pathsOrDir, fn)) {
    try {
      files.push(...listInputFiles(path))
    } catch (error) {
      if (!(error instanceof PlanCascadeError)) throw error
      errors.push({ file: path, error })
    }
  }
  return { files, errors }
}

/** The documents in id order, after checking that no two share an id. */
function sortedDocuments(documents: PlanDocument[]): PlanDocument[] {
  const ids = new Set<string>()
  for (const doc of documents) {
    if (ids.has(doc.id)) {
      throw new PlanCascadeError(
        'bad-option',
        `two documents have the id "${doc.id}": give one an id in the manifest`,
      )
    }
    ids.add(doc.id)
  }
  // by id, not in the order given: keywords, links and threads do not depend on the order of the files
  return byId(documents)
}

/**
 * Reads every file (a directory is read whole: .txt .html .htm), then tags the corpus. A file that
 * cannot be read is reported in `errors` and the others go on.
 */
export function loadCorpus(pathsOrDir: string | string[], options: LoadCorpusOptions = {}): Corpus {
  expectOptions(options, 'loadCorpus')
  const documents: PlanDocument[] = []
  const { files, errors } = listFiles(pathsOrDir, 'loadCorpus')
  const lexicon = resolveLexicon(options.lexicon)
  const segmenter = segmenterOf(options, lexicon)
  const tagOptions = { ...options, lexicon, segmenter }
  const cache = options.cacheFile
    ? readCache(options.cacheFile, lexiconFingerprint(lexicon, segmenter.name))
    : null
  const fresh = new Map<string, CacheEntry>()
  const analyses = new Map<string, TextAnalysis>()
  const progress = stageProgress(options.onProgress, 'reading', files.length)
  progress(0)
  files.forEach((file, k) => {
    const readOptions = { ...options, ...manifestEntry(options.manifest, file) }
    try {
      if (!cache) documents.push(readDocument(file, readOptions))
      else {
        // a file whose bytes and read options are unchanged is taken from the cache
        const key = entryKey(readBytes(file), cacheOptions(readOptions))
        const cached = cache.entries.get(file)
        const entry =
          cached?.key === key
            ? cached
            : (() => {
                const document = readDocument(file, readOptions)
                const made = analyzeDocuments([document], { ...tagOptions, onProgress: undefined })
                return { key, document, analyses: document.items.map((i) => made.get(i.id) as TextAnalysis) }
              })()
        fresh.set(file, entry)
        documents.push(entry.document)
        entry.document.items.forEach((item, i) => {
          analyses.set(item.id, entry.analyses[i] as TextAnalysis)
        })
      }
    } catch (error) {
      if (!(error instanceof PlanCascadeError)) throw error
      errors.push({ file, error })
    }
    progress(k + 1, file)
  })
  const sorted = sortedDocuments(documents)
  if (cache && options.cacheFile)
    writeCache(options.cacheFile, { fingerprint: cache.fingerprint, entries: fresh })
  else for (const [id, analysis] of analyzeDocuments(sorted, tagOptions)) analyses.set(id, analysis)
  const ordered = inIdOrder(sorted, analyses)
  return { documents: tagDocuments(sorted, { ...tagOptions, analyses: ordered }), errors, analyses: ordered }
}

export interface LoadCorpusAsyncOptions extends LoadCorpusOptions {
  /**
   * Worker threads that read, parse, extract and segment the files (one file per task): a number (0:
   * none, all in this thread), or 'auto' (the default): one per core when there are two cores or more
   * and the files to read (those not in the cache) are large enough to pay for starting them
   * (4 MB). Needs the default segmenter (`segmenter` left out). The corpus is the
   * same, in the same order, whatever the count.
   */
  workers?: number | 'auto'
}

/**
 * `loadCorpus` with the files read in worker threads when that pays (see `workers`): the same corpus,
 * documents and errors in the same order.
 */
export async function loadCorpusAsync(
  pathsOrDir: string | string[],
  options: LoadCorpusAsyncOptions = {},
): Promise<Corpus> {
  expectOptions(options, 'loadCorpusAsync')
  const { workers, ...rest } = options
  const { files, errors } = listFiles(pathsOrDir, 'loadCorpusAsync')
  const lexicon = resolveLexicon(options.lexicon)
  const segmenter = segmenterOf(options, lexicon)
  const cache = options.cacheFile
    ? readCache(options.cacheFile, lexiconFingerprint(lexicon, segmenter.name))
    : null
  // what each file needs: a cache entry's key (with a cache), else nothing yet
  const outcomes: Array<CacheEntry | PlanCascadeError | null> = []
  const keys: Array<string | null> = []
  const toRead: number[] = []
  files.forEach((file, k) => {
    keys.push(null)
    outcomes.push(null)
    if (!cache) {
      toRead.push(k)
      return
    }
    try {
      const key = entryKey(
        readBytes(file),
        cacheOptions({ ...options, ...manifestEntry(options.manifest, file) }),
      )
      keys[k] = key
      const cached = cache.entries.get(file)
      if (cached?.key === key) outcomes[k] = cached
      else toRead.push(k)
    } catch (error) {
      if (!(error instanceof PlanCascadeError)) throw error
      outcomes[k] = error
    }
  })
  const threads = workerCount(
    workers,
    toRead.length,
    bytesOf(toRead.map((k) => files[k] as string)),
    options.segmenter !== undefined,
  )
  // nothing to gain from a pool: the same work in this thread, as loadCorpus does it
  if (threads === 0) return loadCorpus(pathsOrDir, rest)
  const progress = stageProgress(options.onProgress, 'reading', files.length)
  progress(0)
  let done = 0
  files.forEach((file, k) => {
    if (outcomes[k] !== null) progress(++done, file)
  })
  const pool = createReadPool(threads, {
    lexicon,
    ...(options.segmenterImplementation ? { segmenterImplementation: options.segmenterImplementation } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.aliases ? { aliases: options.aliases } : {}),
  })
  try {
    await Promise.all(
      toRead.map(async (k) => {
        const file = files[k] as string
        const outcome = await pool.run({ file, options: taskOptions(options, file) })
        outcomes[k] =
          'error' in outcome
            ? toError(outcome.error)
            : { key: keys[k] ?? '', document: outcome.document, analyses: outcome.analyses }
        progress(++done, file)
      }),
    )
  } finally {
    await pool.destroy()
  }
  const documents: PlanDocument[] = []
  const analyses = new Map<string, TextAnalysis>()
  const fresh = new Map<string, CacheEntry>()
  files.forEach((file, k) => {
    const outcome = outcomes[k] as CacheEntry | PlanCascadeError
    if (outcome instanceof PlanCascadeError) {
      errors.push({ file, error: outcome })
      return
    }
    documents.push(outcome.document)
    outcome.document.items.forEach((item, i) => {
      analyses.set(item.id, outcome.analyses[i] as TextAnalysis)
    })
    fresh.set(file, outcome)
  })
  const sorted = sortedDocuments(documents)
  if (cache && options.cacheFile)
    writeCache(options.cacheFile, { fingerprint: cache.fingerprint, entries: fresh })
  const tagOptions = { ...rest, lexicon, segmenter }
  const ordered = inIdOrder(sorted, analyses)
  return { documents: tagDocuments(sorted, { ...tagOptions, analyses: ordered }), errors, analyses: ordered }
}

/** The analyses in the order of the sorted documents' items, whatever order the files were read in. */
function inIdOrder(sorted: PlanDocument[], analyses: Map<string, TextAnalysis>): Map<string, TextAnalysis> {
  const out = new Map<string, TextAnalysis>()
  for (const doc of sorted)
    for (const item of doc.items) {
      const analysis = analyses.get(item.id)
      if (analysis) out.set(item.id, analysis)
    }
  return out
}

/**
 * A file's read options for a worker: its manifest entry over the options, without what the worker
 * has from its setup (lexicon, metrics, aliases) or cannot be handed (functions, the whole manifest).
 */
function taskOptions(options: LoadCorpusAsyncOptions, file: string): Record<string, unknown> {
  const {
    manifest,
    onProgress,
    segmenter,
    segmenterImplementation,
    lexicon,
    metrics,
    aliases,
    cacheFile,
    workers,
    ...read
  } = options
  return { ...read, ...manifestEntry(manifest, file) }
}

/** The options a document's reading depends on (what a cache entry is keyed by, with the bytes). */
function cacheOptions(options: LoadCorpusOptions & ReadOptions): unknown {
  const { id, title, jurisdiction, year, period, kind, boilerplateFile, traditional, encoding } = options
  const { metrics, aliases } = options
  const boilerplate = boilerplateFile ? readBytes(boilerplateFile).toString() : null
  // the shipped metric lexicon is data a new version may change: its content keys the entry too
  return {
    ...{ id, title, jurisdiction, year, period, kind, boilerplate, traditional, encoding },
    metrics: metrics ?? loadMetricLexicon(),
    aliases,
  }
}

/** Everything `analyze` returns: the documents (items tagged), links, threads and evolution pairs. */
export interface Analysis extends AlignResult {
  documents: PlanDocument[]
  errors: Corpus['errors']
  /** Decisions that name items the documents do not have (align ignores them). */
  warnings: DecisionWarning[]
}

/** The whole pipeline on files or a directory: read, parse, extract, tag, align. */
export function analyze(
  pathsOrDir: string | string[],
  options: LoadCorpusOptions & AlignOptions = {},
): Analysis {
  inputPaths(pathsOrDir, 'analyze')
  expectOptions(options, 'analyze')
  return alignCorpus(loadCorpus(pathsOrDir, options), options)
}

/** `analyze` with the files read in worker threads when that pays (see `LoadCorpusAsyncOptions.workers`). */
export async function analyzeAsync(
  pathsOrDir: string | string[],
  options: LoadCorpusAsyncOptions & AlignOptions = {},
): Promise<Analysis> {
  inputPaths(pathsOrDir, 'analyzeAsync')
  expectOptions(options, 'analyzeAsync')
  return alignCorpus(await loadCorpusAsync(pathsOrDir, options), options)
}

/** Aligns a corpus loaded with `options` (its analyses reused), decisions checked against it. */
function alignCorpus(corpus: Corpus, options: LoadCorpusAsyncOptions & AlignOptions): Analysis {
  const { segmenter, lexicon, workers, ...alignOptions } = options
  const lexiconOption = lexicon ? { lexicon } : {}
  const segmenterOption = segmenter ? { segmenter } : {}
  const warnings = checkDecisions(options.decisions ?? [], corpus.documents)
  const aligned = align(corpus.documents, {
    ...alignOptions,
    ...lexiconOption,
    ...segmenterOption,
    analyses: corpus.analyses,
  })
  return { documents: corpus.documents, errors: corpus.errors, ...aligned, warnings }
}
