/**
 * The policy dictionary: terms that a generic jieba dictionary splits badly (一网通办 -> 一网通|办), in
 * jieba's user-dictionary format, one `term freq tag` a line. `#` starts a comment; freq and tag may be
 * left out (DEFAULT_TERM_FREQ, `n`).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PlanCascadeError } from '../errors.js'
import { findDataDir } from './data-dir.js'

/** One line of a user dictionary. */
export interface DictionaryEntry {
  /** The term, without spaces. */
  term: string
  /** Corpus frequency jieba weighs the term with; higher keeps it whole more often. */
  freq: number
  /** Part-of-speech tag (`n`, `nz`, `v` …). */
  tag: string
}

/**
 * Frequency given to terms without one. High enough that the whole term beats the split into common
 * words (数据|要素 has a product of frequencies far below 3000 × the dictionary total), low enough that
 * a term does not swallow a character that belongs to its neighbour.
 */
export const DEFAULT_TERM_FREQ = 3000

/** Path of the dictionary shipped with the package. */
export function defaultDictionaryPath(): string {
  return join(findDataDir(), 'lexicon', 'dictionary.txt')
}

/** A line up to its `#` comment (indexOf, not /#.*$/: that is quadratic on a line of many #). */
export function withoutComment(line: string): string {
  const hash = line.indexOf('#')
  return hash < 0 ? line : line.slice(0, hash)
}

/** Parses a user dictionary. `file` names the source in error messages. */
export function parseDictionary(text: string, file = '<dictionary>'): DictionaryEntry[] {
  const entries: DictionaryEntry[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = withoutComment(lines[i]!).trim()
    if (line === '') continue
    const [term, freqText, tag, ...rest] = line.split(/\s+/)
    const freq = freqText === undefined ? DEFAULT_TERM_FREQ : Number(freqText)
    if (rest.length > 0 || !Number.isInteger(freq) || freq <= 0) {
      // the column of what is wrong: the frequency, or the first word too many
      const raw = lines[i]!
      const wrong = rest.length > 0 ? rest[0]! : (freqText ?? term!)
      const column = raw.indexOf(wrong, raw.indexOf(term!) + (wrong === term ? 0 : term!.length)) + 1
      throw new PlanCascadeError('bad-option', `expected "term [freq [tag]]", got "${line}"`, {
        file,
        line: i + 1,
        column: Math.max(column, 1),
      })
    }
    entries.push({ term: term!, freq, tag: tag ?? 'n' })
  }
  return entries
}

/** Reads and parses a user dictionary file. */
export function readDictionary(path: string): DictionaryEntry[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new PlanCascadeError('unreadable-file', `cannot read the dictionary: ${String(error)}`, {
      file: path,
    })
  }
  return parseDictionary(text, path)
}

const defaultEntries: { value?: DictionaryEntry[] } = {}

/** The shipped policy dictionary, read once per process. */
export function readDefaultDictionary(): DictionaryEntry[] {
  defaultEntries.value ??= readDictionary(defaultDictionaryPath())
  return defaultEntries.value
}

/** Entries as jieba user-dictionary text (`term freq tag` lines, no comments). */
export function formatDictionary(entries: readonly DictionaryEntry[]): string {
  return entries.map((entry) => `${entry.term} ${entry.freq} ${entry.tag}\n`).join('')
}

/**
 * Merges entry lists: a later entry of the same term wins; terms given as bare strings get the default
 * frequency unless an earlier entry already has them. Terms with whitespace cannot be dictionary words
 * (jieba splits lines on spaces), so they are dropped.
 */
export function mergeDictionary(
  entries: readonly DictionaryEntry[],
  extraTerms: readonly string[] = [],
): DictionaryEntry[] {
  const byTerm = new Map<string, DictionaryEntry>()
  for (const entry of entries) if (!/\s/.test(entry.term)) byTerm.set(entry.term, entry)
  for (const raw of extraTerms) {
    const term = raw.trim()
    if (term === '' || /\s/.test(term) || byTerm.has(term)) continue
    byTerm.set(term, { term, freq: DEFAULT_TERM_FREQ, tag: 'n' })
  }
  return [...byTerm.values()]
}
