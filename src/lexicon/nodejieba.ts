/**
 * The `nodejieba` adapter (cppjieba through node-addon-api), for users who ask for it. nodejieba is an
 * optional dependency: it is loaded lazily and only when asked for.
 *
 * Left alone, nodejieba and @node-rs/jieba disagree on Latin/digit runs: cppjieba's HMM cuts 5G into
 * 5|G and 4-6 into 4|-|6, and its `cut` without HMM cuts 12345 into single digits. The adapter therefore
 * (1) always cuts with HMM, (2) loads the policy dictionary plus the handful of mixed-script words
 * (IP地址, SIM卡 …) that @node-rs/jieba's dictionary has and cppjieba's lacks, and (3) re-cuts every run
 * of Latin/digit tokens the way jieba-rs's HMM does, so both give the same tokens.
 *
 * nodejieba holds one dictionary per process. Each segmenter made here remembers its own dictionary
 * and reloads it (about 1.5 s) when another one was loaded since, so two segmenters with different
 * dictionaries stay correct, only slow if used in alternation.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { PlanCascadeError } from '../errors.js'
import type { DictionaryEntry } from './dictionary.js'
import { formatDictionary } from './dictionary.js'
import type { Segmenter } from './segmenter.js'

/**
 * The part of nodejieba's API the adapter uses, declared here so that typecheck, build and the
 * declaration files do not need the optional package installed.
 */
interface Nodejieba {
  load(options?: {
    dict?: string
    userDict?: string
    hmmDict?: string
    idfDict?: string
    stopWordDict?: string
  }): void
  cut(text: string, hmm?: boolean): string[]
  cutForSearch(text: string, hmm?: boolean): string[]
  insertWord(word: string): boolean
}

const state: { module?: Nodejieba | null; active?: object; mainDictionary?: string | null } = {}

/** Characters jieba keeps in a block with Chinese (RE_HAN_DEFAULT, Latin side). */
const LATIN_TOKEN = /^[A-Za-z0-9+#&._%-]+$/
/** What jieba-rs's HMM keeps together in a Latin run (RE_SKIP_DETAIL), `.` unescaped as there. */
const HMM_LATIN_WORD = /[a-zA-Z0-9]+(?:.\d+)?%?/g

/** nodejieba, or null when it is not installed or its native binding did not build. */
function requireNodejieba(): Nodejieba | null {
  if (state.module !== undefined) return state.module
  state.module = null
  try {
    const require = createRequire(import.meta.url)
    const entry = require.resolve('nodejieba')
    const nodejieba = require(entry) as Nodejieba
    // nodejieba's index.js requires its binding on first use; probe it now, cheaply, where it lives.
    const binding = join(dirname(entry), 'build', 'Release', 'nodejieba.node')
    if (existsSync(binding)) require(binding)
    else nodejieba.load() // another layout: load the default dictionary to find out
    state.module = nodejieba
  } catch {
    state.module = null
  }
  return state.module
}

/** True when the optional `nodejieba` package is installed and its native binding loads. */
export function isNodejiebaAvailable(): boolean {
  return requireNodejieba() !== null
}

/**
 * @node-rs/jieba's dictionary text, or null when it cannot be read. cppjieba's own dictionary is nearly
 * the same file, but lacks about sixty mixed-script words (IP地址, SIM卡, A股).
 */
function readNodeRsDictionary(): string | null {
  if (state.mainDictionary !== undefined) return state.mainDictionary
  try {
    const require = createRequire(import.meta.url)
    const text = readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8')
    // cppjieba aborts the process on a line without exactly three columns: keep only those.
    state.mainDictionary = text
      .split('\n')
      .filter((line) => line.trim().split(' ').length === 3)
      .join('\n')
      .concat('\n')
  } catch {
    state.mainDictionary = null
  }
  return state.mainDictionary
}

/**
 * Loads cppjieba with the same dictionary @node-rs/jieba uses, the policy entries merged into it.
 *
 * Merging matters: jieba-rs adds user words to the dictionary's frequency total, cppjieba does not,
 * and near-ties (外包, freq 3, against 外 × 包) flip with the total. cppjieba reads dictionaries from
 * files only (and aborts the process on a missing one), so they are written to a fresh temporary
 * directory and removed right after.
 */
function loadDictionary(nodejieba: Nodejieba, entries: readonly DictionaryEntry[]): void {
  const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-'))
  try {
    const main = readNodeRsDictionary()
    const dict = join(dir, 'jieba.dict.utf8')
    const userDict = join(dir, 'user.dict.utf8')
    if (main === null) {
      writeFileSync(userDict, formatDictionary(entries))
      nodejieba.load({ userDict })
    } else {
      writeFileSync(dict, main + formatDictionary(entries))
      // An empty user dictionary: the default one adds words (蓝翔, 区块链) @node-rs/jieba lacks.
      writeFileSync(userDict, '')
      nodejieba.load({ dict, userDict })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * How jieba-rs's HMM cuts a Latin run (RE_SKIP_DETAIL): matches whole, the gaps between them whole. Its
 * `.` is unescaped, so it joins any one character before digits: 4-6, 2018-2020, 3.0, 5G+8.
 */
function cutLatinRunHmm(run: string): string[] {
  const out: string[] = []
  let last = 0
  for (const match of run.matchAll(HMM_LATIN_WORD)) {
    if (match.index > last) out.push(run.slice(last, match.index))
    out.push(match[0])
    last = match.index + match[0].length
  }
  if (last < run.length) out.push(run.slice(last))
  return out
}

/** How jieba cuts a Latin run without HMM: letters and digits glued, every other character alone. */
function cutLatinRunPlain(run: string): string[] {
  return run.match(/[a-zA-Z0-9]+|[^a-zA-Z0-9]/g) ?? []
}

/**
 * Joins adjacent Latin tokens of cppjieba (5|G, 4|-|6) and re-cuts them as @node-rs/jieba would, with
 * or without HMM. Dictionary words made of Latin characters only (C++, NB-IoT) stay as they are.
 */
export function rejoinLatinRuns(
  tokens: readonly string[],
  hmm: boolean,
  latinWords: ReadonlySet<string> = new Set(),
): string[] {
  const out: string[] = []
  let run = ''
  const flush = () => {
    if (run !== '') out.push(...(hmm ? cutLatinRunHmm(run) : cutLatinRunPlain(run)))
    run = ''
  }
  for (const token of tokens) {
    if (LATIN_TOKEN.test(token) && !(token.length > 1 && latinWords.has(token))) {
      run += token
      continue
    }
    flush()
    // cppjieba cuts \r\n into \r|\n, jieba-rs keeps it.
    if (token === '\n' && out[out.length - 1] === '\r') out[out.length - 1] = '\r\n'
    else out.push(token)
  }
  flush()
  return out
}

/**
 * A nodejieba segmenter with `entries` as its user dictionary, cutting with or without HMM.
 *
 * @throws PlanCascadeError `bad-option` when nodejieba is not installed.
 */
export function createNodejiebaSegmenter(entries: readonly DictionaryEntry[], hmm: boolean): Segmenter {
  const nodejieba = requireNodejieba()
  if (nodejieba === null) {
    throw new PlanCascadeError(
      'bad-option',
      "implementation 'nodejieba' needs the optional package nodejieba: install it with " +
        '`npm_config_yes=true npm install nodejieba` (its install script runs npx), or use the default ' +
        "implementation 'node-rs'",
    )
  }
  const owner = {}
  const latinWords = new Set(entries.map((entry) => entry.term).filter((term) => LATIN_TOKEN.test(term)))
  for (const line of (readNodeRsDictionary() ?? '').split('\n')) {
    const term = line.slice(0, line.indexOf(' '))
    if (LATIN_TOKEN.test(term)) latinWords.add(term)
  }
  /** Words added after creation: they get cppjieba's top user weight, so they always win. */
  const added: string[] = []
  const ready = () => {
    if (state.active === owner) return
    loadDictionary(nodejieba, entries)
    for (const word of added) nodejieba.insertWord(word)
    state.active = owner
  }
  ready()
  return {
    name: 'nodejieba',
    cut(text) {
      ready()
      return rejoinLatinRuns(nodejieba.cut(text, hmm), hmm, latinWords)
    },
    cutForSearch(text) {
      ready()
      return rejoinLatinRuns(nodejieba.cutForSearch(text, hmm), hmm, latinWords)
    },
    // nodejieba's insertWord takes no frequency: the word gets cppjieba's top user weight instead.
    addWord(word) {
      if (/\s/.test(word) || word === '') return
      added.push(word)
      if (LATIN_TOKEN.test(word)) latinWords.add(word)
      if (state.active === owner) nodejieba.insertWord(word)
    },
  }
}
