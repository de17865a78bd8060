/**
 * Normalization: an ordered list of small named rules, each of which keeps the way back.
 *
 * Every rule maps a text to a new text plus, for each position of the new text, the position it came
 * from in the old one. Composing the maps gives `toSource`, so that any span of the normalized text
 * can be turned back into a span of the source text (`toSourceSpan`).
 */
import * as OpenCC from 'opencc-js/t2cn'
import { expectOptions, expectString } from '../arguments.js'
import type { Span } from '../model/index.js'

/** Normalized text and its map back to the source. */
export interface NormalizedText {
  /** The normalized text. */
  text: string
  /** `toSource[i]` = offset in the source of normalized position i; `toSource[text.length]` = source length. */
  toSource: Int32Array
  /** True when traditional characters were converted to simplified. */
  convertedFromTraditional: boolean
}

export interface NormalizeOptions {
  /** Convert traditional to simplified: 'auto' (default) when the text is mostly traditional. */
  traditional?: 'auto' | 'always' | 'never'
}

/**
 * Output of one rule. A rule that changes the length lists its edits: `[start, end, replacement]`,
 * in order and not overlapping, each replacement's characters coming from `start` (a deletion is an
 * empty replacement). A rule that substitutes one character for one returns the new text alone, and
 * the map stays as it was.
 */
type RuleResult = { text: string; edits?: undefined } | { text?: undefined; edits: Edit[] }

type Edit = readonly [start: number, end: number, replacement: string]

type Rule = (text: string, options: Required<NormalizeOptions>) => RuleResult | null

/** Identity map: position i of the text comes from position i of the source. */
function identityMap(length: number): Int32Array {
  const map = new Int32Array(length + 1)
  for (let i = 0; i <= length; i++) map[i] = i
  return map
}

/**
 * Applies a rule's edits to the text and to its map back to the source. The kept stretches are sliced
 * out whole and joined once, and the new map is written straight from the old one, so a rule costs
 * one new text and one new map (6 bytes a character) however many edits it makes, never a
 * per-character array or a string built a character at a time (a 50 MB file is 17 million characters).
 */
function applyEdits(
  text: string,
  toSource: Int32Array,
  edits: Edit[],
): { text: string; toSource: Int32Array } {
  let length = text.length
  for (const [start, end, replacement] of edits) length += replacement.length - (end - start)
  const map = new Int32Array(length + 1)
  const parts: string[] = []
  let from = 0
  let k = 0
  const keep = (to: number) => {
    if (to > from) parts.push(text.slice(from, to))
    map.set(toSource.subarray(from, to), k)
    k += to - from
  }
  for (const [start, end, replacement] of edits) {
    keep(start)
    parts.push(replacement)
    map.fill(toSource[start] as number, k, k + replacement.length)
    k += replacement.length
    from = end
  }
  keep(text.length)
  map[length] = toSource[text.length] as number
  return { text: parts.join(''), toSource: map }
}

/** The edits replacing every match of a global pattern by what `replace` returns for it. */
function editsOf(text: string, pattern: RegExp, replace: (match: string) => string): Edit[] {
  const edits: Edit[] = []
  for (const m of text.matchAll(pattern)) edits.push([m.index, m.index + m[0].length, replace(m[0])])
  return edits
}

// 01 — line breaks: CRLF, lone CR and Unicode line/paragraph separators become \n.
const normalizeLineBreaks: Rule = (text) => {
  if (!/[\r\u2028\u2029]/.test(text)) return null
  return { edits: editsOf(text, /\r\n?|[\u2028\u2029]/g, () => '\n') }
}

// 02 — invisible characters: zero-width spaces and joiners, soft hyphens and stray BOMs carry nothing.
const removeInvisible: Rule = (text) => {
  if (!/[\u200b-\u200d\u2060\ufeff\u00ad]/.test(text)) return null
  return { edits: editsOf(text, /[\u200b-\u200d\u2060\ufeff\u00ad]/g, () => '') }
}

/**
 * Full-width forms kept as printed: they are the ordinary Chinese punctuation (，：；？！), not
 * full-width copies of ASCII. Everything else in U+FF01..U+FF5E (digits, Latin letters, brackets,
 * ％ ＋ ． …) becomes ASCII, so that `１２３４５` and `12345`, `（一）` and `(一)` compare equal.
 */
const KEEP_FULL_WIDTH = new Set(['，', '：', '；', '？', '！'])

// 03 — half-width: one character for one, so the map stays as it was.
const toHalfWidth: Rule = (text) => {
  if (!/[\uff01-\uff5e\u3000\u00a0\u2000-\u200a\u202f\u205f]/.test(text)) return null
  const replaced = text.replace(/[\uff01-\uff5e\u3000\u00a0\u2000-\u200a\u202f\u205f]/g, (c) => {
    if (KEEP_FULL_WIDTH.has(c)) return c
    const code = c.charCodeAt(0)
    // ideographic, no-break, em and en spaces (　一、 indents a heading) are spaces
    return code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ' '
  })
  return { text: replaced }
}

let traditionalConverter: ((s: string) => string) | null = null
function convertTraditional(s: string): string {
  traditionalConverter ??= OpenCC.Converter({ from: 'tw', to: 'cn' })
  return traditionalConverter(s)
}

/** Share of CJK characters that change when converted to simplified. */
export function traditionalShare(text: string): number {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text
  const converted = convertTraditional(sample)
  let cjk = 0
  let changed = 0
  const length = Math.min(sample.length, converted.length)
  for (let i = 0; i < length; i++) {
    const c = sample.charCodeAt(i)
    if (c >= 0x4e00 && c <= 0x9fff) {
      cjk++
      if (converted.charCodeAt(i) !== c) changed++
    }
  }
  return cjk === 0 ? 0 : changed / cjk
}

/**
 * A simplified text has almost no characters that OpenCC would change; a traditional one has many
 * (about one in four in ordinary prose). One in twenty separates them with a wide margin.
 */
const TRADITIONAL_THRESHOLD = 0.05

// 04 — traditional to simplified, when the document is mostly traditional. Converted line by line;
// a line whose length changes (a rare phrase rewrite) falls back to character by character, so the
// map stays one for one.
const toSimplified: Rule = (text, options) => {
  if (options.traditional === 'never') return null
  if (options.traditional === 'auto' && traditionalShare(text) < TRADITIONAL_THRESHOLD) return null
  const lines = text.split('\n')
  const converted = lines.map((line) => {
    const whole = convertTraditional(line)
    if (whole.length === line.length) return whole
    let out = ''
    for (let i = 0; i < line.length; i++) {
      const one = convertTraditional(line[i] as string)
      out += one.length === 1 ? one : line[i]
    }
    return out
  })
  return { text: converted.join('\n') }
}

const CJK_OR_PUNCT = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’、。，：；？！《》〔〕【】]/

// 05 — spaces: trimmed at line ends, removed next to Chinese characters (scrapers insert them:
// "5G 非独立组网"), runs elsewhere collapsed to one.
const normalizeSpaces: Rule = (text) => {
  const edits: Edit[] = []
  for (const m of text.matchAll(/[ \t]+/g)) {
    const i = m.index
    const j = i + m[0].length
    const before = i === 0 ? '\n' : (text[i - 1] as string)
    const after = j >= text.length ? '\n' : (text[j] as string)
    const atLineEdge = before === '\n' || after === '\n'
    const nextToChinese = CJK_OR_PUNCT.test(before) || CJK_OR_PUNCT.test(after)
    const replacement = !atLineEdge && !nextToChinese ? ' ' : ''
    // a single space that stays is no edit
    if (replacement !== m[0]) edits.push([i, j, replacement])
  }
  return edits.length === 0 ? null : { edits }
}

/** The rules, in order. */
const RULES: ReadonlyArray<readonly [name: string, rule: Rule]> = [
  ['01-line-breaks', normalizeLineBreaks],
  ['02-invisible', removeInvisible],
  ['03-half-width', toHalfWidth],
  ['04-simplified', toSimplified],
  ['05-spaces', normalizeSpaces],
]

/** Normalizes a decoded text, keeping a map from every normalized position back to the source. */
export function normalizeText(source: string, options: NormalizeOptions = {}): NormalizedText {
  expectString(source, 'normalizeText', 'the text')
  expectOptions(options, 'normalizeText')
  const resolved: Required<NormalizeOptions> = { traditional: options.traditional ?? 'auto' }
  let text = source
  let toSource = identityMap(source.length)
  let convertedFromTraditional = false
  for (const [name, rule] of RULES) {
    const result = rule(text, resolved)
    if (!result) continue
    if (name === '04-simplified') convertedFromTraditional = true
    if (result.edits) ({ text, toSource } = applyEdits(text, toSource, result.edits))
    else text = result.text
  }
  // Characters deleted at the very start go with the first span, so spans still start at 0.
  toSource[0] = 0
  return { text, toSource, convertedFromTraditional }
}

/**
 * Maps a `[start, end)` span of the normalized text to the source. Boundaries map to boundaries, so
 * spans that partition the normalized text partition the source too (characters that normalization
 * deleted, such as trailing spaces or \r, go with the span before them).
 */
export function toSourceSpan(normalized: NormalizedText, [start, end]: Span): Span {
  return [normalized.toSource[start] as number, normalized.toSource[end] as number]
}

/** Maps a normalized boundary (a position between characters) to the source. */
export function toSourceOffset(normalized: NormalizedText, offset: number): number {
  return normalized.toSource[offset] as number
}

/** The first normalized position whose source offset is at least `offset` (the inverse of the map). */
export function fromSourceOffset(normalized: NormalizedText, offset: number): number {
  let lo = 0
  let hi = normalized.text.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((normalized.toSource[mid] as number) < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}
