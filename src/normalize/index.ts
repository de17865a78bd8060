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

/** Output of one rule: the new text, and for each new position (plus the end) the old position. */
interface RuleResult {
  text: string
  map: Int32Array
}

type Rule = (text: string, options: Required<NormalizeOptions>) => RuleResult | null

/** Identity map helper: rules that only substitute characters one for one return null map. */
function identityMap(length: number): Int32Array {
  const map = new Int32Array(length + 1)
  for (let i = 0; i <= length; i++) map[i] = i
  return map
}

/**
 * Builds a text by keeping or replacing characters, recording where each output char came from. The
 * output is kept as UTF-16 code units and positions in typed arrays (6 bytes a character) rather than
 * an array of one-character strings and an array of numbers (about 40 bytes a character): a 50 MB file
 * is 17 million characters.
 */
class MappedBuilder {
  private units: Uint16Array
  private positions: Int32Array
  private length = 0

  constructor(capacity: number) {
    this.units = new Uint16Array(Math.max(16, capacity))
    this.positions = new Int32Array(Math.max(16, capacity))
  }

  push(chars: string, from: number): void {
    if (this.length + chars.length > this.units.length) this.grow(this.length + chars.length)
    for (let k = 0; k < chars.length; k++) {
      this.units[this.length] = chars.charCodeAt(k)
      this.positions[this.length++] = from
    }
  }

  private grow(needed: number): void {
    const size = Math.max(needed, Math.ceil(this.units.length * 1.5))
    const units = new Uint16Array(size)
    units.set(this.units.subarray(0, this.length))
    const positions = new Int32Array(size)
    positions.set(this.positions.subarray(0, this.length))
    this.units = units
    this.positions = positions
  }

  finish(sourceLength: number): RuleResult {
    const map = new Int32Array(this.length + 1)
    map.set(this.positions.subarray(0, this.length))
    map[this.length] = sourceLength
    // code units back to a string a chunk at a time (fromCharCode takes its arguments on the stack)
    const chunks: string[] = []
    for (let i = 0; i < this.length; i += 8192) {
      chunks.push(String.fromCharCode(...this.units.subarray(i, Math.min(this.length, i + 8192))))
    }
    return { text: chunks.join(''), map }
  }
}

// 01 — line breaks: CRLF, lone CR and Unicode line/paragraph separators become \n.
const normalizeLineBreaks: Rule = (text) => {
  if (!/[\r\u2028\u2029]/.test(text)) return null
  const out = new MappedBuilder(text.length)
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (c === '\r') {
      out.push('\n', i)
      if (text[i + 1] === '\n') i++
    } else if (c === '\u2028' || c === '\u2029') out.push('\n', i)
    else out.push(c, i)
  }
  return out.finish(text.length)
}

// 02 — invisible characters: zero-width spaces and joiners, soft hyphens and stray BOMs carry nothing.
const removeInvisible: Rule = (text) => {
  if (!/[\u200b-\u200d\u2060\ufeff\u00ad]/.test(text)) return null
  const out = new MappedBuilder(text.length)
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (!/[\u200b-\u200d\u2060\ufeff\u00ad]/.test(c)) out.push(c, i)
  }
  return out.finish(text.length)
}

/**
 * Full-width forms kept as printed: they are the ordinary Chinese punctuation (，：；？！), not
 * full-width copies of ASCII. Everything else in U+FF01..U+FF5E (digits, Latin letters, brackets,
 * ％ ＋ ． …) becomes ASCII, so that `１２３４５` and `12345`, `（一）` and `(一)` compare equal.
 */
const KEEP_FULL_WIDTH = new Set(['，', '：', '；', '？', '！'])

// 03 — half-width: one character for one, so the map is the identity.
const toHalfWidth: Rule = (text) => {
  if (!/[\uff01-\uff5e\u3000\u00a0\u2000-\u200a\u202f\u205f]/.test(text)) return null
  let out = ''
  for (const c of text) {
    const code = c.charCodeAt(0)
    if (code >= 0xff01 && code <= 0xff5e && !KEEP_FULL_WIDTH.has(c)) out += String.fromCharCode(code - 0xfee0)
    // ideographic, no-break, em and en spaces (　一、 indents a heading) are spaces
    else if (c === '\u3000' || c === '\u00a0' || /[\u2000-\u200a\u202f\u205f]/.test(c)) out += ' '
    else out += c
  }
  return { text: out, map: identityMap(text.length) }
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
  return { text: converted.join('\n'), map: identityMap(text.length) }
}

const CJK_OR_PUNCT = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’、。，：；？！《》〔〕【】]/

// 05 — spaces: trimmed at line ends, removed next to Chinese characters (scrapers insert them:
// "5G 非独立组网"), runs elsewhere collapsed to one.
const normalizeSpaces: Rule = (text) => {
  const out = new MappedBuilder(text.length)
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (c !== ' ' && c !== '\t') {
      out.push(c, i)
      i++
      continue
    }
    let j = i
    while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++
    const before = i === 0 ? '\n' : (text[i - 1] as string)
    const after = j >= text.length ? '\n' : (text[j] as string)
    const atLineEdge = before === '\n' || after === '\n'
    const nextToChinese = CJK_OR_PUNCT.test(before) || CJK_OR_PUNCT.test(after)
    if (!atLineEdge && !nextToChinese) out.push(' ', i)
    i = j
  }
  return out.finish(text.length)
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
    const composed = new Int32Array(result.text.length + 1)
    for (let i = 0; i <= result.text.length; i++) composed[i] = toSource[result.map[i] as number] as number
    text = result.text
    toSource = composed
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
