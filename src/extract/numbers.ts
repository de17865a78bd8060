/**
 * Numbers as Chinese plans print them: Arabic with separators and decimals (1,460 1.5), Chinese numerals
 * (三千 一万 十五 两 〇 二〇三五), financial numerals (壹仟), mixed forms (1.5万 150亿 3千万), percentages
 * (40% 百分之二十), fractions (五分之一 1/5).
 */

import { expectString } from '../arguments.js'
import { foldWidth } from './text'

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
}
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 }
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 }

/** Characters of a Chinese numeral. */
export const CN_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億'
/** Chinese digits only (no 十 百 千 万 亿). */
export const CN_DIGIT_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖'

/**
 * The value of a Chinese numeral without decimals: 三千 -> 3000, 十五 -> 15, 一百零五 -> 105, 两 -> 2,
 * 二〇三五 -> 2035 (digit by digit), 一千二百万 -> 12000000. Null when the characters do not form a
 * numeral (十四五, 十百千万).
 */
export function parseChineseInteger(s: string): number | null {
  if (s.length === 0) return null
  // 二〇三五, 一九九八: digits only, read one by one (a single digit is just that digit).
  if ([...s].every((c) => c in DIGITS)) {
    if (s.length === 1) return DIGITS[s] as number
    if (/[两]/u.test(s)) return null
    return Number([...s].map((c) => DIGITS[c]).join(''))
  }
  let total = 0
  let section = 0
  let digit: number | null = null
  let lastSmall = Number.POSITIVE_INFINITY
  let lastBig = Number.POSITIVE_INFINITY
  let zeroSeen = false
  for (const c of s) {
    if (c in DIGITS) {
      const d = DIGITS[c] as number
      if (d === 0) {
        if (digit !== null) return null
        zeroSeen = true
        continue
      }
      if (digit !== null) return null // two digits in a row: 十四五
      digit = d
      continue
    }
    if (c in SMALL_UNITS) {
      const u = SMALL_UNITS[c] as number
      if (u >= lastSmall && !zeroSeen) return null // 十百: units must fall
      if (u >= lastSmall && zeroSeen) return null
      section += (digit ?? 1) * u
      digit = null
      lastSmall = u
      zeroSeen = false
      continue
    }
    if (c in BIG_UNITS) {
      const u = BIG_UNITS[c] as number
      if (digit === null && section === 0 && total === 0) section = 1 // bare 万: ten thousand
      section += digit ?? 0
      digit = null
      if (u >= lastBig) {
        // 万亿: the big units multiply
        total = (total + section) * u
      } else {
        total += section * u
      }
      section = 0
      lastSmall = Number.POSITIVE_INFINITY
      lastBig = u
      zeroSeen = false
      continue
    }
    return null
  }
  if (digit !== null) {
    // 一万五 is 15000 in speech, but plans print 一万五千; a trailing digit after a unit with no zero
    // (十五, 二十三) is simply added.
    section += digit
  }
  return total + section
}

/** Arabic number, with thousands separators and decimals: 1,460 -> 1460. */
const ARABIC = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$/u

function parseArabic(s: string): number | null {
  if (!ARABIC.test(s)) return null
  return Number(s.replace(/,/g, ''))
}

/** Product of Chinese magnitudes written after an Arabic number: 万 -> 1e4, 千万 -> 1e7, 万亿 -> 1e12. */
export function magnitudeValue(s: string): number | null {
  if (s.length === 0) return 1
  let value = 1
  for (const c of s) {
    const u = SMALL_UNITS[c] ?? BIG_UNITS[c]
    if (u === undefined) return null
    value *= u
  }
  return value
}

/**
 * The number a written figure denotes, or null when it is none.
 *
 * - Arabic: 1,460 -> 1460; 1.5 -> 1.5; mixed with magnitudes: 1.5万 -> 15000, 150亿 -> 15000000000.
 * - Chinese: 三千 -> 3000, 一万 -> 10000, 十五 -> 15, 两 -> 2, 〇 -> 0, 二〇三五 -> 2035.
 * - Percentages and fractions give the ratio itself: 40% -> 0.4, 百分之二十 -> 0.2, 五分之一 -> 0.2,
 *   1/5 -> 0.2, 3‰ -> 0.003. (Targets keep the printed percent: see `extractTargets`.)
 * - Ranges, words and anything else: null (3-5, 数十, 几).
 */
export function parseChineseNumber(s: string): number | null {
  expectString(s, 'parseChineseNumber', 'the numeral')
  const t = foldWidth(s).trim().replace(/\s+/g, '')
  if (t.length === 0) return null
  let m = /^(.+?)(%|‰)$/u.exec(t)
  if (m) {
    const v = parseChineseNumber(m[1] as string)
    return v === null ? null : m[2] === '%' ? v / 100 : v / 1000
  }
  m = /^(.+?)分之(.+)$/u.exec(t)
  if (m) {
    const denominator = parseChineseNumber(m[1] as string)
    const numerator = parseChineseNumber(m[2] as string)
    if (denominator === null || numerator === null || denominator === 0) return null
    return numerator / denominator
  }
  m = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/u.exec(t)
  if (m) {
    const d = Number(m[2])
    return d === 0 ? null : Number(m[1]) / d
  }
  m = /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([十百千万亿]*)$/u.exec(t)
  if (m) {
    const base = parseArabic(m[1] as string)
    const magnitude = magnitudeValue(m[2] as string)
    if (base === null || magnitude === null) return null
    return round(base * magnitude)
  }
  return parseChineseInteger(t)
}

/** Round away binary noise: 1.5 * 1e4 stays 15000, 0.1 * 3 stays 0.3. */
export function round(x: number): number {
  return Number.parseFloat(x.toPrecision(12))
}
