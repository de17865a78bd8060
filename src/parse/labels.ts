/**
 * Numbering labels: 第一章 第一节 一、 (一) 1、 1. (1) ① 重点工程1: 表1. The text given is normalized
 * (full-width brackets and digits are already half-width), so （一） arrives as (一).
 */
import type { LabelStyle } from '../model/index.js'

export interface LabelMatch {
  style: LabelStyle
  /** Number of the label: 十二 -> 12. */
  number: number
  /** The label as printed (normalized), without trailing spaces: `(十二)`, `3.`, `重点工程1:`. */
  label: string
  /** Characters consumed, trailing spaces and separators included. */
  length: number
}

/** The value of each Chinese digit (〇 and ○ are zero), for numerals written digit by digit too. */
export const CHINESE_DIGITS: Record<string, number> = {
  '○': 0,
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}

/** Reads a label numeral, Chinese (一 十二 二十八 一百零五) or Arabic; null when it is not one. */
export function labelNumber(numeral: string): number | null {
  if (/^\d+$/.test(numeral)) return Number(numeral)
  let total = 0
  let current = 0
  for (const c of numeral) {
    if (c in CHINESE_DIGITS) current = CHINESE_DIGITS[c] as number
    else if (c === '十') {
      total += (current || 1) * 10
      current = 0
    } else if (c === '百') {
      total += (current || 1) * 100
      current = 0
    } else return null
  }
  const value = total + current
  return value > 0 ? value : null
}

const CN = '[一二三四五六七八九十百零〇两]'
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'

interface LabelPattern {
  style: LabelStyle
  /** Sticky pattern; group 1 is the numeral. */
  pattern: RegExp
  /** The text right after the label must not start like this (e.g. 1.5亿 is a number, not a label). */
  notFollowedBy?: RegExp
}

/** In the order they are tried: longer, more specific forms first. */
const PATTERNS: LabelPattern[] = [
  { style: 'part', pattern: new RegExp(`第(${CN}{1,4}|\\d{1,3})(?:部分|篇)[ \\t]*`, 'y') },
  { style: 'chapter', pattern: new RegExp(`第(${CN}{1,4}|\\d{1,3})章[ \\t]*`, 'y') },
  { style: 'section', pattern: new RegExp(`第(${CN}{1,4}|\\d{1,3})节[ \\t]*`, 'y') },
  { style: 'article', pattern: new RegExp(`第(${CN}{1,4}|\\d{1,3})条[ \\t]*`, 'y') },
  {
    // 重点工程1: 专栏2 重大项目三、 — boxes of key projects in long plans
    style: 'key-project',
    pattern: new RegExp(
      `(?:重点工程|重大工程|重点项目|重大项目|专栏)[ \\t]*(\\d{1,3}|${CN}{1,3})[ \\t]*[:：、.]?[ \\t]*`,
      'y',
    ),
    notFollowedBy: /^[，,。；;）)]/,
  },
  // 附件 / 附件2 / 附件：名词解释 / 附表1 — annexes after the body (taken at the start of a line only)
  {
    style: 'annex',
    pattern: new RegExp(`(?:附件|附表)[ \\t]*(\\d{1,2}|${CN}{1,2})?[ \\t]*[:：]?[ \\t]*`, 'y'),
    notFollowedBy: /^[，,。；;、）)的和]/,
  },
  { style: 'table', pattern: /表[ \t]*(\d{1,3})(?![\d.])[ \t]*/y, notFollowedBy: /^[，,。；;、）)]/ },
  // 1.2.3 and 1.2 (decimal numbering; group 1 is the last number), followed by a heading, never by a
  // unit (1.5万家 is a figure)
  {
    style: 'decimal-3',
    pattern: /\d{1,2}\.\d{1,2}\.(\d{1,2})(?![\d.])[ \t]*/y,
    notFollowedBy: /^[^\u4e00-\u9fff“《]|^[万亿千百个家项条元倍余多台套座件次户人]/,
  },
  {
    style: 'decimal-2',
    pattern: /\d{1,2}\.(\d{1,2})(?![\d.])[ \t]*/y,
    notFollowedBy: /^[^\u4e00-\u9fff“《]|^[万亿千百个家项条元倍余多台套座件次户人]/,
  },
  { style: 'cn-paren', pattern: new RegExp(`\\((${CN}{1,3})\\)[ \\t]*`, 'y') },
  { style: 'num-paren', pattern: /\((\d{1,3})\)[ \t]*/y },
  // 1) with only a closing bracket, the same level as (1)
  { style: 'num-paren', pattern: /(\d{1,2})\)[ \t]*/y },
  // 一、2024年工作回顾 and 一、5G网络 are headings; 一.5 is not a label
  { style: 'cn-dun', pattern: new RegExp(`(${CN}{1,3})、[ \\t]*`, 'y') },
  { style: 'cn-dun', pattern: new RegExp(`(${CN}{1,3})\\.[ \\t]*`, 'y'), notFollowedBy: /^[\d]/ },
  { style: 'num-dun', pattern: /(\d{1,3})、[ \t]*/y },
  // 1. but not 1.5亿 or 3.0
  { style: 'num-dot', pattern: /(\d{1,3})\.(?!\d)[ \t]*/y },
  { style: 'circled', pattern: new RegExp(`([${CIRCLED}])[ \\t]*`, 'y') },
]

/** Text that cannot start an item: punctuation right after the label means it was not a label. */
const NOT_CONTENT = /^[，,。；;：:、）)\]】〕”’%％]/

/** The label starting exactly at `at`, or null. */
export function matchLabel(text: string, at: number): LabelMatch | null {
  for (const { style, pattern, notFollowedBy } of PATTERNS) {
    pattern.lastIndex = at
    const m = pattern.exec(text)
    if (!m) continue
    const numeral = m[1] as string | undefined
    // an annex may print no number (附件): it counts as the first
    const number =
      numeral === undefined
        ? style === 'annex'
          ? 1
          : null
        : style === 'circled'
          ? CIRCLED.indexOf(numeral) + 1
          : labelNumber(numeral)
    if (number === null || number <= 0) continue
    const rest = text.slice(at + m[0].length, at + m[0].length + 4)
    if (rest === '' || rest.startsWith('\n')) {
      // A label alone on its line is fine for headings (第三章) but not for 1. or 表1.
      if (
        style !== 'part' &&
        style !== 'annex' &&
        style !== 'chapter' &&
        style !== 'section' &&
        style !== 'cn-dun' &&
        style !== 'cn-paren'
      )
        continue
    } else if (NOT_CONTENT.test(rest) || notFollowedBy?.test(rest)) continue
    return { style, number, label: m[0].trimEnd(), length: m[0].length }
  }
  return null
}

/** Formats a label for an id path: 四、 -> 4, (一) -> (一), 9. -> 9, 第三章 -> 3, 重点工程1 -> 重点工程1. */
export function pathComponent(style: LabelStyle, number: number): string {
  switch (style) {
    case 'cn-paren':
      return `(${toChineseNumeral(number)})`
    case 'num-paren':
      return `(${number})`
    case 'circled':
      return CIRCLED[number - 1] ?? `(${number})`
    case 'key-project':
      return `重点工程${number}`
    case 'table':
      return `表${number}`
    case 'article':
      return `第${number}条`
    case 'part':
      return `第${number}部分`
    case 'heading':
      return `h${number}`
    case 'annex':
      return `附件${number}`
    default:
      return String(number)
  }
}

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 12 -> 十二, 28 -> 二十八, 105 -> 一百零五. */
export function toChineseNumeral(n: number): string {
  if (n <= 0) return String(n)
  if (n < 10) return NUMERALS[n] as string
  if (n < 20) return `十${NUMERALS[n - 10]}`
  if (n < 100) return `${NUMERALS[Math.floor(n / 10)]}十${NUMERALS[n % 10]}`
  if (n < 1000) {
    const rest = n % 100
    const head = `${NUMERALS[Math.floor(n / 100)]}百`
    if (rest === 0) return head
    return rest < 10
      ? `${head}零${NUMERALS[rest]}`
      : `${head}${toChineseNumeral(rest).replace(/^十/, '一十')}`
  }
  return String(n)
}
