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
      let end = text.indexOf(close, start + 1)
      const lineEnd = text.indexOf('\n', start + 1)
      if (end < 0 || (lineEnd >= 0 && lineEnd < end)) end = lineEnd < 0 ? text.length : lineEnd
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

/** Offset just after the last match of `boundary` before `pos` (or `floor`). */
export function boundaryBefore(text: string, pos: number, boundary: RegExp, floor = 0): number {
  for (let i = pos - 1; i >= floor; i--) if (boundary.test(text[i] as string)) return i + 1
  return floor
}

/** Offset of the first match of `boundary` at or after `pos` (or `ceil`). */
export function boundaryAfter(text: string, pos: number, boundary: RegExp, ceil = text.length): number {
  for (let i = pos; i < ceil; i++) if (boundary.test(text[i] as string)) return i
  return ceil
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
