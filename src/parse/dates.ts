/**
 * Dates written in Chinese numerals, as signatures and meeting lines often print them:
 * ——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上, 二〇二四年三月 under an issuer.
 *
 * The metadata rules read Arabic dates (2026年1月27日); `arabicDates` rewrites the Chinese ones so that
 * every rule reads both. Only full dates (a year with its month) are rewritten: a bare year in numerals
 * is a target (到二〇三五年), never the date of the document.
 */

import { CHINESE_DIGITS, labelNumber } from './labels.js'

/** 二〇二六 -> 2026: a year is written digit by digit. Null when a character is not a digit. */
export function chineseYear(digits: string): number | null {
  let year = 0
  for (const c of digits) {
    const value = c === '两' ? undefined : CHINESE_DIGITS[c]
    if (value === undefined) return null
    year = year * 10 + value
  }
  return digits.length === 4 ? year : null
}

/** 一 -> 1, 十 -> 10, 十二 -> 12, 二十七 -> 27, 三十一 -> 31: a month or a day, 1 to 39. */
export function chineseSmallNumber(text: string): number | null {
  // the shape of a month or day first: labelNumber alone also reads 一百零五
  return /^(?:[一二三]?十)?[一二三四五六七八九]?$/.test(text) ? labelNumber(text) : null
}

const yearDigits = '[〇○零一二三四五六七八九]'
// never empty: an empty month between two \s* would let them share the spaces (polynomial backtracking)
const smallNumber = '(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])'
const chineseDate = new RegExp(
  `([一二]${yearDigits}{3})\\s*年\\s*(${smallNumber})\\s*月(?:\\s*(${smallNumber})\\s*日)?`,
  'g',
)

/**
 * 二〇二四年三月五日 -> 2024年3月5日, 二〇二四年三月 -> 2024年3月; other text unchanged. A month above 12
 * or a day above 31 is not a date and is left as printed.
 */
export function arabicDates(text: string): string {
  return text.replace(chineseDate, (whole, y: string, m: string, d: string | undefined) => {
    const year = chineseYear(y)
    const month = chineseSmallNumber(m)
    const day = d === undefined ? null : chineseSmallNumber(d)
    if (year === null || month === null || month > 12) return whole
    if (d !== undefined && (day === null || day > 31)) return whole
    return `${year}年${month}月${day === null ? '' : `${day}日`}`
  })
}
