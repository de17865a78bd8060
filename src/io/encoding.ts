/**
 * Which encoding a file is in. The order of the tests is the order of the evidence's strength:
 *
 * 1. a byte order mark (UTF-8, UTF-16 LE/BE, GB18030);
 * 2. valid UTF-8 with non-ASCII bytes: Chinese text that is valid UTF-8 is always UTF-8 (a GBK text of
 *    any length practically never is, and a page saved as UTF-8 often keeps its old `charset=gb2312`);
 *    only a few bytes whose UTF-8 reading is Latin junk (目录 in GBK reads Ŀ¼) go on to step 6;
 * 3. UTF-16 without a BOM (some byte is NUL or above 0x7F: pure ASCII is ASCII): its decoding is clean
 *    Chinese or ASCII, which no 8-bit reading of it is;
 * 4. binary data (NUL bytes, control characters) is refused;
 * 5. a charset declared by the page (`<meta charset>`, http-equiv content-type, `<?xml encoding?>`);
 * 6. otherwise each candidate (chardet's guesses, plus GB18030 and Big5 always) decodes a sample, and
 *    the reading that looks most like text wins: see `scoreText` and `rankEncodings`.
 *
 * On random slices of the seeds this reads GBK, Big5 (the seeds in traditional characters) and UTF-16
 * without BOM right every time from 6 characters on; 2-4 character texts are sometimes truly ambiguous.
 */
import { analyse } from 'chardet'
import iconv from 'iconv-lite'

/** A decoding of the bytes and how text-like it is. */
export interface Reading {
  /** Canonical encoding name: utf-8, gb18030, big5, utf-16le … */
  encoding: string
  /** Plausibility in [-2, 1]: 1 when every character is ASCII, frequent Chinese or punctuation. */
  score: number
  /** Share of CJK ideographs among the characters that are neither ASCII nor white space. */
  ideographShare: number
  /** chardet's confidence (0-100) in this encoding, 0 when chardet did not propose it. */
  confidence: number
}

/** Encodings that name the same decoder; GB2312 and GBK are subsets of GB18030. */
const aliases: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'gb_2312-80': 'gb18030',
  csgb2312: 'gb18030',
  'x-euc-cn': 'gb18030',
  gb18030: 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5hkscs',
  'x-x-big5': 'big5',
  cp950: 'big5',
  unicode: 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  utf16be: 'utf-16be',
  'utf-16be': 'utf-16be',
  sjis: 'shift_jis',
  'shift-jis': 'shift_jis',
  'x-sjis': 'shift_jis',
  // WHATWG: a page that says latin1 means windows-1252
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'utf-8',
}

/** Canonical lower-case name of an encoding label, or null when iconv-lite cannot decode it. */
export function canonicalEncoding(label: string): string | null {
  const key = label.trim().toLowerCase()
  const name = aliases[key] ?? key
  return iconv.encodingExists(name) ? name : null
}

/** Decodes with iconv-lite and drops a leading byte order mark. */
export function decodeAs(bytes: Uint8Array, encoding: string): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding)
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

/** Encoding announced by a byte order mark, or null. */
export function encodingFromBom(bytes: Uint8Array): string | null {
  const [a, b, c, d] = bytes
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8'
  if (a === 0xff && b === 0xfe) return 'utf-16le'
  if (a === 0xfe && b === 0xff) return 'utf-16be'
  if (a === 0x84 && b === 0x31 && c === 0x95 && d === 0x33) return 'gb18030'
  return null
}

/** Whether the bytes are well-formed UTF-8, and whether any of them is not ASCII. */
export function checkUtf8(bytes: Uint8Array): { valid: boolean; ascii: boolean } {
  let ascii = true
  for (const byte of bytes) {
    if (byte >= 0x80) {
      ascii = false
      break
    }
  }
  if (ascii) return { valid: true, ascii }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return { valid: true, ascii }
  } catch {
    return { valid: false, ascii }
  }
}

/** What a UTF-8 reading of some bytes would need: sequences that decode, and bytes that do not. */
export interface Utf8Evidence {
  /** Well-formed sequences of two to four bytes (Chinese characters, mostly). */
  multibyte: number
  /** Ill-formed sequences (each becomes one U+FFFD). */
  invalid: number
  /** The only ill-formed sequence is a character cut at the very end (E5 without its two trail bytes). */
  cutAtEnd: boolean
}

/** Counts well-formed and ill-formed UTF-8 sequences, in one pass and without decoding. */
export function utf8Evidence(bytes: Uint8Array, from = 0, to = bytes.length): Utf8Evidence {
  let multibyte = 0
  let invalid = 0
  let lastInvalid = -1
  let i = from
  while (i < to) {
    const b = bytes[i] as number
    if (b < 0x80) {
      i++
      continue
    }
    // length and the range of the second byte (RFC 3629: no overlongs, no surrogates, <= U+10FFFF)
    let length = 0
    let low = 0x80
    let high = 0xbf
    if (b >= 0xc2 && b <= 0xdf) length = 2
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3
      if (b === 0xe0) low = 0xa0
      if (b === 0xed) high = 0x9f
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4
      if (b === 0xf0) low = 0x90
      if (b === 0xf4) high = 0x8f
    }
    let k = 1
    if (length > 0) {
      for (; k < length && i + k < to; k++) {
        const c = bytes[i + k] as number
        if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) break
      }
    }
    if (length > 0 && k === length) {
      multibyte++
      i += length
    } else {
      invalid++
      lastInvalid = i
      i += Math.max(k, 1)
    }
  }
  const cutAtEnd =
    invalid === 1 && lastInvalid >= 0 && to - lastInvalid < 4 && isCutSequence(bytes, lastInvalid, to)
  return { multibyte, invalid, cutAtEnd }
}

/** True when the bytes from `at` to `to` are the start of a UTF-8 sequence that the end cut short. */
function isCutSequence(bytes: Uint8Array, at: number, to: number): boolean {
  const b = bytes[at] as number
  const length = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0
  if (length === 0 || to - at >= length) return false
  for (let k = at + 1; k < to; k++)
    if ((bytes[k] as number) < 0x80 || (bytes[k] as number) > 0xbf) return false
  return true
}

let frequentHanzi: Set<number> | null = null

/**
 * The ~6,000 most used Chinese characters, read off the two national standards, which both order their
 * characters by frequency: GB2312 level 1 (3,755 characters, bytes B0A1-D7F9) and Big5 常用字 (5,401,
 * bytes A440-C67E). A text in the wrong encoding decodes to rare characters; a right one mostly to these.
 */
function frequentIdeographs(): Set<number> {
  if (frequentHanzi) return frequentHanzi
  const set = new Set<number>()
  const collect = (encoding: string, leads: [number, number], trails: [number, number][]) => {
    const bytes: number[] = []
    for (let lead = leads[0]; lead <= leads[1]; lead++) {
      for (const [from, to] of trails) for (let trail = from; trail <= to; trail++) bytes.push(lead, trail)
    }
    for (const char of iconv.decode(Buffer.from(bytes), encoding)) {
      const code = char.codePointAt(0) as number
      if (isIdeograph(code)) set.add(code)
    }
  }
  collect('gb18030', [0xb0, 0xd7], [[0xa1, 0xfe]])
  collect(
    'big5',
    [0xa4, 0xc6],
    [
      [0x40, 0x7e],
      [0xa1, 0xfe],
    ],
  )
  frequentHanzi = set
  return set
}

function isIdeograph(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x3ffff)
  )
}

/** Punctuation and symbols of Chinese text: 、。「」《》 (CJK), ，：（） (full width), “”—…, ①, ≥, ■. */
function isCjkPunctuation(code: number): boolean {
  return (
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xff01 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x2010 && code <= 0x205e) ||
    (code >= 0x2160 && code <= 0x217f) ||
    (code >= 0x2190 && code <= 0x22ff) ||
    (code >= 0x2460 && code <= 0x24ff) ||
    (code >= 0x25a0 && code <= 0x25ff) ||
    code === 0xb7 ||
    code === 0xd7 ||
    code === 0xf7 ||
    code === 0xb0
  )
}

/** The script whose letters a legacy encoding is made for: kana are text in Shift_JIS, not in GBK. */
function scriptOf(encoding: string): 'ja' | 'ko' | 'latin' | 'other' {
  if (/^(shift_jis|euc-jp|cp932)$/.test(encoding)) return 'ja'
  if (/^(euc-kr|cp949|windows-949)$/.test(encoding)) return 'ko'
  if (/^(utf-8|windows-125\d|iso-8859-\d+|koi8-[ru]|macintosh)$/.test(encoding)) return 'latin'
  return 'other'
}

/**
 * How much a decoded text looks like text, in [-2, 1]: the mean over its characters of
 *  1   ASCII printable or white space, a frequent Chinese character, Chinese punctuation, and the
 *      letters of the encoding's own script (kana for Shift_JIS, hangul for EUC-KR, accented Latin
 *      letters count 0.5 for 8-bit encodings);
 *  0.3 a rare ideograph (what a wrong CJK decoding mostly yields);
 *  0   anything else (Greek, Cyrillic, box drawing: what Big5 bytes yield when read as GBK);
 * -2   U+FFFD, control characters, private use, lone surrogates: signs of a wrong decoding.
 */
export function scoreText(text: string, encoding = 'other'): { score: number; ideographShare: number } {
  const frequent = frequentIdeographs()
  const script = scriptOf(encoding)
  let sum = 0
  let count = 0
  let ideographs = 0
  let nonAscii = 0
  for (const char of text) {
    const code = char.codePointAt(0) as number
    count++
    if (code === 9 || code === 10 || code === 12 || code === 13 || (code >= 0x20 && code <= 0x7e)) {
      sum += 1
      continue
    }
    if (code !== 0xa0 && code !== 0x3000) nonAscii++
    if (isIdeograph(code)) {
      ideographs++
      sum += frequent.has(code) ? 1 : 0.3
    } else if (
      code < 0x20 ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0xfffd ||
      (code >= 0xd800 && code <= 0xdfff) ||
      (code >= 0xe000 && code <= 0xf8ff) ||
      code >= 0xf0000
    ) {
      sum -= 2
    } else if (isCjkPunctuation(code) || code === 0xa0) {
      sum += 1
    } else if (code >= 0x3040 && code <= 0x30ff) {
      sum += script === 'ja' ? 1 : 0
    } else if ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff)) {
      sum += script === 'ko' ? 1 : 0
    } else if (code >= 0xc0 && code <= 0x24f) {
      sum += script === 'latin' ? 0.5 : 0
    }
  }
  return { score: count === 0 ? 0 : sum / count, ideographShare: nonAscii === 0 ? 0 : ideographs / nonAscii }
}

/** Bytes decoded for scoring: enough for chardet and for the frequencies to speak. */
const sampleSize = 64 * 1024

/** Reads a sample of the bytes as `encoding` and scores it. */
export function readingOf(bytes: Uint8Array, encoding: string, confidence = 0): Reading {
  const size = Math.min(bytes.length, sampleSize)
  const sample = bytes.subarray(0, encoding.startsWith('utf-16') ? size - (size % 2) : size)
  return { encoding, confidence, ...scoreText(decodeAs(sample, encoding), encoding) }
}

/** A UTF-16 text without BOM decodes clean (nearly every character ASCII or frequent Chinese). */
export function detectUtf16(bytes: Uint8Array): Reading | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null
  const readings = ['utf-16le', 'utf-16be'].map((encoding) => readingOf(bytes, encoding))
  const best = readings.sort((a, b) => b.score - a.score)[0]
  return best && best.score >= 0.9 ? best : null
}

/** How close to the best score a GB18030 reading must be to be preferred for a mostly-Chinese text. */
const gb18030Margin = 0.05
/** Above this share of ideographs, a GB18030 reading is "mostly Chinese". */
const mostlyIdeographs = 0.5

/**
 * Chooses an encoding for bytes that are not UTF-8 by decoding a sample with every candidate. chardet
 * proposes candidates, but on short Chinese texts it guesses windows-1252, Shift_JIS or EUC-KR with
 * the same low confidence as GB18030, so it only breaks exact ties. GB18030 wins when its reading is
 * mostly ideographs and scores within `gb18030Margin` of the best: GBK bytes read as EUC-KR give clean
 * hangul and read as Big5 give clean (rare) characters, while real Big5 read as GBK gives kana and Greek.
 */
export function rankEncodings(bytes: Uint8Array): Reading[] {
  const sample = bytes.subarray(0, Math.min(bytes.length, sampleSize))
  const confidence = new Map<string, number>()
  for (const match of analyse(sample)) {
    const name = canonicalEncoding(match.name)
    if (name && name !== 'utf-8' && !confidence.has(name)) confidence.set(name, match.confidence)
  }
  const candidates = new Set([...confidence.keys(), 'gb18030', 'big5'])
  if (bytes.length % 2 === 0) for (const name of ['utf-16le', 'utf-16be']) candidates.add(name)
  const preference = ['gb18030', 'big5', 'utf-16le', 'utf-16be']
  const rank = (name: string) => {
    const i = preference.indexOf(name)
    return i < 0 ? preference.length : i
  }
  const readings = [...candidates]
    .map((name) => readingOf(bytes, name, confidence.get(name) ?? 0))
    .sort((a, b) => b.score - a.score || b.confidence - a.confidence || rank(a.encoding) - rank(b.encoding))
  const best = readings[0]
  const gb = readings.find((r) => r.encoding === 'gb18030')
  if (
    best &&
    gb &&
    gb !== best &&
    gb.ideographShare >= mostlyIdeographs &&
    gb.score >= best.score - gb18030Margin
  ) {
    return [gb, ...readings.filter((r) => r !== gb)]
  }
  return readings
}
