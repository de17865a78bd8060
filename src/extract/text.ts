/**
 * Small text helpers shared by the extractors. Every helper keeps offsets: the strings they return are
 * the same length as their input, so a match in one is a span in the other.
 */

/**
 * Fold full-width ASCII (digits, Latin letters, ％ ＋ ． （ ） ， ： ；) and the ideographic space to
 * their half-width forms, one character for one. The pipeline already normalizes most of this; folding
 * again makes the extractors tolerant of text that was not normalized.
 */
export function foldWidth(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0)
    else if (code === 0x3000) out += ' '
    else out += text[i]
  }
  return out
}

/** Pairs of quotes and book-title marks whose contents are names, not statements. */
const QUOTES: Array<[string, string]> = [
  ['“', '”'],
  ['‘', '’'],
  ['《', '》'],
  ['「', '」'],
  ['『', '』'],
  ['〈', '〉'],
]

/**
 * Spans inside quotes and book titles: “十四五”, 《数字福州建设三年行动计划(2018-2020年)》,
 * “15分钟便民服务圈”. Figures there are parts of names. A quote left open ends at the line break.
 */
export function quotedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  for (const [open, close] of QUOTES) {
    let from = 0
    for (;;) {
      const start = text.indexOf(open, from)
      if (start < 0) break
      // the closer is looked for within the line only: searching the whole text from every open
      // quote was quadratic in a text of many lines with a quote left open on each
      const lineEnd = boundaryAfter(text, start + 1, LINE_BREAK)
      const inLine = text.slice(start + 1, lineEnd).indexOf(close)
      const end = inLine < 0 ? lineEnd : start + 1 + inLine
      ranges.push([start, end + 1])
      from = end + 1
    }
  }
  // Straight double quotes pair up in order of appearance within a line.
  let open = -1
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '\n') open = -1
    else if (ch === '"') {
      if (open < 0) open = i
      else {
        ranges.push([open, i + 1])
        open = -1
      }
    }
  }
  return ranges.sort((a, b) => a[0] - b[0])
}

const LINE_BREAK = /\n/u

/**
 * A flag per offset of a text of `length`: set when the offset lies in one of `ranges`, each taken as
 * `[a + shift, b)`. Asking a flag costs nothing, where asking the list for every figure was quadratic.
 */
export function rangeMask(length: number, ranges: Array<[number, number]>, shift = 0): Uint8Array {
  const mask = new Uint8Array(length + 1)
  for (const [a, b] of ranges) mask.fill(1, Math.max(0, a + shift), Math.min(b, length + 1))
  return mask
}

/** True when `[start, end)` lies inside one of `ranges`. */
export function insideAny(ranges: Array<[number, number]>, start: number, end: number): boolean {
  return ranges.some(([a, b]) => start > a && end < b)
}

/** Sentence ends: 。！？!? ; and line breaks. */
export const SENTENCE_END = /[。！？!?；;\n]/u
/** Clause ends: sentence ends and commas, colons. */
export const CLAUSE_END = /[。！？!?；;\n,，:：]/u
/** List separators inside a clause. */
export const LIST_SEP = /[、]/u

/**
 * Offsets of the characters of `text` that match `boundary` (a one-character class), ascending. The
 * extractors ask for the clause and sentence around every figure; scanning back from each figure made
 * a 100,000-character line without a comma quadratic (`30%以上` repeated: 204 s), so each text's
 * boundaries are listed once and found by binary search. The last text is kept per pattern.
 */
const boundaryIndex = new Map<string, { text: string; offsets: Int32Array }>()

function boundaryOffsets(text: string, boundary: RegExp): Int32Array {
  const key = `${boundary.source}/${boundary.flags}`
  const cached = boundaryIndex.get(key)
  if (cached && cached.text === text) {
    // an equal text that is another string object compares in full: keep the one asked about, so
    // that the next calls compare by identity
    cached.text = text
    return cached.offsets
  }
  const found: number[] = []
  const test = new RegExp(boundary.source, boundary.flags.replace(/[gy]/g, ''))
  for (let i = 0; i < text.length; i++) if (test.test(text[i] as string)) found.push(i)
  const offsets = Int32Array.from(found)
  boundaryIndex.set(key, { text, offsets })
  return offsets
}

/** Index of the first offset >= `pos`. */
function lowerBound(offsets: Int32Array, pos: number): number {
  let lo = 0
  let hi = offsets.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((offsets[mid] as number) < pos) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Offset just after the last match of `boundary` before `pos` (or `floor`). */
export function boundaryBefore(text: string, pos: number, boundary: RegExp, floor = 0): number {
  const offsets = boundaryOffsets(text, boundary)
  const k = lowerBound(offsets, Math.min(pos, text.length)) - 1
  const at = k >= 0 ? (offsets[k] as number) : -1
  return at >= floor ? at + 1 : floor
}

/** Offset of the first match of `boundary` at or after `pos` (or `ceil`). */
export function boundaryAfter(text: string, pos: number, boundary: RegExp, ceil = text.length): number {
  const offsets = boundaryOffsets(text, boundary)
  const k = lowerBound(offsets, Math.max(pos, 0))
  const at = k < offsets.length ? (offsets[k] as number) : Number.POSITIVE_INFINITY
  return at < ceil ? at : ceil
}

/** Replace the contents of round brackets (explanations: 5G(第五代移动通信系统)) by nothing. */
export function dropParentheticals(s: string): string {
  let out = s
  for (let guard = 0; guard < 5; guard++) {
    const next = out.replace(/[(（][^()（）]*[)）]/gu, '')
    if (next === out) break
    out = next
  }
  return out
}

/** Remove quotes, book-title marks and spaces from a name: 企业“上云上平台”数 -> 企业上云上平台数. */
export function stripMarks(s: string): string {
  return s.replace(/[“”‘’"'《》「」『』〈〉\s]/gu, '')
}

/** Escape a string for use inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * `s` without the characters of `chars` at its end: what /[的和…]+$/u says, in one pass (that regular
 * expression retries from each character of a long run and is quadratic on it).
 */
export function trimEndChars(s: string, chars: string): string {
  let end = s.length
  while (end > 0 && chars.includes(s[end - 1] as string)) end--
  return s.slice(0, end)
}
