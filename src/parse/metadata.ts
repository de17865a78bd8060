/**
 * What a plan is, read off its first lines: title, issuer, jurisdiction, year, period and kind.
 *
 * The input is normalized text (full-width digits, Latin letters and brackets already half-width, CRLF
 * already LF). Every rule looks for printed evidence; nothing is special-cased for a document, and
 * options given by the user override what is inferred.
 *
 * Title, in order of the evidence (the earliest in the text wins among the first three):
 *  1. the plan a notice issues: 福建省人民政府办公厅关于印发2019年数字福建工作要点的通知;
 *  2. a 《…》 that is issued (厦门市人民政府办公厅印发《2022年数字厦门工作要点》, 福州市制订《…》, 《…》已经省政府
 *     研究同意) or that starts a line; a 《…》 in the middle of a sentence is a cited plan (对照《2025年数字福建
 *     工作要点》) and never the document's own title;
 *  3. a line before the body that looks like a plan title: short, no sentence punctuation, ends in
 *     规划/工作要点/行动计划/实施方案/意见… (a note such as (征求意见稿) may follow);
 *  4. when none is printed and the text speaks of its own year's work ("2025年是…今年数字福州建设工作的
 *     总体目标是…", or "…工作要点"), a title is assembled from that year, the 数字X name it gives to its own
 *     work, and 工作要点 (warning 'inferred-title');
 *  5. else the file name (warning 'missing-title').
 * Draft notes are kept in the title as printed (福州市仓山区“十四五”智能仓山专项规划(征求意见稿)), with a
 * 'draft' warning; `titleWithoutDraftNote` gives the title to compare documents by.
 *
 * Jurisdiction: the place names of the title (full names anywhere; short names only at its start or
 * after 数字/智慧/智能, as in 数字福州), then those of the issuer, resolved through the division data. Plans
 * of 国务院, 中共中央, national ministries or titled 国家…/全国…/数字中国… are national: 中华人民共和国,
 * level national, code null (GB/T 2260 has no code for the whole country).
 *
 * Kind: 工作要点/工作计划 -> work-plan; a 规划 or 纲要 for a five-year period (十四五, 2021-2025) ->
 * five-year-plan, 专项规划 included; another 规划 -> special-plan; 行动计划/行动方案 -> action-plan;
 * 实施方案/工作方案 -> implementation-plan; 意见 -> opinion; 通知 -> notice; else other.
 */

import { expectOptions, expectString } from '../arguments.js'
import { PlanCascadeError } from '../errors.js'
import type { DocumentKind, Jurisdiction, Level, Period, PlanWarning } from '../model/index.js'
import { type BoilerplateRule, loadBoilerplateRules, matchBoilerplateLine } from './boilerplate.js'
import { arabicDates } from './dates.js'
import {
  dominantDivision,
  findDivisionNames,
  findDivisions,
  isNationalName,
  NATIONAL,
  resolveJurisdiction,
} from './divisions.js'
import { estimateIssueYear, isPlausibleYear } from './issue-year.js'
import { ownDivision } from './self-reference.js'

export interface InferredMetadata {
  /** Title as printed (with a draft note such as (征求意见稿)), or assembled, or the file name. */
  title: string
  /** Issuing body when printed: 福建省人民政府办公厅. */
  issuer: string | null
  jurisdiction: Jurisdiction | null
  /** Year issued. */
  year: number | null
  period: Period | null
  kind: DocumentKind
  warnings: PlanWarning[]
}

export interface InferMetadataOptions {
  title?: string
  /** A name (福州市, 仓山区) resolved through the division data, or the fields to use. */
  jurisdiction?: string | Partial<Jurisdiction>
  year?: number
  period?: Period
  kind?: DocumentKind
  /** File the text came from: its base name is the title of last resort. */
  fileName?: string
  /** A boilerplate rules file replacing data/boilerplate.json (web-page chrome is never a title). */
  boilerplateFile?: string
}

/** How far into the text the title and issuer are looked for. */
const headLength = 3000

const planWords =
  '规划|工作要点|要点|计划|方案|意见|纲要|行动|办法|细则|通知|战略|决定|指南|措施|报告|规定|条例'
/** Ends like a plan title, before an optional note in brackets: …专项规划(征求意见稿). */
const titleEnding = new RegExp(`(${planWords})([(（〔][^)）〕]{1,12}[)）〕])?$`)
const hasPlanWord = new RegExp(planWords)

/** Drafts: the note is part of the printed title but not of the plan's name. */
const draftNote = /[(（〔](公开)?(征求意见稿|征求意见|草案|送审稿|讨论稿|修订稿|草稿)[)）〕]/

/** Bodies that issue documents, as they end: 人民政府办公厅, 发展和改革委员会, 数字办, 工信局 … */
const organSuffix =
  '人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管理委员会|管委会|领导小组办公室|领导小组|国务院|中共中央|政府|局|厅|委|部|办'
const organLine = new RegExp(`^[\\u4e00-\\u9fa5()（）]{2,30}(${organSuffix})$`)
// 中共中央 国务院: joint issuers are separated by a space
const organAtEndOnly = new RegExp(`(${organSuffix})$`)
const organAtEnd = new RegExp(`[\\u4e00-\\u9fa5()（） \\u3000]{0,40}?(${organSuffix})$`)

/** A line that starts the body (一、 (一) 1、 第一章) ends the search for a title line. */
const bodyLabel =
  /^(第[一二三四五六七八九十百零〇]+[章节条部]|[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）]|\d+[、.．])/

/**
 * The front matter: the text before the body's first top-level label (一、 第一章), where a document
 * names itself. A 出台《…》 further down is a task of the plan, not its title.
 */
function frontMatter(text: string): string {
  const head = titleHead(text)
  const body = /(^|\n)[ \t\u3000]*(第[一二三四五六七八九十]+章|一[、.])|[。:：][ \t\u3000]*一、/.exec(head)
  return body ? head.slice(0, body.index + 1) : head
}

/** 各位代表： opens a speech: a title is printed before it, never in the speech. */
const salutation = /(^|\n)[ \t\u3000]*各位(代表|委员)[:：!！]/

/** The opening where a title may be printed: the first characters, up to a speech's salutation. */
function titleHead(text: string): string {
  const head = text.slice(0, headLength)
  const speech = salutation.exec(head)
  return speech ? head.slice(0, speech.index + 1) : head
}

/** Prefixes under which a short place name stands for a place: 数字福州, 智慧厦门, 智能仓山. */
const placePrefix = /(数字|智慧|智能|数智|“|"|《|年)$/

/** 征求意见稿 and its kin, removed: the title two versions of a plan share. */
export function titleWithoutDraftNote(title: string): string {
  return title.replace(draftNote, '').trim()
}

interface TitleFound {
  title: string
  /** Offset of the evidence in the text (earliest wins). */
  at: number
  /** Text before the issuing verb, where the issuer is named. */
  issuerClause?: string
  /** Index of the title's line, when the title is a line. */
  line?: number
}

function cleanTitle(raw: string): string {
  return raw
    .replace(/^《|》$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The clause just before an offset: back to the last punctuation or line break. */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 60), at)
  const parts = before.split(/[\n。,，;；:：、!！?？)）\]】]/)
  return (parts[parts.length - 1] ?? '').trim()
}

/** 1. …关于印发X的通知: X is the plan, whatever it is called (规划, 指南, 清单 …). */
function findNoticeTitle(head: string): TitleFound | null {
  const match = /关于印发(.{2,80}?)的通知/.exec(head)
  if (!match?.[1]) return null
  return { title: cleanTitle(match[1]), at: match.index, issuerClause: clauseBefore(head, match.index) }
}

/** 2. 印发《X》, 《X》已经…同意, or 《X》 at the start of a line. */
function findIssuedTitle(head: string): TitleFound | null {
  const found: TitleFound[] = []
  for (const match of head.matchAll(/(印发|制订|制定|出台|发布|公布|颁布|出炉)了?《([^》\n]{2,80})》/g)) {
    if (match[2] && hasPlanWord.test(match[2])) {
      found.push({
        title: cleanTitle(match[2]),
        at: match.index,
        issuerClause: clauseBefore(head, match.index),
      })
    }
  }
  for (const match of head.matchAll(/《([^》\n]{2,80})》(已经|已)[^。\n]{0,20}(同意|通过)/g)) {
    if (match[1] && hasPlanWord.test(match[1])) found.push({ title: cleanTitle(match[1]), at: match.index })
  }
  for (const match of head.matchAll(/(^|\n)[ \t\u3000]*《([^》\n]{2,80})》/g)) {
    if (match[2] && hasPlanWord.test(match[2])) found.push({ title: cleanTitle(match[2]), at: match.index })
  }
  return found.sort((a, b) => a.at - b.at)[0] ?? null
}

/** 3. A line that looks like a plan title, before the body begins. */
function findTitleLine(head: string, furniture: BoilerplateRule[]): TitleFound | null {
  let at = 0
  const lines = head.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string
    const line = raw.trim()
    const start = at + raw.indexOf(line)
    at += raw.length + 1
    if (bodyLabel.test(line)) return null
    // 首页 > 政务公开 > 规划计划: a breadcrumb, not a title
    if (/[>›»]|^(首页|当前位置|您的位置|您现在的位置)/.test(line)) continue
    if (line.length < 4 || line.length > 60 || /[。;；!！?？:：,，]/.test(line)) continue
    // 2025年1月20日在山东省第十四届人民代表大会第三次会议上…作政府工作报告: the meeting, not the title
    if (meetingLine.test(line)) continue
    // …关于印发X的通知 is the wrapper of X, which findNoticeTitle takes
    if (!titleEnding.test(line) || /关于(印发|转发)/.test(line)) continue
    // 中共中央 国务院关于构建数据基础制度更好发挥数据要素作用的意见: the issuer heads the title
    const about = line.indexOf('关于')
    const first = titleFirstLine(lines, i, furniture)
    return {
      title: cleanTitle(first === null ? line : `${first}${line}`),
      at: start,
      line: i,
      ...(about > 0 ? { issuerClause: line.slice(0, about) } : {}),
    }
  }
  return null
}

/**
 * A title printed over two lines, the first being the opening line of the document:
 * 青岛市支持省级数字经济园区建设等 / 奖补政策实施细则. The first line is returned when it reads as the
 * head of a title: short, no punctuation, no label, no organ, no date, not a title of its own.
 */
function titleFirstLine(lines: string[], at: number, furniture: BoilerplateRule[]): string | null {
  let j = at - 1
  while (j >= 0 && (lines[j] as string).trim() === '') j--
  if (j < 0) return null
  for (let k = 0; k < j; k++) if ((lines[k] as string).trim() !== '') return null
  const first = (lines[j] as string).trim()
  if (first.length < 4 || first.length > 40 || /[。;；!！?？:：,，、>›»]/.test(first)) return null
  if (bodyLabel.test(first) || organLine.test(first) || titleEnding.test(first) || /\d{4}\s*年/.test(first))
    return null
  // 欢迎访问仓山区人民政府门户网站: page chrome above the title
  if (matchBoilerplateLine(first, furniture) !== null || /欢迎|网站|首页/.test(first)) return null
  return first
}

/** 济南市…道路测试与\n示范应用管理办法: a line break inside 《》 is not part of the title. */
function joinBrokenBrackets(text: string): string {
  return text.replace(/《[^》\n]{1,80}\n[^》\n]{1,80}》/g, (m) => m.replace(/\s*\n\s*/, ''))
}

/** 数字福州 in "今年数字福州建设工作", else the most frequent 数字X of the opening whose X is a place. */
function ownWorkName(head: string): string | null {
  const names = new Map<string, number>()
  for (const match of head.matchAll(/(数字|智慧|智能|数智)([\u4e00-\u9fa5]{2,8})/g)) {
    const prefix = match[1] as string
    const rest = match[2] as string
    const [mention] = findDivisionNames(rest, (start) => start === 0)
    if (mention?.start === 0 && mention.divisions.length > 0) {
      const name = prefix + mention.name
      names.set(name, (names.get(name) ?? 0) + 1)
    }
  }
  const thisYear = /今年(数字|智慧|智能|数智)([\u4e00-\u9fa5]{2,8})/.exec(head)
  if (thisYear) {
    const own = [...names.keys()].find((name) => thisYear[0].startsWith(`今年${name}`))
    if (own) return own
  }
  return [...names.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null
}

/** 4. "2025年是…今年数字福州建设工作…" -> 2025年数字福州工作要点. */
function assembleTitle(text: string): { title: string; evidence: string } | null {
  const head = text.slice(0, headLength)
  const speaksOfPlan = /工作要点/.test(head) || /今年[^。\n]{0,20}工作/.test(head)
  const year = /^\s*(\d{4})年(是|,|，|数字|我)/.exec(head)?.[1]
  const name = ownWorkName(head)
  if (!speaksOfPlan || !year || !name) return null
  return { title: `${year}年${name}工作要点`, evidence: `opening year ${year}, own work ${name}` }
}

/** The organ named at the end of a clause: "近日,厦门市人民政府办公厅" -> 厦门市人民政府办公厅. */
function issuerOf(clause: string | undefined): string | null {
  if (!clause) return null
  const match = organAtEnd.exec(clause)
  if (!match) return null
  return trimToOrgan(clause.slice(match.index))
}

/** Cuts text before the organ's place name: 现印发给你们福建省人民政府办公厅 -> 福建省人民政府办公厅. */
function trimToOrgan(candidate: string): string | null {
  const text = candidate.trim()
  const national = /(国务院|中共中央|中华人民共和国|国家)/.exec(text)?.index
  const [place] = findDivisionNames(text, () => true)
  // 中共福建省委: the party committee of a place keeps its 中共
  const placeStart = place && (text.slice(0, place.start).endsWith('中共') ? place.start - 2 : place.start)
  const starts = [national, placeStart].filter((n): n is number => n !== undefined)
  // 工业和信息化部, 省数字办: an organ without a place name counts when it is the whole of a short clause
  const start = starts.length > 0 ? Math.min(...starts) : text.length <= 20 && !/\s/.test(text) ? 0 : null
  if (start === null) return null
  const organ = text.slice(start)
  return organ.length >= 3 && organAtEndOnly.test(organ) ? organ : null
}

/** An organ on a line of its own just under the title, or before a signature date. */
function findIssuerLine(text: string, titleLine: number | undefined): string | null {
  if (titleLine !== undefined) {
    const lines = text.split('\n', titleLine + 8).slice(titleLine + 1)
    for (const line of lines) {
      const trimmed = line.trim()
      if (organLine.test(trimmed)) return trimToOrgan(trimmed)
    }
  }
  return null
}

/**
 * An organ, then a full date that ends its line or comes before (此件主动公开) or 印发 (the print line
 * under 抄送: 山东省人民政府办公厅2019年3月15日印发): not 经市委2021年5月8日常委会.
 */
const dateAfterOrgan = new RegExp(
  `([\\u4e00-\\u9fa5]{0,40}(${organSuffix}))[ \\t\\u3000]*\\n?[ \\t\\u3000]*(\\d{4})年(\\d{1,2})月(\\d{1,2})日(?=$|[\\s(（]|印发)`,
  'm',
)

/** 福建省人民政府办公厅2019年3月20日: the signature, with its year. */
function findSignature(text: string): { issuer: string | null; year: number } | null {
  const match = dateAfterOrgan.exec(text)
  if (!match?.[1] || !match[3]) return null
  return { issuer: trimToOrgan(match[1]), year: Number(match[3]) }
}

/**
 * 发布日期:2019-03-29, 发布时间: 2022-04-21, 成文日期: 2021年5月8日 in the head, or a date on a line of
 * its own in the front matter: (2022年12月2日) under an opinion, 2021年12月 under a plan's issuer.
 */
function findPublicationYear(head: string, front: string): number | null {
  const match = /(发布|印发|成文|发文|公布)(日期|时间)\s*[:：]?\s*(\d{4})\s*[-年./]/.exec(head)
  if (match?.[3]) return Number(match[3])
  const dateLine = /(^|\n)[ \t\u3000]*[(（]?(\d{4})年\d{1,2}月(\d{1,2}日)?[)）]?[ \t\u3000]*(?=\n|$)/.exec(
    front,
  )
  return dateLine?.[2] ? Number(dateLine[2]) : null
}

/**
 * The document's own number on a line of its own under its title or issuer: 鲁政办发〔2024〕5号,
 * 国发[2021]29号, 发文字号: 济政字(2022)12号. A number cited in a sentence (《…》(青工信字〔2020〕56号)) is
 * another document's and is not read.
 */
function documentNumberYear(head: string): number | null {
  const match =
    /(?:^|\n)[ \t\u3000]*(?:(?:发文字号|文号)\s*[:：]\s*)?[\u4e00-\u9fa5]{1,12}[〔[(（]((?:19|20)\d{2})[〕\])）]\s*第?\d{1,4}\s*号[ \t\u3000]*(?=\n|$)/.exec(
      head,
    )
  return match?.[1] ? Number(match[1]) : null
}

/** How far from the end the closing date is looked for: the signature block, before annexes' tables. */
const closingLines = 12

/**
 * The last line that is only a date, among the last lines of the text: 2024年3月5日 or (2024年3月5日)
 * under a signature, 2024年3月5日印发 on the print line. The date a text ends with is its issue date.
 */
function closingDateYear(text: string): number | null {
  const lines = text
    .slice(-3000)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-closingLines)
  for (let i = lines.length - 1; i >= 0; i--) {
    const date = /^[(（]?((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?[)）]?(印发)?$/.exec(
      lines[i] as string,
    )
    if (date?.[1]) return Number(date[1])
  }
  return null
}

/**
 * A text that names its own year as the present: "2024年是实施“十四五”规划的关键一年，做好今年工作至关重要",
 * "2025年是数字福建建设25周年。今年数字福州…": a year that starts a sentence with 是, with 今年 in that
 * sentence or the next. A year without 今年 nearby may be the one reviewed (2023年是…开局之年). The
 * next sentence is entered only through its 。, so the two spans never share text (linear matching).
 */
function presentYear(text: string): number | null {
  const match =
    /(?:^|\n|[。！])[ \t\u3000]*((?:19|20)\d{2})\s*年是[^。\n]{0,80}?(?:。[^。\n]{0,30}?)?今年/.exec(text)
  return match?.[1] ? Number(match[1]) : null
}

/**
 * 2019年数字福建工作要点 -> 2019, 数字山东2021行动方案 -> 2021 (a year before the plan word); not the ends of
 * a range (2021-2025年), not a brand (《中国制造2025》山东省行动纲要).
 */
function titleYear(title: string): number | null {
  const match =
    /(?<![\d\-—–~～至到])(\d{4})年(?![\d\-—–~～至到])/.exec(title) ??
    /(?<![\d\-—–~～至到])((?:19|20)\d{2})(?=(行动|工作|计划|方案|要点))/.exec(title)
  // 青岛市1318年…申报指南: digits a font garbled are no year
  return match?.[1] && isPlausibleYear(Number(match[1])) ? Number(match[1]) : null
}

/**
 * The meeting a work report was delivered at: ——2025年1月20日在山东省第十四届人民代表大会第三次会议上,
 * (2024年1月29日在杭州市第十四届人民代表大会第四次会议上). The line may be broken before 人民代表大会.
 */
const meetingLine =
  /(\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在\s*([^\n。，,]{0,40}?)\s*第?[一二三四五六七八九十\d]+\s*届\s*(?:\n\s*)?(?:全国)?人民代表大会/

interface Meeting {
  year: number
  /** The place names of the assembly: 山东省 of 山东省第十四届人民代表大会; 全国 for the national one. */
  names: string[]
}

function findMeeting(head: string): Meeting | null {
  const match = meetingLine.exec(head)
  if (!match?.[1] || !isPlausibleYear(Number(match[1]))) return null
  const assembly = match[2] ?? ''
  const names = findDivisionNames(assembly, (start) => start === 0).map((m) => m.name)
  if (/全国/.test(match[0]) && names.length === 0) names.push('全国')
  return { year: Number(match[1]), names }
}

/** 现在，我代表常州市人民政府向大会报告工作: the government that reports (我代表市人民政府 names none). */
function reportingGovernment(head: string): string[] {
  const match = /我代表([\u4e00-\u9fa5]{1,20}?)人民政府/.exec(head)
  if (!match?.[1]) return []
  return findDivisionNames(match[1], (start) => start === 0).map((m) => m.name)
}

/**
 * The years a work report's parts name: 一、2024年工作回顾 reviews the year before the report; 2025年工作
 * 安排, 三、2025年重点工作, 2025年经济社会发展总体要求 plan the report's own year. The most frequent wins.
 */
function reportPartYear(text: string): number | null {
  const votes = new Map<number, number>()
  const vote = (year: number) => votes.set(year, (votes.get(year) ?? 0) + 1)
  // a part heading starts a line, or follows a sentence when the lines were run together
  // (…提出意见。2023年工作回顾2023年是…)
  const start = '(?:^|\\n|[。！])[ \\t\\u3000]*(?:[一二三四五六七八九十]+[、.][ \\t]*)?'
  for (const m of text.matchAll(new RegExp(`${start}(\\d{4})\\s*年(?:政府)?工作回顾`, 'g')))
    vote(Number(m[1]) + 1)
  // 刚刚过去的2023年, 2023年，我们主要做了以下工作: the year reviewed
  for (const m of text.matchAll(
    /刚刚过去的(\d{4})\s*年|(?:^|\n|[。！])[ \t\u3000]*(\d{4})\s*年[,，]?我们(?:主要|重点|着力)?(?:做了|抓了|开展了)/g,
  ))
    vote(Number(m[1] ?? m[2]) + 1)
  for (const m of text.matchAll(
    new RegExp(
      `${start}(\\d{4})\\s*年[^。\\n]{0,16}(?:工作安排|重点工作|工作任务|总体要求|主要目标|预期目标)`,
      'g',
    ),
  ))
    vote(Number(m[1]))
  // 建议2024年全市经济社会发展的主要预期目标是: the year planned
  for (const m of text.matchAll(/建议(\d{4})\s*年[^。\n]{0,20}(?:目标|安排)/g)) vote(Number(m[1]))
  return [...votes.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? null
}

/** What a file name says: 2024_山东省_德州_政府工作报告, S007_city_济南市_2019-01-22. */
export interface FileNameFacts {
  /** The first plausible year (19xx or 20xx) standing as a token or heading a date. */
  year: number | null
  /** Place names among the tokens, as printed (德州), in order. */
  places: string[]
  /** Tokens that name the document (政府工作报告), in order. */
  words: string[]
}

/** Reads a file's base name, cut at _ - space and dots, for a year, places and the document's name. */
export function readFileName(fileName: string): FileNameFacts {
  const tokens = baseName(fileName)
    .split(/[_\s.，,、]+/)
    .filter(Boolean)
  let year: number | null = null
  const places: string[] = []
  const words: string[] = []
  for (const token of tokens) {
    const date = /^((?:19|20)\d{2})(?:年|-\d{1,2}(?:-\d{1,2})?|\d{4})?$/.exec(token)
    if (date?.[1]) {
      year ??= Number(date[1])
      continue
    }
    if (!/[\u4e00-\u9fa5]/.test(token)) continue
    if (findDivisions(token).length > 0 || isNationalName(token)) places.push(token)
    else words.push(token)
  }
  return { year, places, words }
}

/** 2024_山东省_德州_政府工作报告 -> 2024年德州政府工作报告: the innermost place as printed, then the name. */
function titleOfFileName(facts: FileNameFacts): string | null {
  const name = facts.words.join('')
  if (!hasPlanWord.test(name)) return null
  const place = facts.places[facts.places.length - 1] ?? ''
  return `${facts.year !== null ? `${facts.year}年` : ''}${place}${name}`
}

const chineseDigits = '一二三四五六七八九'

/** The n-th five-year plan (十四五 = 14th): the 1st was 1953-1957, the 2nd 1958-1962, from the 3rd on 1966 + 5(n-3). */
function fiveYearPeriod(n: number): Period {
  const from = n === 1 ? 1953 : n === 2 ? 1958 : 1966 + 5 * (n - 3)
  return { from, to: from + 4 }
}

/** The period printed in the title: 十四五, 第十四个五年, (2018-2020年), 2021年-2025年, (2021—2023). */
function periodOfTitle(title: string): Period | null {
  const fiveYear = /十([一二三四五六七八九])五|第十([一二三四五六七八九])个五年/.exec(title)
  const digit = fiveYear?.[1] ?? fiveYear?.[2]
  if (digit) return fiveYearPeriod(10 + chineseDigits.indexOf(digit) + 1)
  // (2021—2023) closes its bracket with no 年: 山东省服务业数字化转型行动方案(2021—2023)
  const range = /(\d{4})\s*年?\s*[-—–~～至到]\s*(\d{4})\s*(?:年|(?=[)）]))/.exec(title)
  if (range?.[1] && range[2] && Number(range[2]) >= Number(range[1])) {
    return { from: Number(range[1]), to: Number(range[2]) }
  }
  return null
}

/** 本规划…规划期为2021—2025年: the plan's own statement of its period. */
function periodOfBody(text: string): Period | null {
  const match = /规划期(限)?(为|是|:|：)?\s*(\d{4})\s*年?\s*[-—–~～至到]\s*(\d{4})\s*年/.exec(text)
  return match?.[3] && match[4] ? { from: Number(match[3]), to: Number(match[4]) } : null
}

/** What sort of plan the title names (see the module comment for the rules). */
export function kindOfTitle(title: string, period: Period | null = null): DocumentKind {
  const name = titleWithoutDraftNote(title).replace(/[(（〔](试行|暂行|修订|\d{4}[^)）〕]{0,20})[)）〕]$/, '')
  const fiveYear =
    /十[一二三四五六七八九]五|五年/.test(name) || (period !== null && period.to - period.from === 4)
  if (/政府工作报告|工作报告$/.test(name)) return 'work-report'
  if (/工作要点|要点$|工作计划|年度计划/.test(name)) return 'work-plan'
  if (/行动计划|行动方案/.test(name)) return 'action-plan'
  if (/规划|纲要/.test(name)) return fiveYear ? 'five-year-plan' : 'special-plan'
  if (/实施方案|工作方案|推进方案|方案$/.test(name)) return 'implementation-plan'
  if (/意见$|意见(\(|（)/.test(name)) return 'opinion'
  // 若干政策措施, 支持…的十条措施, 若干政策: measures that grant support
  if (/措施$|若干政策$|政策$/.test(name)) return 'measures'
  // 管理办法, 实施细则, 暂行规定, 条例: rules in numbered articles
  if (/办法$|细则$|规定$|条例$|规则$/.test(name)) return 'rules'
  if (/通知$/.test(name)) return 'notice'
  if (/计划$/.test(name)) return 'action-plan'
  return 'other'
}

/**
 * What a document calls itself when no title says: 制定本行动方案, 特制定本办法, 本办法所称…, 现就…提出
 * 如下意见 (the earliest such phrase wins). 'other' when it never names itself.
 */
function kindOfBody(text: string): DocumentKind {
  const self =
    /(?:制定|制订|形成|出台)了?本(行动方案|行动计划|实施方案|工作方案|方案|计划|意见|办法|细则|规定|规划|措施|政策|要点)|本(?:实施|管理|暂行)?(办法|细则|规定|条例)(?:所称|适用于|自)|(?:提出|制定)(?:如下|以下)(意见|政策措施|措施)/.exec(
      text,
    )
  const word = self?.[1] ?? self?.[2] ?? self?.[3]
  return word ? kindOfTitle(word) : 'other'
}

/** Place names that tell the jurisdiction: in a title, full names anywhere, short ones after 数字/智慧/… */
function placeNames(title: string): string[] {
  const names: string[] = []
  const bare = title.replace(/^\s*\d{4}年/, '')
  const offset = title.length - bare.length
  const national = /^(“|")?(十[一二三四五六七八九]五(”|")?)?(数字中国|中华人民共和国|中国|国家|全国)/.exec(
    bare,
  )
  // 中国(上海)自由贸易试验区: a national brand of a zone that the named place runs
  const zone = /^中国[(（]([\u4e00-\u9fa5]{2,8})[)）]/.exec(bare)?.[1]
  if (zone && findDivisions(zone).length > 0) names.push(zone)
  else if (national?.[4]) names.push(national[4])
  const mentions = findDivisionNames(
    title,
    (start) => start === offset || placePrefix.test(title.slice(0, start)),
  )
  for (const mention of mentions) names.push(mention.name)
  return names
}

/** Place names of an issuer: 福州市仓山区人民政府 -> 福州市, 仓山区; 国务院办公厅 -> 国务院. */
function issuerNames(issuer: string | null): string[] {
  if (!issuer) return []
  const names = findDivisionNames(issuer, (start) => start === 0).map((m) => m.name)
  const national = /^(国务院|中共中央|中华人民共和国|国家)/.exec(issuer)?.[1]
  // 工业和信息化部, 国家发展改革委: a ministry is national
  if (national || (names.length === 0 && /部$/.test(issuer))) names.push(national ?? '国家')
  return names
}

const levelBySuffix: [RegExp, Level][] = [
  [/(省|自治区)$/, 'province'],
  [/(市|自治州|盟|地区)$/, 'city'],
  [/区$/, 'district'],
  [/(县|旗)$/, 'county'],
]

/** The jurisdiction option: a name is resolved through the division data, fields override. */
function jurisdictionOption(
  option: string | Partial<Jurisdiction>,
  inferred: Jurisdiction | null,
): Jurisdiction {
  const given = typeof option === 'string' ? { name: option } : option
  let base = inferred
  let fields: Partial<Jurisdiction> = given
  if (given.name !== undefined) {
    base = isNationalName(given.name)
      ? { ...NATIONAL }
      : resolveJurisdiction([given.name], {
          ...(given.level ? { level: given.level } : {}),
          // 鼓楼区 given for a plan titled 福州…: the document's own place picks Fuzhou's 鼓楼区
          context: [inferred?.name, inferred?.parent].filter((n): n is string => Boolean(n)),
        })
    // 厦门 -> 厦门市: a name found in the data is given in full
    if (base) fields = { ...given, name: base.name }
    else {
      const level = given.level ?? levelBySuffix.find(([suffix]) => suffix.test(given.name as string))?.[1]
      if (!level) {
        throw new PlanCascadeError(
          'bad-option',
          `jurisdiction "${given.name}" is not in the division data and its level is not known: give { name, level }`,
        )
      }
      base = { name: given.name, level, code: null, parent: null, parentCode: null }
    }
  }
  if (!base) {
    if (!given.name || !given.level) {
      throw new PlanCascadeError('bad-option', 'the jurisdiction option needs at least a name and a level')
    }
    base = { name: given.name, level: given.level, code: null, parent: null, parentCode: null }
  }
  return { ...base, ...fields } as Jurisdiction
}

function baseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  return base.replace(/\.[^.]+$/, '')
}

/**
 * Title, issuer, jurisdiction, year, period and kind of a plan, from its normalized text. Never throws
 * on a messy text: what cannot be found is null (or the file name, for the title) with a warning. Throws
 * `bad-option` only for a jurisdiction option that cannot be made into a jurisdiction.
 */
export function inferMetadata(text: string, options: InferMetadataOptions = {}): InferredMetadata {
  expectString(text, 'inferMetadata', 'the text')
  expectOptions(options, 'inferMetadata')
  const warnings: PlanWarning[] = []
  const head = text.slice(0, headLength)
  const fileFacts = options.fileName ? readFileName(options.fileName) : null

  // title
  const front = frontMatter(text)
  const joined = joinBrokenBrackets(front)
  const printed = [
    findNoticeTitle(joined),
    findIssuedTitle(joined),
    findTitleLine(titleHead(text), loadBoilerplateRules(options.boilerplateFile)),
  ]
    .filter((t): t is TitleFound => t !== null)
    .sort((a, b) => a.at - b.at)[0]
  let title = options.title ?? printed?.title ?? null
  /** True when the title is the file's name: its year and places are then the file name's evidence. */
  let titleFromFileName = false
  if (title === null) {
    const assembled = assembleTitle(text)
    if (assembled) {
      title = assembled.title
      warnings.push({
        code: 'inferred-title',
        message: `no title is printed; "${title}" is assembled from the text (${assembled.evidence})`,
      })
    }
  }
  if (title === null) {
    titleFromFileName = true
    const fromName = fileFacts ? titleOfFileName(fileFacts) : null
    title = fromName ?? (options.fileName ? baseName(options.fileName) : '')
    warnings.push({
      code: 'missing-title',
      message: fromName
        ? `no title is printed; "${title}" is made from the file name`
        : title
          ? `no title found; using the file name "${title}"`
          : 'no title found',
    })
  }
  if (draftNote.test(title)) {
    warnings.push({ code: 'draft', message: `the title marks a draft: ${draftNote.exec(title)?.[0]}` })
  }

  // period and kind
  const titlePeriod = periodOfTitle(title)
  let period = options.period ?? titlePeriod
  let kind = options.kind ?? kindOfTitle(title, period)
  // 各位代表：现在，我代表省人民政府，向大会报告工作: a work report whatever its title says
  // 2023年工作回顾 on the first lines, with no salutation before it: a work report too
  if (
    options.kind === undefined &&
    kind === 'other' &&
    (/向大会(作|报告)[^。\n]{0,6}工作/.test(head) || /^\s*(一[、.]\s*)?\d{4}\s*年(政府)?工作回顾/.test(head))
  )
    kind = 'work-report'
  if (options.kind === undefined && kind === 'other') kind = kindOfBody(text)

  // issuer
  // 二〇二四年三月五日 reads as 2024年3月5日 for the dates of issue
  const dated = arabicDates(text)
  const datedHead = dated.slice(0, headLength)
  const signature = findSignature(dated)
  const issuer =
    issuerOf(printed?.issuerClause) ?? findIssuerLine(head, printed?.line) ?? signature?.issuer ?? null
  const meeting = findMeeting(datedHead)

  // year issued: the document's own dates (meeting, signature, publication field, closing date line,
  // its own 文号), then its title, then (work reports) the years its parts name, then 2024年是…今年, and
  // the file name last
  const publicationYear = findPublicationYear(datedHead, frontMatter(dated))
  const yearOfTitle = titleFromFileName ? null : titleYear(title)
  const textYear =
    meeting?.year ??
    signature?.year ??
    publicationYear ??
    closingDateYear(dated) ??
    documentNumberYear(datedHead) ??
    yearOfTitle ??
    (kind === 'work-report' ? reportPartYear(text) : null) ??
    presentYear(text)
  let inferredYear = textYear
  if (inferredYear === null && fileFacts?.year != null && options.year === undefined) {
    inferredYear = fileFacts.year
    warnings.push({
      code: 'year-from-file-name',
      message: `no year is printed; ${inferredYear} is taken from the file name`,
    })
  }
  let unknownYear: string | null = null
  if (inferredYear === null && options.year === undefined) {
    // estimates, said to be so: a plan for 2021—2025 (十四五) is issued in its first year, as a rule;
    // 本办法自2022年4月30日起施行 takes effect in the year it is issued, as a rule
    const estimate = estimateIssueYear(
      text,
      (titleFromFileName ? null : titlePeriod)?.from ?? null,
      periodOfBody(text)?.from ?? null,
    )
    if (estimate.year !== null) {
      inferredYear = estimate.year
      warnings.push({
        code: 'year-estimated',
        message: `no date of issue is printed; ${estimate.reason}`,
      })
    } else unknownYear = estimate.reason
  }
  const year = options.year ?? inferredYear
  if (options.year === undefined && inferredYear === null) {
    warnings.push({
      code: 'missing-year',
      message: `no year of issue found (no date, no year in the title)${unknownYear ? `; ${unknownYear}` : ''}`,
    })
  }
  if (
    options.year === undefined &&
    yearOfTitle !== null &&
    year !== null &&
    Math.abs(year - yearOfTitle) > 1
  ) {
    warnings.push({
      code: 'conflicting-years',
      message: `the title says ${yearOfTitle} but the document is dated ${year}`,
    })
  }
  if (!period && kind === 'work-plan' && yearOfTitle !== null) period = { from: yearOfTitle, to: yearOfTitle }
  if (!period && !options.period) period = periodOfBody(text)

  // jurisdiction: the title, the issuer, the assembly and the government that reports; then the file name
  const names = [
    ...(titleFromFileName ? [] : placeNames(title)),
    ...issuerNames(issuer),
    ...(meeting?.names ?? []),
    ...reportingGovernment(head),
  ]
  const context = findDivisionNames(head.slice(0, 500)).map((m) => m.name)
  let jurisdiction = resolveJurisdiction(names, { context })
  if (!jurisdiction && options.jurisdiction === undefined) {
    // 全市 forty times and 济南 thirty: the city that speaks of itself, before the file's name
    const own = ownDivision(text)
    if (own) {
      jurisdiction = own.jurisdiction
      warnings.push({
        code: 'jurisdiction-from-places-named',
        message: `no place is named in the title, issuer or opening; the text names ${own.jurisdiction.name} most (${own.score.toFixed(1)} against ${own.runnerUp.toFixed(1)})`,
      })
    }
  }
  if (!jurisdiction && options.jurisdiction === undefined && fileFacts && fileFacts.places.length > 0) {
    jurisdiction = resolveJurisdiction(fileFacts.places, { context })
    if (jurisdiction) {
      warnings.push({
        code: 'jurisdiction-from-file-name',
        message: `no place is named in the title, issuer or opening; ${jurisdiction.name} is taken from the file name`,
      })
    }
  }
  if (!jurisdiction && options.jurisdiction === undefined) {
    // a report that names no government of its own names its counties: 隆昌市, 威远县, 资中县 -> 内江市
    jurisdiction = dominantDivision(text)
    if (jurisdiction) {
      warnings.push({
        code: 'jurisdiction-from-places-named',
        message: `no government is named in the title, issuer, opening or file name; ${jurisdiction.name} holds most places the text names`,
      })
    }
  }
  if (options.jurisdiction !== undefined) {
    jurisdiction = jurisdictionOption(options.jurisdiction, jurisdiction)
  } else if (!jurisdiction) {
    warnings.push({ code: 'missing-jurisdiction', message: 'no place name in the title or the issuer' })
  } else if (jurisdiction.code === null && jurisdiction.level !== 'national') {
    warnings.push({
      code: 'ambiguous-jurisdiction',
      message: `several divisions are called ${jurisdiction.name}; give the jurisdiction option to choose`,
    })
  }

  // 政府工作报告 alone on the first line: the genre is printed, the government and year are not
  if (
    options.title === undefined &&
    !titleFromFileName &&
    bareGenreTitle.test(title) &&
    year !== null &&
    jurisdiction &&
    jurisdiction.level !== 'national'
  ) {
    const bare = title
    title = `${year}年${jurisdiction.name}${bare}`
    warnings.push({
      code: 'inferred-title',
      message: `the printed title "${bare}" names no government or year; "${title}" adds them`,
    })
  }

  // 各位代表：… with no title line: a work report is named for its government and year
  if (
    options.title === undefined &&
    titleFromFileName &&
    kind === 'work-report' &&
    year !== null &&
    jurisdiction &&
    (jurisdiction.code !== null || jurisdiction.level === 'national')
  ) {
    const place = jurisdiction.level === 'national' ? '' : jurisdiction.name
    title = `${year}年${place}政府工作报告`
    const index = warnings.findIndex((w) => w.code === 'missing-title')
    if (index >= 0) warnings.splice(index, 1)
    warnings.push({
      code: 'inferred-title',
      message: `no title is printed; "${title}" is made from the report's year and government`,
    })
  }

  return { title, issuer, jurisdiction, year, period, kind, warnings }
}

/** A title that is only the name of its genre. */
const bareGenreTitle = /^(政府工作报告|工作报告|工作要点|工作计划)$/
