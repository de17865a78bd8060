/**
 * The lexicon: the data files of `data/lexicon` (policy dictionary, stopwords, synonyms, topic taxonomy)
 * read into memory, extended or replaced by the user's own files and lists.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { expectOptions } from '../arguments.js'
import { lineColumn, PlanCascadeError } from '../errors.js'
import { locateJson, parseJson } from '../json.js'
import { findDataDir } from './data-dir.js'
import { readDefaultDictionary, readDictionary, withoutComment } from './dictionary.js'

/** A topic of digital-government plans, as written in `taxonomy.json`. */
export interface Topic {
  /** Stable id, kebab-case: `hotline-12345`. */
  readonly id: string
  /** Chinese label: 12345便民服务热线. */
  readonly zh: string
  /** English label: 12345 citizen service hotline. */
  readonly en: string
  /** Literal strings whose presence in an item speaks for the topic; longer and rarer ones weigh more. */
  readonly keywords: readonly string[]
  /** Regular expression sources (no flags) for what keywords cannot say: `5G.{0,8}基站`. */
  readonly patterns: readonly string[]
  /** Regular expression sources masked out before matching: `12320` for the hotline topic. */
  readonly exclude?: readonly string[]
}

/** Everything the lexicon stage knows about words. */
export interface Lexicon {
  /** Tokens `tokenize` drops: policy verbs and fillers (推进, 加快), function words, units. */
  stopwords: Set<string>
  /** Variant -> canonical form (12345便民服务平台 -> 12345热线); ASCII variants are keyed in lower case too. */
  synonyms: Map<string, string>
  /** Topics, in file order. */
  taxonomy: Topic[]
  /** Dictionary terms to give the segmenter: the policy dictionary, the user's, and synonym forms. */
  dictionary: string[]
}

export interface LoadLexiconOptions {
  /** A jieba user dictionary (`term [freq [tag]]` a line, `#` comments). */
  dictionaryFile?: string
  /** Stopwords, separated by spaces or line breaks, `#` comments. */
  stopwordsFile?: string
  /** JSON object: canonical form -> variants. */
  synonymsFile?: string
  /** JSON array of topics; a topic with the id of a shipped one replaces it. */
  taxonomyFile?: string
  extraStopwords?: string[]
  extraSynonyms?: Record<string, string[]>
  extraTerms?: string[]
  /** When true, each file given replaces the shipped file of its kind instead of extending it. */
  replace?: boolean
}

const TopicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are kebab-case'),
    zh: z.string().min(1),
    en: z.string().min(1),
    keywords: z.array(z.string().min(1)),
    patterns: z.array(z.string().min(1)),
    exclude: z.array(z.string().min(1)).optional(),
  })
  .strict()
const TaxonomySchema = z.array(TopicSchema)
const SynonymsSchema = z.record(z.string().min(1), z.array(z.string().min(1)))

/** Directory of the shipped lexicon files. */
export function lexiconDataDir(): string {
  return join(findDataDir(), 'lexicon')
}

/**
 * A text file of the user's, as UTF-8: a byte that is not UTF-8 (a list saved as GBK) is an error at
 * its line:column, not a word of U+FFFD.
 */
function readText(path: string, what: string): string {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error) {
    throw new PlanCascadeError('unreadable-file', `cannot read the ${what}: ${String(error)}`, { file: path })
  }
  const text = bytes.toString('utf8').replace(/^\ufeff/, '')
  const bad = text.indexOf('\ufffd')
  if (bad >= 0 && !bytes.includes(Buffer.from('\ufffd', 'utf8'))) {
    throw new PlanCascadeError('bad-option', `the ${what} is not UTF-8 (save it as UTF-8)`, {
      file: path,
      ...lineColumn(text, bad),
    })
  }
  return text
}

/** A JSON file of the user's: its value, and its text to place errors at their line:column. */
function readJson(path: string, what: string): { value: unknown; text: string } {
  const text = readText(path, what)
  return { value: parseJson(text, path, 'bad-option'), text }
}

/** Words of a word list: separated by spaces or line breaks, `#` starting a comment. */
export function parseWordList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .flatMap((line) => withoutComment(line).split(/\s+/))
    .filter((word) => word !== '')
}

/**
 * Validates a taxonomy (also compiling every pattern) and freezes its topics. `text`, the file's JSON,
 * places errors at their line:column.
 */
export function parseTaxonomy(value: unknown, file = '<taxonomy>', text?: string): Topic[] {
  const at = (path: PropertyKey[]) => (text === undefined ? {} : locateJson(text, path))
  const parsed = TaxonomySchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new PlanCascadeError('bad-option', `bad taxonomy at ${issue.path.join('.')}: ${issue.message}`, {
      file,
      ...at(issue.path),
    })
  }
  const seen = new Set<string>()
  return parsed.data.map((topic, k) => {
    if (seen.has(topic.id))
      throw new PlanCascadeError('bad-option', `duplicate topic id '${topic.id}'`, { file, ...at([k, 'id']) })
    seen.add(topic.id)
    for (const [field, sources] of [
      ['patterns', topic.patterns],
      ['exclude', topic.exclude ?? []],
    ] as const) {
      sources.forEach((source, j) => {
        try {
          new RegExp(source, 'u')
        } catch (error) {
          throw new PlanCascadeError(
            'bad-option',
            `topic '${topic.id}': bad pattern ${source}: ${String(error)}`,
            { file, ...at([k, field, j]) },
          )
        }
      })
    }
    return Object.freeze({
      ...topic,
      keywords: Object.freeze([...topic.keywords]),
      patterns: Object.freeze([...topic.patterns]),
      ...(topic.exclude ? { exclude: Object.freeze([...topic.exclude]) } : {}),
    }) as Topic
  })
}

/** Validates a synonyms object (canonical -> variants); `text` places errors at their line:column. */
export function parseSynonyms(value: unknown, file = '<synonyms>', text?: string): Record<string, string[]> {
  const parsed = SynonymsSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new PlanCascadeError('bad-option', `bad synonyms at ${issue.path.join('.')}: ${issue.message}`, {
      file,
      ...(text === undefined ? {} : locateJson(text, issue.path)),
    })
  }
  return parsed.data
}

function readSynonyms(file: string): Record<string, string[]> {
  const { value, text } = readJson(file, 'synonyms file')
  return parseSynonyms(value, file, text)
}

function readTaxonomy(file: string): Topic[] {
  const { value, text } = readJson(file, 'taxonomy')
  return parseTaxonomy(value, file, text)
}

/** The shipped files, parsed once per process. */
interface Defaults {
  stopwords: string[]
  synonyms: Record<string, string[]>
  taxonomy: Topic[]
  terms: string[]
}
let defaults: Defaults | undefined

function readDefaults(): Defaults {
  if (defaults) return defaults
  const dir = lexiconDataDir()
  const stopwordsFile = join(dir, 'stopwords.txt')
  const synonymsFile = join(dir, 'synonyms.json')
  const taxonomyFile = join(dir, 'taxonomy.json')
  defaults = {
    stopwords: parseWordList(readText(stopwordsFile, 'stopword list')),
    synonyms: readSynonyms(synonymsFile),
    taxonomy: readTaxonomy(taxonomyFile),
    terms: readDefaultDictionary().map((entry) => entry.term),
  }
  return defaults
}

/** Adds `canonical -> variants` to a variant -> canonical map; ASCII forms also under lower case. */
function addSynonyms(map: Map<string, string>, groups: Record<string, string[]>): void {
  const put = (form: string, canonical: string) => {
    map.set(form, canonical)
    if (/[A-Za-z]/.test(form)) map.set(form.toLowerCase(), canonical)
  }
  for (const [canonical, variants] of Object.entries(groups)) {
    put(canonical, canonical)
    for (const variant of variants) put(variant, canonical)
  }
}

/**
 * Loads the lexicon: the shipped files of `data/lexicon`, extended by the user's files and lists (or,
 * with `replace`, each file given replaces the shipped one of its kind). Files are read once per
 * process; each call returns fresh sets and maps, so changing one lexicon never changes another.
 *
 * @throws PlanCascadeError `unreadable-file` for a file that cannot be read, `bad-option` for a file
 *   that does not parse (bad JSON, bad pattern, duplicate topic id).
 */
export function loadLexicon(options: LoadLexiconOptions = {}): Lexicon {
  expectOptions(options, 'loadLexicon')
  const base = readDefaults()
  const replace = options.replace ?? false

  const stopwordLists = [
    options.stopwordsFile && replace ? [] : base.stopwords,
    options.stopwordsFile ? parseWordList(readText(options.stopwordsFile, 'stopword list')) : [],
    options.extraStopwords ?? [],
  ]
  const stopwords = new Set(stopwordLists.flat())

  const synonyms = new Map<string, string>()
  if (!(options.synonymsFile && replace)) addSynonyms(synonyms, base.synonyms)
  if (options.synonymsFile) {
    addSynonyms(synonyms, readSynonyms(options.synonymsFile))
  }
  if (options.extraSynonyms) addSynonyms(synonyms, parseSynonyms(options.extraSynonyms, '<extraSynonyms>'))

  let taxonomy = options.taxonomyFile && replace ? [] : [...base.taxonomy]
  if (options.taxonomyFile) {
    const user = readTaxonomy(options.taxonomyFile)
    const ids = new Set(user.map((topic) => topic.id))
    taxonomy = [...taxonomy.filter((topic) => !ids.has(topic.id)), ...user]
  }

  const terms = [
    ...(options.dictionaryFile && replace ? [] : base.terms),
    ...(options.dictionaryFile ? readDictionary(options.dictionaryFile).map((entry) => entry.term) : []),
    ...(options.extraTerms ?? []),
    // Canonical forms are what tokenize writes into the text: the segmenter must keep them whole.
    ...new Set(synonyms.values()),
  ]
  const dictionary = [
    ...new Set(terms.map((term) => term.trim()).filter((term) => term !== '' && !/\s/.test(term))),
  ]

  return { stopwords, synonyms, taxonomy, dictionary }
}

/** A lexicon given as it is, or loaded (once per process per files) from options. */
export function resolveLexicon(option?: Lexicon | LoadLexiconOptions): Lexicon {
  if (option && 'taxonomy' in option && Array.isArray(option.taxonomy)) return option as Lexicon
  return loadLexicon(option as LoadLexiconOptions | undefined)
}
