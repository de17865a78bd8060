/**
 * Whose document it is, when neither its title nor its issuer names the place: the way the text speaks
 * of its own government (我市, 全省, 我代表州人民政府) tells the level, and the division of that level the
 * text names most often, its own places counting for it, tells which one. A city's report that opens
 * with 各位代表 and never prints its name in a title still says 济南 dozens of times, and 全市 more often
 * than 全省.
 *
 * The work is one scan of the text for the self-references and one for the place names (linear in the
 * length of the text, nothing kept between documents).
 */

import type { Jurisdiction } from '../model/index.js'
import { type Division, divisionByCode, findDivisionNames, toJurisdiction } from './divisions.js'

/** How a text names its own government: 市 of 我市/全市/本市, 州 of 我州 (an autonomous prefecture). */
export type SelfWord = '省' | '市' | '州' | '盟' | '区' | '县' | '旗'

/**
 * How the text speaks of its own government: 我代表市人民政府 in a work report settles it (only 市);
 * else every word of 我X / 全X / 本X it uses (我省, 全市, 本区). A city's report says 全省 too (居全省前列),
 * so these only say which levels are possible; the names decide. Empty when the text never speaks so.
 */
export function selfWords(text: string): SelfWord[] {
  const reporting = /我代表(省|市|州|盟|区|县|旗)人民政府/.exec(text)?.[1]
  if (reporting) return [reporting as SelfWord]
  const words = new Set<SelfWord>()
  // 我市实际, 全省上下, 本区; not 全市长 or 本市级 (a title, a rank), nor 资本市场, 全市场 (a market)
  for (const m of text.matchAll(/(?:我|全|本)(省|市|州|盟|区|县|旗)(?![长委级属直场])/g))
    words.add(m[1] as SelfWord)
  return [...words].sort()
}

/** Divisions a self-reference may mean: 全市 is a prefecture city, a municipality or a county-level city. */
function fits(division: Division, word: SelfWord): boolean {
  const { level, name } = division
  switch (word) {
    case '省':
      return level === 'province' && name.endsWith('省')
    case '市':
      return (
        (level === 'city' && name.endsWith('市')) ||
        (level === 'province' && name.endsWith('市')) ||
        (level === 'county' && name.endsWith('市'))
      )
    case '州':
      return level === 'city' && name.endsWith('州') && !name.endsWith('市')
    case '盟':
      return level === 'city' && name.endsWith('盟')
    // 全区 is a district, a 地区 or an autonomous region (广西壮族自治区)
    case '区':
      return (
        level === 'district' || (level === 'province' && name.endsWith('自治区')) || name.endsWith('地区')
      )
    case '县':
      return level === 'county' && name.endsWith('县')
    case '旗':
      return level === 'county' && name.endsWith('旗')
  }
}

/** Provinces and prefecture cities, whose short names (山东, 济南) are counted anywhere. */
function isUpper(division: Division): boolean {
  return division.level === 'province' || division.level === 'city'
}

function isAncestor(code: string, of: string): boolean {
  const division = divisionByCode(of)
  return division !== null && lineOf(division).some((d) => d.code === code)
}

function lineOf(division: Division): Division[] {
  const chain: Division[] = []
  for (let code = division.parentCode; code; ) {
    const parent = divisionByCode(code)
    if (!parent) break
    chain.push(parent)
    code = parent.parentCode
  }
  return chain
}

/** What `ownDivision` found, with the counts that chose it. */
export interface OwnDivision {
  jurisdiction: Jurisdiction
  /** Weighted mentions of the chosen division, and of the runner-up. */
  score: number
  runnerUp: number
}

/**
 * The division a text speaks for: of the divisions its self-references allow (any, when it has none),
 * the one named most often (short names count: 济南 for 济南市), each mention of a place inside it
 * adding a quarter (历下区 for 济南市, 济南 for 山东省). It must be named `minimum` times and score half
 * again as much as the runner-up; else null. A city's report names itself far more than its province
 * (济南 60 times, 山东 23 in 济南's 2024 report).
 */
export function ownDivision(text: string, minimum = 3): OwnDivision | null {
  const words = selfWords(text)
  const allowed = (d: Division) => words.length === 0 || words.some((w) => fits(d, w))
  const scores = new Map<string, number>()
  const add = (code: string, w: number) => scores.set(code, (scores.get(code) ?? 0) + w)
  for (const mention of findDivisionNames(text, () => true)) {
    // 新平 of 新平台, 通海 of 通海关: a county's short name is too often a word; 济南, 山东 are not
    const meant = mention.short ? mention.divisions.filter(isUpper) : mention.divisions
    const n = meant.length
    for (const division of meant) {
      if (allowed(division)) add(division.code, 1 / n)
      for (const above of lineOf(division)) if (allowed(above)) add(above.code, 0.25 / n)
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const [best, second] = ranked
  if (!best) return null
  const runnerUp = second?.[1] ?? 0
  // 济南 8 times, 山东 5: a text inside a province names it too, and the province is no rival
  const rivalInside = second !== undefined && !isAncestor(second[0], best[0])
  const clear = best[1] >= minimum && (!rivalInside || best[1] >= 1.5 * runnerUp)
  // 我省 twice and 山东省 once, no other place: a short text that names only its own government
  const alone = words.length > 0 && best[1] >= 1 && runnerUp === 0
  if (!clear && !alone) return null
  const division = divisionByCode(best[0]) as Division
  return { jurisdiction: toJurisdiction(division), score: best[1], runnerUp }
}
