/**
 * When a figure is due or was reached, and whether it is a goal or a fact: read from the time words of
 * its sentence, the opening of its paragraph and the part of the document it is in.
 *
 * - Sentence: 到2025年, 2025年底, 2019年 date the figure; a year before the document's is a result
 *   (2020年,…达到423.19亿元 in a 2022 plan); 截至, 目前, 已 a state reached; 去年, 上年 the year before;
 *   年内, 今年 the plan's year, 明年 the year after; “十四五”期间 and 2021-2025年 a period, dated by its
 *   end; 预计 an estimate; 力争, 确保, 目标是 a target. A sentence with no time word continues the one
 *   before in its paragraph, unless it says what is planned.
 * - Paragraph: 过去一年, 一年来, 刚刚过去的2025年, 2025年是极不平凡的一年 open a review of that year;
 *   过去五年, 五年来, 这五年, “十四五”时期 one of the period; 今年, 主要预期目标 the goals of the year;
 *   “十五五”时期 those of the next plan. Such an opening holds for the paragraphs after it too, until
 *   another one or a heading (`readTimeScope` carries it from item to item).
 * - Part: a heading such as 一、2024年工作回顾 or 主要预期目标 (words in data/parts.json), or the part
 *   the parser found (`role`).
 * - Nothing: a target, due at the plan's period end (十四五 plan -> 2025), else in the plan's year.
 */
import { loadPartCues, type PartCues, type PartRole } from './data'
import { boundaryBefore, foldWidth, rangeMask, SENTENCE_END, stripMarks } from './text'

/** What the extractor knows of the plan a text comes from. */
export interface TimeContext {
  /** Year the plan was issued. */
  year: number | null
  /** Years the plan covers (十四五 plan: 2021-2025), or null. */
  period: { from: number; to: number } | null
  /**
   * The part of the document the text is in, when the parser knows it: `review` (the part that reviews
   * the past: its figures are results), `goals` or `tasks` (its figures are targets).
   */
  role?: PartRole | null
  /** Titles of the enclosing sections, outermost first: 2024年工作回顾 says the text reviews 2024. */
  sectionPath?: readonly string[]
  /** The time in force where the text starts, carried from the text before it (`readTimeScope`). */
  scope?: TimeScope | null
}

/** The time a part of a document speaks of: the results of a year or period, or the goals of one. */
export interface TimeScope {
  status: 'planned' | 'achieved'
  /** The year (the last year of a period); null: the plan's default (its period end, else its year). */
  year: number | null
  /** First year of a period (过去五年: the five years before the document), else null. */
  yearFrom: number | null
}

export interface TimeReading {
  status: 'planned' | 'achieved' | 'estimate'
  /** Year printed or implied, null when unknown. */
  year: number | null
  /** First year of a period the figure covers, else null. */
  yearFrom: number | null
}

interface Marker {
  start: number
  end: number
  /** A result (a year gone by, 去年, 截至, 已), a target (到2025年, 今年), or the time of the part (全年). */
  status: 'achieved' | 'planned' | 'part'
  year: number | null
  yearFrom: number | null
  /** The marker gives no year of its own (目前, 已): the year falls back to the plan's. */
  relative: boolean
}

/** 十一五 … 十六五: five-year-plan periods. */
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
const CN_SMALL: Record<string, number> = {
  一: 1,
  两: 2,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
}

/** Words that say a sentence states what is planned, which stops a result carrying over to it. */
const PLAN_WORDS =
  /力争|争取|确保|计划|预计|将|到20\d\d|加快|推进|推动|实施|开展|打造|新建|新增|培育|引进|建设|完善|提升|进一步|持续|深化|目标|加强|围绕|实现/u
/** Words of the future only: in a review, task verbs (推进, 建设) describe what was done. */
const FUTURE_WORDS = /力争|争取|确保|计划|将|到20\d\d|目标是|目标为|预期目标/u
/** Words before a figure that make it an estimate: 预计全年增长5%, 全社会研发投入强度预计达3.2%. */
const ESTIMATE_WORDS = /预计|预估|预测/u
/**
 * Words that make a figure a target whatever the part says: 力争, 主要预期目标是. Not 争取: in a review,
 * 争取国家政策性资金超千亿元 is money obtained.
 */
const TARGET_WORDS = /力争|目标是|目标为|预期目标/u

/** The year the document speaks from: its year, else the start of its period. */
function nowOf(context: TimeContext): number | null {
  return context.year ?? context.period?.from ?? null
}

/** A period of years as a scope: a result when it is over, else a target due at its end. */
function periodScope(from: number, to: number, now: number | null): TimeScope {
  return now !== null && to < now
    ? { status: 'achieved', year: to, yearFrom: from }
    : { status: 'planned', year: to, yearFrom: from }
}

function yearScope(year: number, now: number | null): TimeScope {
  return now !== null && year < now
    ? { status: 'achieved', year, yearFrom: null }
    : { status: 'planned', year, yearFrom: null }
}

/** The longest marker (过去的?十年来, 2019—2021年度, 截止到2022年): what a look back for one needs. */
const MAX_MARKER_LENGTH = 16

/**
 * Starts of the matches of `pattern` in `text`, with their ends, so that "does the text between two
 * offsets hold a match" costs a binary search instead of a scan of the slice (a long sentence with many
 * figures was quadratic).
 */
function matchIndex(text: string, pattern: RegExp) {
  const starts: number[] = []
  const ends: number[] = []
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)
  for (const m of text.matchAll(global)) {
    starts.push(m.index ?? 0)
    ends.push((m.index ?? 0) + m[0].length)
  }
  /** True when a match lies inside `[from, to)`. */
  return (from: number, to: number): boolean => {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((starts[mid] as number) < from) lo = mid + 1
      else hi = mid
    }
    return lo < starts.length && (ends[lo] as number) <= to
  }
}

/** Index of the first of the sorted `values` that is >= `x`. */
function lowerBound(values: ArrayLike<number>, x: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((values[mid] as number) < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Markers of time in `text`, outside quotes and book titles. */
function markers(text: string, quoted: Array<[number, number]>, context: TimeContext): Marker[] {
  const out: Marker[] = []
  const now = nowOf(context)
  const prev = (n: number) => (now === null ? null : now - n)
  // Flags and maps per offset instead of scans of every quote and marker for each marker (quadratic on
  // a long line of years or of 目前): offsets inside quotes, offsets covered by a marker kept so far,
  // and the longest marker starting at each offset.
  const inQuote = rangeMask(text.length, quoted)
  const covered = new Uint8Array(text.length + 1)
  const longestAt = new Map<number, number>()
  const push = (m: Marker) => {
    // inside a quote or a book title: a marker starting in one
    if (inQuote[m.start]) return
    // 比2020年下降13.5%, 较上年增长: the year a change is measured from, not the figure's time.
    if (/(比|较|与|相比|同比|对比|比上)$/u.test(text.slice(Math.max(0, m.start - 2), m.start))) return
    // 由2020年的7.2%提升至7.4%: the year a change starts from dates its start only (see targets.ts).
    if (/(由|从)$/u.test(text.slice(Math.max(0, m.start - 1), m.start))) return
    keep(m)
  }
  const keep = (m: Marker) => {
    out.push(m)
    covered.fill(1, m.start, m.end)
    longestAt.set(m.start, Math.max(longestAt.get(m.start) ?? 0, m.end))
  }
  /** True when a marker kept so far holds `[start, end)` (markers are short: a bounded look back). */
  const heldByKept = (start: number, end: number) => {
    for (let s = start; s >= Math.max(0, start - MAX_MARKER_LENGTH); s--)
      if ((longestAt.get(s) ?? -1) >= end) return true
    return false
  }
  const dated = (start: number, end: number, scope: TimeScope) =>
    push({ start, end, status: scope.status, year: scope.year, yearFrom: scope.yearFrom, relative: false })
  // 2019-2021年度, 2021—2025年: a span of years.
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年/gu)) {
    const start = m.index ?? 0
    dated(start, start + m[0].length, periodScope(Number(m[1]), Number(m[2]), now))
  }
  // 到2025年底, 截至2022年2月, 2019年: one year; 截至/截止 make it a state reached, 以来 a period to now.
  for (const m of text.matchAll(/(截至|截止到?|到|至)?((?:19|20)\d{2})\s*年(?!度?[-—–~至到]\d)/gu)) {
    const start = m.index ?? 0
    if (covered[start]) continue
    const y = Number(m[2])
    const end = start + m[0].length
    if (/^(以来|来)/u.test(text.slice(end))) {
      push({ start, end, status: 'achieved', year: prev(1), yearFrom: y, relative: false })
    } else if (/^截/u.test(m[1] ?? '')) {
      push({ start, end, status: 'achieved', year: y, yearFrom: null, relative: false })
    } else dated(start, end, yearScope(y, now))
  }
  // 二〇二五年
  for (const m of text.matchAll(/([〇零一二三四五六七八九]{4})年/gu)) {
    const y = Number([...(m[1] as string)].map((c) => CN_YEAR_DIGITS[c]).join(''))
    if (y >= 1900 && y <= 2100) dated(m.index ?? 0, (m.index ?? 0) + m[0].length, yearScope(y, now))
  }
  // 2020我区…: a bare year opening a clause.
  for (const m of text.matchAll(/(?:^|[,，;；。\n])\s*((?:19|20)\d{2})(?=[我全本该各市区县省])/gu)) {
    const start = (m.index ?? 0) + m[0].length - 4
    dated(start, start + 4, yearScope(Number(m[1]), now))
  }
  // “十三五”期间, “十四五”末: a plan period (its end year alone after 末).
  for (const m of text.matchAll(/(十[一二三四五六]五)(”?(?:末|期末))?/gu)) {
    const period = FIVE_YEAR[m[1] as string]
    if (!period) continue
    const start = m.index ?? 0
    const scope = periodScope(period[0], period[1], now)
    // 较“十三五”末的9323.1亿元增加…: the period a change starts from (see `push`), not the figure's time.
    if (/(比|较|与|由|从)“?$/u.test(text.slice(Math.max(0, start - 2), start))) continue
    // Not filtered by quotes: “十三五”期间 is how the period is always printed.
    keep({
      start,
      end: start + 3,
      status: scope.status,
      year: scope.year,
      yearFrom: m[2] ? null : scope.yearFrom,
      relative: false,
    })
  }
  // 年内, 今年, 明年, 去年, 过去五年, 目前, 已建成 …
  const word =
    (status: Marker['status'], year: number | null, yearFrom: number | null = null) =>
    (m: RegExpMatchArray): Marker => {
      const start = m.index ?? 0
      return { start, end: start + m[0].length, status, year, yearFrom, relative: year === null }
    }
  const words: Array<[RegExp, (m: RegExpMatchArray) => Marker]> = [
    [/年内|今年(?!以来)|本年度?/gu, word('planned', now)],
    // 全年 and 年度 speak of the part's year: the goals' year, or the year a review looks back on.
    [/全年|年度/gu, word('part', null)],
    [/明年/gu, word('planned', now === null ? null : now + 1)],
    [/去年|上年|上一年|过去的?一年|一年来|刚刚过去的一年/gu, word('achieved', prev(1))],
    [
      /(?<![\d一二两三四五六七八九十])(?:过去的?|近)?([二两三四五六七八九十]|\d{1,2})年(?:来|间)|过去的?([二两三四五六七八九十]|\d{1,2})年|这([二两三四五六七八九十])年/gu,
      (m) => {
        const raw = (m[1] ?? m[2] ?? m[3]) as string
        const n = /^\d+$/u.test(raw) ? Number(raw) : (CN_SMALL[raw] ?? null)
        const start = m.index ?? 0
        return {
          start,
          end: start + m[0].length,
          status: 'achieved',
          year: prev(1),
          yearFrom: n === null || now === null ? null : now - n,
          relative: false,
        }
      },
    ],
    [/截至目前|截至|截止|目前|当前|现阶段|近年来|多年来|今年以来|以来/gu, word('achieved', null)],
    [/已(?:经)?(?=[\u4e00-\u9fa5])/gu, word('achieved', null)],
  ]
  // the dated markers, each widened by two characters after it
  const printed = new Uint8Array(text.length + 3)
  for (const d of out) printed.fill(1, d.start, d.end + 2)
  const touchesPrinted = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (printed[i]) return true
    return false
  }
  for (const [re, make] of words) {
    for (const m of text.matchAll(re)) {
      const marker = make(m)
      // 年度 in 2019-2021年度, 截至 in 截至2022年, 以来 in 2021年以来: the dated marker already says it.
      if (touchesPrinted(marker.start, marker.end)) continue
      if (heldByKept(marker.start, marker.end)) continue
      push(marker)
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end)
}

/** The part a section title names, by the words of data/parts.json; null when it names none or several. */
export function titleRole(title: string, cues: PartCues = loadPartCues()): PartRole | null {
  const t = stripMarks(foldWidth(title))
  const review = cues.review.some((w) => t.includes(w))
  const goals = cues.goals.some((w) => t.includes(w))
  const tasks = cues.tasks.some((w) => t.includes(w))
  if (review && !goals && !tasks) return 'review'
  if (!review && goals) return 'goals'
  if (!review && tasks) return 'tasks'
  return null
}

/** The scope of a part: results of the year before for a review, targets for goals and tasks. */
function roleScope(role: PartRole, title: string, context: TimeContext): TimeScope {
  const now = nowOf(context)
  const t = foldWidth(title)
  const years = [...t.matchAll(/((?:19|20)\d{2})\s*年/gu)].map((m) => Number(m[1]))
  const plan = /(十[一二三四五六]五)/u.exec(t)
  const period = plan ? FIVE_YEAR[plan[1] as string] : undefined
  if (role === 'review') {
    const year = years.length > 0 ? Math.max(...years) : null
    if (year !== null) return { status: 'achieved', year, yearFrom: null }
    if (period) return { status: 'achieved', year: period[1], yearFrom: period[0] }
    const before = context.period ? context.period.from - 1 : now === null ? null : now - 1
    return { status: 'achieved', year: before, yearFrom: null }
  }
  if (period && (now === null || period[1] >= now))
    return { status: 'planned', year: period[1], yearFrom: period[0] }
  const year = years.find((y) => now === null || y >= now)
  return { status: 'planned', year: year ?? null, yearFrom: null }
}

/**
 * The scope a heading sets: 一、2024年工作回顾 -> results of 2024; 二、2025年目标任务和重点工作 -> targets
 * of 2025; “十五五”时期主要目标任务 -> targets of 2030. Null when the title names no part.
 */
export function headingScope(title: string, context: TimeContext, cues?: PartCues): TimeScope | null {
  const role = titleRole(title, cues)
  return role ? roleScope(role, title, context) : null
}

/** The scope of the part the context names: the parser's role, else the innermost titled section. */
function partScope(context: TimeContext, cues?: PartCues): TimeScope | null {
  if (context.role) {
    const titles = context.sectionPath ?? []
    return roleScope(context.role, titles[titles.length - 1] ?? '', context)
  }
  const titles = context.sectionPath ?? []
  for (let k = titles.length - 1; k >= 0; k--) {
    const scope = headingScope(titles[k] as string, context, cues)
    if (scope) return scope
  }
  return null
}

/** Where a text starts: the scope carried in, unless the part says otherwise (the parser's role wins). */
function startScope(context: TimeContext, cues?: PartCues): TimeScope | null {
  const part = partScope(context, cues)
  const carried = context.scope ?? null
  // The carried scope is the more precise one (过去五年 inside a review) when both agree.
  if (part && carried && carried.status === part.status) return carried
  return part ?? carried
}

/** Openings of a paragraph that set the time of the paragraphs after it. */
const REVIEW_PERIOD = /^(?:过去的?|近)?五年(?:来|间)?|^这五年|^这是.{0,30}的五年|^过去的?五年/u
const REVIEW_YEAR = /^(?:回顾)?(?:过去的?一年|一年来|刚刚过去的(?:一年|((?:19|20)\d{2})年))/u
const PLAN_PERIOD = /^“?(十[一二三四五六]五)”?(?:时期|期间|以来|规划)/u
const YEAR_OPENING = /^((?:19|20)\d{2})年(?:是|很|极|对|，|,)/u
const GOALS_OPENING =
  /^今年|主要预期目标|今年(?:政府|的)?(?:工作|目标)|做好.{0,8}(?:今年|20\d\d年).{0,4}工作/u

/**
 * The scope a paragraph opens with (see the module comment), or null. `strong` openings (过去一年,
 * 五年来, 2025年是…的一年, 主要预期目标) hold for the paragraphs after it; a paragraph that only starts
 * with a year (2020年,…) dates itself alone.
 */
function openingScope(paragraph: string, context: TimeContext): { scope: TimeScope; strong: boolean } | null {
  const now = nowOf(context)
  // 各位代表, ——: salutations and dashes before the opening proper.
  const p = foldWidth(paragraph)
    .trimStart()
    .replace(/^(?:各位代表[!！,，：:]?\s*|——|—)+/u, '')
  const first = p.slice(0, boundaryAfterSentence(p))
  // 2025年是“十四五”收官之年。五年来，…: a review of the period may open in the second sentence.
  const second = p.slice(first.length + 1)
  let m = REVIEW_PERIOD.exec(p) ?? (first.length <= 30 ? REVIEW_PERIOD.exec(second) : null)
  if (m && now !== null)
    return { scope: { status: 'achieved', year: now - 1, yearFrom: now - 5 }, strong: true }
  m = REVIEW_YEAR.exec(p)
  if (m) {
    const year = m[1] ? Number(m[1]) : now === null ? null : now - 1
    return { scope: { status: 'achieved', year, yearFrom: null }, strong: true }
  }
  m = PLAN_PERIOD.exec(p)
  if (m) {
    const period = FIVE_YEAR[m[1] as string]
    if (period) return { scope: periodScope(period[0], period[1], now), strong: true }
  }
  m = YEAR_OPENING.exec(p)
  if (m) {
    const year = Number(m[1])
    const strong = /^(?:19|20)\d{2}年(?:是|很|极)/u.test(p) && /(一年|之年)/u.test(first)
    return { scope: yearScope(year, now), strong }
  }
  if (GOALS_OPENING.test(first))
    return { scope: { status: 'planned', year: now, yearFrom: null }, strong: true }
  return null
}

function boundaryAfterSentence(p: string): number {
  const m = /[。！？!?；;\n]/u.exec(p)
  return m ? m.index : p.length
}

/** A line that reads as a heading: short, no sentence end (一、2024年工作回顾, 主要预期目标). */
function isHeadingLine(line: string): boolean {
  const t = line.trim()
  return t.length > 0 && t.length <= 40 && !/[。；;！？!?]/u.test(t.replace(/[。]$/u, ''))
}

/** The scope of each line of `text`, and the scope in force after the text. */
function lineScopes(text: string, context: TimeContext, cues?: PartCues) {
  const scopes: Array<TimeScope | null> = []
  let running = startScope(context, cues)
  for (const line of text.split('\n')) {
    const heading = isHeadingLine(line) ? headingScope(line, context, cues) : null
    if (heading) {
      running = heading
      scopes.push(running)
      continue
    }
    const opening = openingScope(line, context)
    if (opening?.strong) running = opening.scope
    scopes.push(opening ? opening.scope : running)
  }
  return { scopes, after: running }
}

/**
 * The time in force at the end of `text`, to carry into the text that follows it (the next item or
 * paragraph): the last heading or opening that sets one (一、2024年工作回顾, 过去五年, 今年主要预期目标),
 * else the scope carried in.
 */
export function readTimeScope(text: string, context: TimeContext, cues?: PartCues): TimeScope | null {
  return lineScopes(text, context, cues).after
}

/** A reader of time for all figures of one text (markers and paragraph scopes are found once). */
export function timeReader(
  text: string,
  quoted: Array<[number, number]>,
  context: TimeContext,
  cues?: PartCues,
) {
  const all = markers(text, quoted, context)
  const fallback = context.period?.to ?? context.year ?? null
  const now = nowOf(context)
  const { scopes } = lineScopes(text, context, cues)
  const lineStarts: number[] = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1)

  function scopeAt(pos: number): TimeScope | null {
    return scopes[lowerBound(lineStarts, pos + 1) - 1] ?? null
  }
  const hasEstimateWord = matchIndex(text, ESTIMATE_WORDS)
  const hasTargetWord = matchIndex(text, TARGET_WORDS)
  const hasPlanWord = matchIndex(text, PLAN_WORDS)
  const hasFutureWord = matchIndex(text, FUTURE_WORDS)

  // Indexed so that each figure costs a binary search, not a scan of every marker before it: marker
  // starts, and for each marker the last one at or before it that is not a relative word of a result
  // (目前, 已).
  const starts = Int32Array.from(all, (m) => m.start)
  const lastSolid = new Int32Array(all.length)
  all.forEach((m, i) => {
    lastSolid[i] = m.status === 'achieved' && m.relative ? (i > 0 ? (lastSolid[i - 1] as number) : -1) : i
  })

  /**
   * The last marker before `pos` in its sentence, or null. Read forwards the nearest marker wins, but a
   * year keeps the state of a word before it (目前…已, 截至2022年): a relative word of a result after a
   * marker that is already a result is passed over.
   */
  function inSentence(sentenceStart: number, pos: number): Marker | null {
    const first = lowerBound(starts, sentenceStart)
    const end = lowerBound(starts, pos)
    if (first >= end) return null
    const j = lastSolid[end - 1] as number
    if (j < first) return all[first] as Marker
    const solid = all[j] as Marker
    return solid.status === 'achieved' || j === end - 1 ? solid : (all[j + 1] as Marker)
  }

  /**
   * The marker a sentence inherits from the sentences before it in its line (looked at from the
   * sentence starting at `start`): a result carries over until a sentence with a marker of its own or
   * one that says what is planned. Null: nothing carries. Computed once per sentence.
   */
  const carried = new Map<number, Marker | null>()
  function carriedInto(start: number, lineStart: number, stop: (from: number, to: number) => boolean) {
    const visited: number[] = []
    let at = start
    let result: Marker | null = null
    for (;;) {
      const known = carried.get(at)
      if (known !== undefined) {
        result = known
        break
      }
      visited.push(at)
      const prevStart = boundaryBefore(text, at - 1, SENTENCE_END, lineStart)
      const marker = inSentence(prevStart, at - 1)
      if (marker) {
        result = marker.status === 'achieved' ? marker : null
        break
      }
      if (prevStart <= lineStart || stop(prevStart, at - 1)) break
      at = prevStart
    }
    for (const s of visited) carried.set(s, result)
    return result
  }

  return function readTime(pos: number): TimeReading {
    const lineStart = lineStarts[lowerBound(lineStarts, pos + 1) - 1] ?? 0
    const scope = scopeAt(pos)
    const sentenceStart = boundaryBefore(text, pos, SENTENCE_END)
    const { reading, fromPart } = readMarkers(pos, sentenceStart, lineStart, scope)
    // 预计全年增长5%: an estimate of the year's result.
    if (hasEstimateWord(sentenceStart, pos)) return { ...reading, status: 'estimate' }
    // 力争 in a part that reviews the past: a target all the same.
    if (fromPart && reading.status === 'achieved' && hasTargetWord(sentenceStart, pos)) {
      return { status: 'planned', year: now ?? fallback, yearFrom: null }
    }
    return reading
  }

  function readMarkers(
    pos: number,
    sentenceStart: number,
    lineStart: number,
    scope: TimeScope | null,
  ): { reading: TimeReading; fromPart: boolean } {
    const marker = inSentence(sentenceStart, pos)
    if (marker) return { reading: finish(marker, scope), fromPart: marker.status === 'part' }
    // No time word: a result carries over from the sentences before, within the paragraph. In a review
    // the paragraph's time holds: 实现“十四五”圆满收官。…增长5.8% is of the year reviewed.
    const stop = scope?.status === 'achieved' ? hasFutureWord : hasPlanWord
    if (sentenceStart > lineStart && scope?.status !== 'achieved' && !stop(sentenceStart, pos)) {
      const from = carriedInto(sentenceStart, lineStart, stop)
      if (from) return { reading: finish(from, scope), fromPart: false }
    }
    return { reading: fromScope(scope), fromPart: true }
  }

  function fromScope(scope: TimeScope | null): TimeReading {
    if (!scope) return { status: 'planned', year: fallback, yearFrom: null }
    if (scope.status === 'achieved')
      return { status: 'achieved', year: scope.year ?? now, yearFrom: scope.yearFrom }
    return { status: 'planned', year: scope.year ?? fallback, yearFrom: scope.yearFrom }
  }

  function finish(m: Marker, scope: TimeScope | null): TimeReading {
    if (m.status === 'part') return fromScope(scope)
    if (m.status === 'achieved') {
      // 已 and 目前 in a review of 2024: reached in 2024.
      const year = m.year ?? (scope?.status === 'achieved' ? scope.year : null) ?? now
      return { status: 'achieved', year, yearFrom: m.yearFrom }
    }
    return { status: 'planned', year: m.year ?? fallback, yearFrom: m.yearFrom }
  }
}
