/**
 * When a figure is due, and whether it is history: read from the time words of its sentence.
 *
 * - 到2025年, 2025年底, 2019年 before the figure: the target year.
 * - 年内, 今年, 年度: the plan's year. 明年: the year after.
 * - 截至2022年2月, 目前, 已建成, 5年来, 近年来, “十三五”期间, 2020年 in a plan of 2022: history (a
 *   baseline, dated by its year, or by the plan's year when none is printed).
 * - Nothing printed: the plan's period end (十四五 plan -> 2025), else its year.
 * A sentence with no time word of its own continues the history of the sentence before it, unless it
 * says what is planned (力争, 推进, 建设 …): 2020年,…达到423.19亿元。数字经济增加值增长率为18.6% is 2020.
 */
import type { TargetContext } from './targets'
import { boundaryBefore, rangeMask, SENTENCE_END } from './text'

export interface TimeReading {
  /** The figure is history, not a target. */
  past: boolean
  /** Year printed or implied, null when unknown. */
  year: number | null
}

interface Marker {
  start: number
  end: number
  past: boolean
  year: number | null
  /** The marker gives no year of its own (目前, 已): the year falls back to the plan's. */
  relative: boolean
}

/** 十一五 … 十五五: five-year-plan periods. */
const FIVE_YEAR: Record<string, [number, number]> = {
  十一五: [2006, 2010],
  十二五: [2011, 2015],
  十三五: [2016, 2020],
  十四五: [2021, 2025],
  十五五: [2026, 2030],
  十六五: [2031, 2035],
}

const CN_YEAR_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
}

/** Words that say a sentence is about what is planned, which stops history carrying over. */
const PLAN_WORDS =
  /力争|争取|确保|计划|预计|将|到20\d\d|加快|推进|推动|实施|开展|打造|新建|新增|培育|引进|建设|完善|提升|进一步|持续|深化|目标|要|加强|围绕|实现/u

/** Markers of time in `text`, outside quotes and book titles. */
function markers(text: string, quoted: Array<[number, number]>, context: TargetContext): Marker[] {
  const out: Marker[] = []
  const now = context.year ?? context.period?.from ?? null
  const isPast = (y: number) => now !== null && y < now
  // Flags per offset instead of scans of every quote and marker for each marker (quadratic on a long
  // line of years): offsets inside quotes, and offsets covered by a marker kept so far.
  const inQuote = rangeMask(text.length, quoted)
  const covered = new Uint8Array(text.length + 1)
  const coveredIn = (flags: Uint8Array, start: number, end: number) => {
    for (let i = start; i < end; i++) if (flags[i]) return true
    return false
  }
  const push = (m: Marker) => {
    // inside a quote or a book title: a marker starting in one (its start is after the opener, or is it)
    if (inQuote[m.start]) return
    // 比2020年下降13.5%, 较上年增长: the year a change is measured from, not the figure's time.
    if (/(比|较|与|相比|同比|对比)$/u.test(text.slice(Math.max(0, m.start - 2), m.start))) return
    out.push(m)
    covered.fill(1, m.start, m.end)
  }
  // 2019-2021年度, 2021—2025年: a span of years, dated by its end.
  const spans = /((?:19|20)\d{2})\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年/gu
  for (const m of text.matchAll(spans)) {
    const end = Number(m[2])
    push({
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      past: isPast(end),
      year: end,
      relative: false,
    })
  }
  // 到2025年底, 截至2022年2月, 2019年: one year; 截至/截止 make it history.
  const years = /(截至|截止到?|到|至)?((?:19|20)\d{2})\s*年(?!度?[-—–~至到]\d)/gu
  for (const m of text.matchAll(years)) {
    const start = m.index ?? 0
    if (covered[start]) continue
    const y = Number(m[2])
    const since = /^(以来|来)/u.test(text.slice(start + m[0].length))
    push({
      start,
      end: start + m[0].length,
      past: /^截/u.test(m[1] ?? '') || since || isPast(y),
      year: y,
      relative: false,
    })
  }
  // 二〇二五年
  for (const m of text.matchAll(/([〇零一二三四五六七八九]{4})年/gu)) {
    const y = Number([...(m[1] as string)].map((c) => CN_YEAR_DIGITS[c]).join(''))
    if (y >= 1900 && y <= 2100) {
      push({
        start: m.index ?? 0,
        end: (m.index ?? 0) + m[0].length,
        past: isPast(y),
        year: y,
        relative: false,
      })
    }
  }
  // 2020我区…: a bare year opening a clause.
  for (const m of text.matchAll(/(?:^|[,，;；。\n])\s*((?:19|20)\d{2})(?=[我全本该各市区县省])/gu)) {
    const y = Number(m[1])
    const start = (m.index ?? 0) + m[0].length - 4
    push({ start, end: start + 4, past: isPast(y), year: y, relative: false })
  }
  // “十三五”期间
  for (const m of text.matchAll(/(十[一二三四五六]五)/gu)) {
    const period = FIVE_YEAR[m[1] as string]
    if (!period) continue
    const start = m.index ?? 0
    // Not filtered by quotes: “十三五”期间 is how the period is always printed.
    out.push({ start, end: start + 3, past: isPast(period[1]), year: period[1], relative: false })
    covered.fill(1, start, start + 3)
  }
  // 年内, 今年, 明年, 目前, 已建成, 5年来 …
  const words: Array<[RegExp, (m: RegExpMatchArray) => Marker]> = [
    [/年内|今年|本年|全年|年度/gu, (m) => rel(m, false, context.year)],
    [/明年/gu, (m) => rel(m, false, context.year === null ? null : context.year + 1)],
    [/去年|上年/gu, (m) => rel(m, true, context.year === null ? null : context.year - 1)],
    [
      /截至目前|截至|截止|目前|当前|基期|近年来|多年来|(?:\d{1,4}|[一二三四五六七八九十]{1,4})年来|以来/gu,
      (m) => rel(m, true, null),
    ],
    [/已(?:经)?(?=[\u4e00-\u9fa5])/gu, (m) => rel(m, true, null)],
  ]
  const dated = covered.slice()
  for (const [re, make] of words) {
    for (const m of text.matchAll(re)) {
      const marker = make(m)
      // 年度 in 2019-2021年度, 截至 in 截至2022年: the dated marker already says it.
      if (coveredIn(dated, marker.start, marker.end)) continue
      push(marker)
    }
  }
  return out.sort((a, b) => a.start - b.start)
}

function rel(m: RegExpMatchArray, past: boolean, year: number | null): Marker {
  const start = m.index ?? 0
  return { start, end: start + m[0].length, past, year, relative: year === null }
}

/** A reader of time for all figures of one text (markers are found once). */
export function timeReader(text: string, quoted: Array<[number, number]>, context: TargetContext) {
  const all = markers(text, quoted, context)
  const fallback = context.period?.to ?? context.year ?? null
  const nowYear = context.year ?? context.period?.from ?? null

  // Indexed so that each figure costs a binary search, not a scan of every marker and sentence before
  // it (a long line of figures was quadratic): marker starts, and for each marker the last one at or
  // before it that is not a relative word of history (目前, 已).
  const starts = Int32Array.from(all, (m) => m.start)
  const lastSolid = new Int32Array(all.length)
  all.forEach((m, i) => {
    lastSolid[i] = m.past && m.relative ? (i > 0 ? (lastSolid[i - 1] as number) : -1) : i
  })
  const LINE_END = /\n/u

  /**
   * The reading of the last marker before `pos` in its sentence, or null. Read forwards, the nearest
   * marker wins, but a year keeps the history of a word before it (目前…已, 截至2022年): a relative
   * word of history after a marker that is already history is passed over.
   */
  function inSentence(sentenceStart: number, pos: number): Marker | null {
    const first = lowerBound(starts, sentenceStart)
    const end = lowerBound(starts, pos)
    if (first >= end) return null
    const j = lastSolid[end - 1] as number
    if (j < first) return all[first] as Marker
    const solid = all[j] as Marker
    return solid.past || j === end - 1 ? solid : (all[j + 1] as Marker)
  }

  /**
   * History carried over to the sentence starting at `start` from the sentences before it, within the
   * paragraph; a sentence that says what is planned stops it. Computed once per sentence.
   */
  const carried = new Map<number, TimeReading>()
  function carryOver(start: number, lineStart: number): TimeReading {
    const visited: number[] = []
    let sentenceStart = start
    let result: TimeReading = { past: false, year: fallback }
    for (;;) {
      const known = carried.get(sentenceStart)
      if (known) {
        result = known
        break
      }
      visited.push(sentenceStart)
      const prevStart = boundaryBefore(text, sentenceStart - 1, SENTENCE_END, lineStart)
      const marker = inSentence(prevStart, sentenceStart - 1)
      if (marker) {
        result = marker.past ? finish(marker) : { past: false, year: fallback }
        break
      }
      if (prevStart <= lineStart || PLAN_WORDS.test(text.slice(prevStart, sentenceStart - 1))) break
      sentenceStart = prevStart
    }
    for (const s of visited) carried.set(s, result)
    return result
  }

  return function readTime(pos: number): TimeReading {
    const lineStart = boundaryBefore(text, pos, LINE_END)
    const sentenceStart = boundaryBefore(text, pos, SENTENCE_END)
    const marker = inSentence(sentenceStart, pos)
    if (marker) return finish(marker)
    // No time word: history carries over from the sentences before, within the paragraph.
    if (sentenceStart <= lineStart || PLAN_WORDS.test(text.slice(sentenceStart, pos))) {
      return { past: false, year: fallback }
    }
    return carryOver(sentenceStart, lineStart)
  }

  function finish(m: Marker): TimeReading {
    if (m.past) return { past: true, year: m.year ?? nowYear }
    return { past: false, year: m.year ?? fallback }
  }
}

/** Index of the first offset >= `pos` in ascending offsets. */
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
