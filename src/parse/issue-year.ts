/**
 * The year of issue of a text that prints no date of issue: an estimate, said to be one, or none.
 *
 * Many policies copied from web pages keep only their body: no title, no signature, no 文号. What the
 * body still tells is a window: it cites documents by number (根据《…》(青发〔2023〕9号)), so it was
 * issued in the latest of their years or after; it takes effect on a date (本措施自2024年1月1日起实施),
 * so it was issued in that year or before, as a rule. The estimate (the first year of the plan's
 * period, or the year it takes effect) is kept inside that window; a window that leaves two years open
 * gives no estimate, and the warning says which years remain.
 */

/** The plausible years of a document of the People's Republic. */
export function isPlausibleYear(year: number): boolean {
  return year >= 1949 && year <= 2100
}

/** A date a text takes effect on: 本办法自2022年4月30日起施行, 自2016年起组织实施. */
export interface EffectiveDate {
  year: number
  /**
   * 自2024年1月1日起实施: a start at the turn of the year is set by texts issued before it (2023年11月)
   * and by texts issued after it that reach back to the whole year (a subsidy for all of 2024), so it
   * tells the year of issue only as one of two.
   */
  newYear: boolean
}

export function effectiveDate(text: string): EffectiveDate | null {
  const dated = /自\s*((?:19|20)\d{2})\s*年(\d{1,2})月(\d{1,2})日起?(?:施行|实施|执行)/.exec(text)
  if (dated?.[1]) return { year: Number(dated[1]), newYear: dated[2] === '1' && dated[3] === '1' }
  // 自2016年起，组织实施…: a programme that starts in the year of the text, as a rule
  const yearOnly = /自\s*((?:19|20)\d{2})\s*年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:起|施行|实施)/.exec(text)
  return yearOnly?.[1] ? { year: Number(yearOnly[1]), newYear: false } : null
}

/**
 * The latest year of a document the text cites by its number: 青发〔2023〕9号, 国发[2021]29号,
 * 济办发电〔2022〕4号. A text cites only what was issued before it (or is its own number), so this is
 * the earliest year it can have been issued. Garbled digits (〔5355〕) are not years.
 */
export function latestCitedYear(text: string): number | null {
  let latest: number | null = null
  for (const m of text.matchAll(/[\u4e00-\u9fa5][〔[(（](\d{4})[〕\])）]\s*第?\d{1,4}\s*号/g)) {
    const year = Number(m[1])
    if (isPlausibleYear(year) && (latest === null || year > latest)) latest = year
  }
  return latest
}

/** What the text allows of its year of issue: the earliest and the latest, each null when open. */
export interface YearWindow {
  from: number | null
  to: number | null
  /** What set each end, for the warning. */
  evidence: string[]
}

export function issueYearWindow(text: string): YearWindow {
  const cited = latestCitedYear(text)
  const effective = effectiveDate(text)
  const evidence: string[] = []
  if (cited !== null) evidence.push(`it cites a document of ${cited}`)
  if (effective)
    evidence.push(
      effective.newYear
        ? `it takes effect from the start of ${effective.year}`
        : `it takes effect in ${effective.year}`,
    )
  return { from: cited, to: effective?.year ?? null, evidence }
}

/** An estimate with its reason, or none with what is known of the year. */
export type IssueYearEstimate = { year: number; reason: string } | { year: null; reason: string | null }

/**
 * The estimated year of issue: the first year of the period its title names (十四五 -> 2021,
 * (2021—2023) -> 2021), else the year it takes effect (unless from 1 January, which is one of two
 * years), else the first year of the period its body states (规划期为2021—2025年); moved into the
 * window the text allows. With no estimate, a window of one year is the year; a wider one gives none.
 */
export function estimateIssueYear(
  text: string,
  titlePeriodFrom: number | null,
  bodyPeriodFrom: number | null,
): IssueYearEstimate {
  const window = issueYearWindow(text)
  const effective = effectiveDate(text)
  const effectiveYear = effective && !effective.newYear ? effective.year : null
  const guess = titlePeriodFrom ?? effectiveYear ?? bodyPeriodFrom
  const span = window.evidence.join(' and ')
  if (guess === null) {
    // cited in 2023 and in force from 1 January 2023: the window is one year
    if (window.from !== null && window.from === window.to)
      return { year: window.from, reason: `${span}, so it was issued in ${window.from}` }
    if (window.from === null && window.to === null) return { year: null, reason: null }
    const range =
      window.from !== null && window.to !== null
        ? `${window.from}–${window.to}`
        : window.from !== null
          ? `${window.from} or later`
          : `${window.to} or earlier`
    return { year: null, reason: `${span}: issued ${range}` }
  }
  let year = guess
  if (window.to !== null && year > window.to) year = window.to
  if (window.from !== null && year < window.from) year = window.from
  const from =
    titlePeriodFrom === null && effectiveYear !== null
      ? 'the year it takes effect'
      : "the first year of the plan's period"
  return {
    year,
    reason: year === guess ? `${year} is ${from}` : `${guess} is ${from}, but ${span}: ${year}`,
  }
}
