/**
 * Content tokens: what alignment and keywords compare. Segmentation plus four small rules: full-width
 * forms folded (NFKC), synonyms written in their canonical form, then punctuation, numbers and
 * stopwords dropped.
 */

import { expectLexicon, expectOptions, expectSegmenter, expectString } from '../arguments.js'
import type { Lexicon } from './lexicon.js'
import type { Segmenter } from './segmenter.js'

export interface TokenizeOptions {
  /**
   * `cut` (default): each character in one token. `search`: long words also give the dictionary words
   * inside them (数据要素市场 -> 数据, 要素, 市场, 数据要素, 要素市场, 数据要素市场), which helps
   * similarity match a long term against its parts.
   */
  mode?: 'cut' | 'search'
}

/** Forms to look for, by first character, longest first; each with its replacement (null: keep). */
type SynonymMatcher = Map<string, Array<{ form: string; replacement: string | null }>>

const matchers = new WeakMap<Lexicon, { synonyms: number; dictionary: number; matcher: SynonymMatcher }>()

/**
 * Builds (and caches per lexicon) the matcher. Dictionary terms are candidates too, kept as written,
 * so that a variant inside a longer term is left alone: 农村电商 stays, 电商 -> 电子商务.
 */
function synonymMatcher(lexicon: Lexicon): SynonymMatcher {
  const cached = matchers.get(lexicon)
  if (cached?.synonyms === lexicon.synonyms.size && cached.dictionary === lexicon.dictionary.length) {
    return cached.matcher
  }
  const replacements = new Map<string, string | null>()
  for (const term of lexicon.dictionary) replacements.set(lowerAscii(term), null)
  for (const [variant, canonical] of lexicon.synonyms) replacements.set(lowerAscii(variant), canonical)
  const matcher: SynonymMatcher = new Map()
  for (const [form, replacement] of replacements) {
    const list = matcher.get(form[0]!) ?? []
    list.push({ form, replacement })
    matcher.set(form[0]!, list)
  }
  for (const list of matcher.values()) {
    list.sort((a, b) => b.form.length - a.form.length || (a.form < b.form ? -1 : 1))
  }
  matchers.set(lexicon, { synonyms: lexicon.synonyms.size, dictionary: lexicon.dictionary.length, matcher })
  return matcher
}

const LATIN = /[A-Za-z0-9]/

/** Lower case for ASCII letters only: toLowerCase on other scripts can change the length (İ). */
export function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
}

/**
 * Writes every synonym in its canonical form: 12345便民服务平台 -> 12345热线, IPV6 -> IPv6, AI -> 人工智能.
 * Matching is longest first, case-insensitive for Latin letters, and a form that starts or ends with a
 * Latin letter or digit must not touch another one (AI in MAIL, 12345 in 123456 are not matches).
 */
export function applySynonyms(text: string, lexicon: Lexicon): string {
  if (lexicon.synonyms.size === 0) return text
  const matcher = synonymMatcher(lexicon)
  const lower = lowerAscii(text)
  let out = ''
  let i = 0
  while (i < text.length) {
    const match = matcher.get(lower[i]!)?.find(({ form }) => {
      if (!lower.startsWith(form, i)) return false
      const end = i + form.length
      if (LATIN.test(form[0]!) && i > 0 && LATIN.test(text[i - 1]!)) return false
      return !(LATIN.test(form[form.length - 1]!) && end < text.length && LATIN.test(text[end]!))
    })
    if (match === undefined) {
      out += text[i]
      i++
    } else {
      out += match.replacement ?? text.slice(i, i + match.form.length)
      i += match.form.length
    }
  }
  return out
}

/** Punctuation, symbols and spaces only. */
const NOT_CONTENT = /^[\p{P}\p{S}\p{Z}\s]*$/u
/** Figures, with the signs that go with them: 3000, 1.5, 20%, 2018-2020, 1:1, ①. */
const NUMBER = /^[\p{N}.,%‰+\-:/~～×]+$/u
/** One Latin letter (the e of an unknown e-something) says nothing. */
const LONE_LETTER = /^[A-Za-z]$/

/** True for a token worth comparing: not punctuation, not a figure, not a lone Latin letter. */
export function isContentToken(token: string): boolean {
  return !NOT_CONTENT.test(token) && !NUMBER.test(token) && !LONE_LETTER.test(token)
}

/**
 * Content tokens of a text: segmented, synonyms in canonical form, without punctuation, figures and
 * stopwords. Deterministic for a given segmenter and lexicon.
 *
 * @example tokenize('加快5G基站建设', segmenter, lexicon) // ['5G基站']: 加快 and 建设 are policy stopwords
 */
export function tokenize(
  text: string,
  segmenter: Segmenter,
  lexicon: Lexicon,
  options: TokenizeOptions = {},
): string[] {
  expectString(text, 'tokenize', 'text')
  expectSegmenter(segmenter, 'tokenize')
  expectLexicon(lexicon, 'tokenize')
  expectOptions(options, 'tokenize')
  const normalized = applySynonyms(text.normalize('NFKC'), lexicon)
  const tokens = options.mode === 'search' ? segmenter.cutForSearch(normalized) : segmenter.cut(normalized)
  return tokens.filter((token) => isContentToken(token) && !lexicon.stopwords.has(token))
}
