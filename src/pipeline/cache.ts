/**
 * The corpus cache: a file on disk that keeps, for every file read, its parsed and extracted document
 * and the text analysis of its items (one segmentation, one topic scan), so that a corpus read again
 * with a few new or changed files reads, parses and segments only those. An entry is used only when
 * the file's bytes, its read options (manifest entry, encoding …), the lexicon and the package's cache
 * format are all the same; anything else is read afresh. A cache that cannot be read is ignored.
 */
import { createHash } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { deserialize, serialize } from 'node:v8'
import { PlanCascadeError } from '../errors.js'
import type { Lexicon, TextAnalysis } from '../lexicon/index.js'
import type { PlanDocument } from '../model/index.js'

/** Raised when what a cache entry holds changes shape. */
const CACHE_FORMAT = 2

export interface CacheEntry {
  /** Hash of the file's bytes and its read options. */
  key: string
  document: PlanDocument
  /** Text analyses of the document's items, in item order. */
  analyses: TextAnalysis[]
}

export interface CorpusCache {
  /** Hash of the lexicon and segmenter the analyses were made with. */
  fingerprint: string
  /** Entries by file path. */
  entries: Map<string, CacheEntry>
}

const sha = (...parts: Array<string | Uint8Array>) => {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest('hex')
}

/** What the analyses depend on: the lexicon's data and the segmenter's name. */
export function lexiconFingerprint(lexicon: Lexicon, segmenterName: string): string {
  return sha(
    JSON.stringify([
      CACHE_FORMAT,
      segmenterName,
      lexicon.dictionary,
      [...lexicon.stopwords].sort(),
      [...lexicon.synonyms].sort(),
      lexicon.taxonomy,
    ]),
  )
}

/** The key of a file's entry: its bytes and the options it is read with. */
export function entryKey(bytes: Uint8Array, options: unknown): string {
  return sha(bytes, JSON.stringify(options ?? null))
}

/** Reads a cache file; an empty cache when it is missing, unreadable or made for another lexicon. */
export function readCache(file: string, fingerprint: string): CorpusCache {
  const empty: CorpusCache = { fingerprint, entries: new Map() }
  let data: unknown
  try {
    data = deserialize(readFileSync(file))
  } catch {
    return empty
  }
  const cache = data as Partial<CorpusCache> & { format?: number }
  if (cache?.format !== CACHE_FORMAT || cache.fingerprint !== fingerprint || !(cache.entries instanceof Map))
    return empty
  return { fingerprint, entries: cache.entries }
}

/**
 * Writes a cache file (through a temporary file, so an interrupted write leaves the old one).
 *
 * @throws PlanCascadeError `unreadable-file` when it cannot be written.
 */
export function writeCache(file: string, cache: CorpusCache): void {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(
      temporary,
      serialize({ format: CACHE_FORMAT, fingerprint: cache.fingerprint, entries: cache.entries }),
    )
    renameSync(temporary, file)
  } catch (error) {
    throw new PlanCascadeError('unreadable-file', `cannot write the cache (${String(error)})`, { file })
  }
}

/**
 * The bytes of a file, for its cache key.
 *
 * @throws PlanCascadeError `unreadable-file`.
 */
export function readBytes(file: string): Buffer {
  try {
    return readFileSync(file)
  } catch (error) {
    throw new PlanCascadeError(
      'unreadable-file',
      `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      { file },
    )
  }
}
