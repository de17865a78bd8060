/**
 * Quantitative targets of a text: every figure that states an amount (a number with a measure unit, a
 * percentage, percentage points, a fraction, a ratio), with how it compares, what it measures, when it
 * is due and whether it is history.
 *
 * What is not a target: dates (2019年 3月20日), ordinals (第二届), names (5G, 12345平台, 十四五, “1+4+N”,
 * 单一窗口3.0), labels (表1 重点工程1), figures in quotes and book titles (“15分钟便民服务圈”,
 * 《…(2018-2020年)》), numbers without a unit (全市排名第一, 100M以上用户), counts of named things
 * written in Chinese after 等 (等四个方面, 等五大产业) or with a structural noun or verb from the lexicon
 * (五大方面28项细则, 提出38项重点任务), 一 before a counter (一张网, 一件事), and the denominator of a
 * per-capita figure (每万人). Times (小时, 天) count only with a comparator (3个工作日内).
 */

import { expectArgument, expectOptions, expectString, isRecord } from '../arguments.js'
import type { Comparator, Direction, Target, TargetKind, TargetStatus } from '../model'
import { flipComparator, readComparator, readDirection } from './comparators'
import {
  loadMetricLexicon,
  loadPartCues,
  loadUnitTable,
  type MetricLexicon,
  type PartCues,
  type UnitTable,
} from './data'
import {
  cleanName,
  GROWTH_ONLY,
  memberName,
  metricFamily,
  readAfter,
  shorten,
  stripChangeWords,
  stripLead,
} from './metric'
import { findQuantities, type Quantity } from './quantities'
import {
  boundaryAfter,
  boundaryBefore,
  CLAUSE_END,
  foldWidth,
  quotedRanges,
  rangeMask,
  SENTENCE_END,
} from './text'
import { type TimeContext, timeReader } from './time'

/**
 * What the extractor knows of the plan a text comes from: its year and period, and where in the
 * document the text is (the parser's part role, the section titles, the time carried in from the text
 * before), which decide whether a figure is a target or a result.
 */
export interface TargetContext extends TimeContext {}

/** A target with its span relative to the text given. */
export type TargetDraft = Omit<Target, 'span'> & { span: [number, number] }

export interface ExtractTargetsOptions {
  /** Metric lexicon; default the bundled `data/metrics.json`. */
  metrics?: MetricLexicon
  /** Unit table; default the bundled `data/units.json`. */
  units?: UnitTable
  /** Section-title words of document parts; default the bundled `data/parts.json`. */
  parts?: PartCues
}

/** Words that only say how often: 日均, 每月 (日均1万次以上服务请求). */
const RATE_PREFIX = /^(日均|月均|年均|每[日月年天周])$/u
/** Classes whose figures are proportions. */
const RATE_CLASSES = new Set(['percent', 'permille', 'points', 'fraction', 'ratio', 'multiple'])

/** A growth verb right before the figure: 比增达20%, 年均提高2个百分点, 增长率为18.6%, 涨幅2%. */
const GROWTH_BEFORE =
  /(增长率?|增速|增幅|涨幅|上涨|比增|同比|环比|提高|提升|增加|降低|下降|减少|压减|压缩|缩减|缩短|回落|降幅|上升|下跌)(了|为|是|达到?)?$/u
/** A metric that names a growth: 数字经济规模增速, 智能产业增加值年均增长率, 居民消费价格涨幅. */
const GROWTH_METRIC = /(增速|增长率|增幅|涨幅|上涨|增长|比增|降幅|下降率|下降|降低)$/u
/** The figure a change starts from: 由55%提高到60%, 从2020年的10.5万元提高到…, 较“十三五”末的9323.1亿元增加. */
const FROM_BEFORE =
  /(?:^|[^自理])(?:由|从|较|比)(?:(?:19|20)\d{2}年(?:底|末)?|“?十[一二三四五]五”?末|上年|去年)?的?$/u
const TO_AFTER =
  /^(?:的)?(?:(?:提高|提升|增加|增长|下降|降低|扩大|减少|上升|压减|缩小|跃升|攀升|增|降)(?:到|至|为)|到|至|增加|增长|下降|降低|提高)/u
/** Nouns of a stock: 公共数据储备量, 数字经济规模, 注册用户. */
const LEVEL_NOUNS = /累计|总量|规模|储备量|保有量|存量|总数|产值|收入|营收|用户|注册量|拥有量|汇聚量/u
/** Comparator words that set a threshold for a stock: 数达800家, 突破220项. */
const LEVEL_PREFIXES = new Set(['达', '达到', '突破', '超过', '超', '逾'])
const INCREMENT_VERBS =
  /净增|新建|新增|新开工|开工|引进|培育|打造|实施|开展|推出|举办|组织|认定|遴选|孵化|签约|招引|试点|增补|上线|创建|扶持|支持|推动|推进|完成|建设|攻关|征集|发放|改造|落地|部署|安装|争创|入选|评选|开通|建立|设立|成立|纳入|新培育|新认定|增加/gu
const LEVEL_VERBS =
  /建成|累计|拥有|覆盖|保持|扩大到|扩大至|增至|提高到|提高至|提升至|提升到|达到|归集|汇聚|接入|入驻|注册/gu
/** Words before a time figure that make it a target: 压缩至3个工作日, 控制在5天. */
const TIME_LEAD = /(至|到|为|在|压缩至|缩短至|缩短到|压减至)$/u

/**
 * Extract the quantitative targets (and baselines) of `text`, in order of position. Spans are relative
 * to `text`. The text should be normalized (half-width digits and brackets) but full-width forms are
 * tolerated.
 */
export function extractTargets(
  text: string,
  context: TargetContext,
  options: ExtractTargetsOptions = {},
): TargetDraft[] {
  expectString(text, 'extractTargets', 'text')
  expectArgument(isRecord(context), 'extractTargets', 'context to be { year, period }', context)
  expectOptions(options, 'extractTargets')
  const lexicon = options.metrics ?? loadMetricLexicon()
  const units = options.units ?? loadUnitTable()
  const t = foldWidth(text)
  const quoted = quotedRanges(t)
  const readTime = timeReader(t, quoted, context, options.parts ?? loadPartCues())
  // a figure strictly after an opening quote and before its closer: (a, b)
  const insideQuote = rangeMask(t.length, quoted, 1)
  const quantities = findQuantities(t, units)
  const drafts: TargetDraft[] = []
  let lastEnd = 0

  // First the figures (filters need nothing but the figure and its comparator), then what they measure.
  const figures: Array<{ q: Quantity; cmp: ReturnType<typeof readComparator> }> = []
  for (const q of quantities) {
    if (!isFigure(t, q, insideQuote, lexicon)) continue
    const cmp = readComparator(t, q.start, q.end, q.unitClass, q.bare)
    if (q.bare && q.numeral.length === 1 && !cmp.prefix) continue // 万人 in 每万人, 百度
    if (
      q.unitClass === 'time' &&
      cmp.comparator === '=' &&
      !TIME_LEAD.test(t.slice(Math.max(0, q.start - 3), q.start))
    ) {
      continue // 24小时自助服务区
    }
    figures.push({ q, cmp })
  }

  for (let i = 0; i < figures.length; i++) {
    const { q, cmp } = figures[i] as (typeof figures)[number]
    const start = Math.max(cmp.start, lastEnd)
    const end = cmp.end
    const time = readTime(start)
    // 由55%提高到60%: the 55% is where the change starts.
    const from = FROM_BEFORE.exec(t.slice(Math.max(0, start - 14), start))
    const baseline =
      from && TO_AFTER.test(t.slice(end, next0(figures, i, t.length)))
        ? { printedYear: printedYearOf(from[0]) }
        : null
    const status: TargetStatus = baseline ? 'baseline' : time.status
    let comparator: Comparator = cmp.comparator
    if (q.form === 'range') comparator = 'range'
    else if (q.more && comparator === '=') comparator = '>' // 500多个, 200余家
    // A result states a fact: 达到423.19亿元 is what was reached, not a floor.
    if (status !== 'planned' && (cmp.prefix === '达' || cmp.prefix === '达到') && !cmp.suffix)
      comparator = '='

    // The clause around the figure: what it measures and which verb governs it.
    const clauseStart = boundaryBefore(t, start, CLAUSE_END)
    const listStart = boundaryBefore(t, start, /[、(（]/u, clauseStart)
    const sentenceStart = boundaryBefore(t, start, SENTENCE_END)
    const prev = drafts[drafts.length - 1]
    const prevInSentence = prev && prev.span[0] >= sentenceStart ? prev : undefined
    const afterFigure = prev !== undefined && prev.span[1] >= listStart && prev.span[1] <= start
    const leftStart = afterFigure ? (prev as TargetDraft).span[1] : listStart
    // 占全国比重由2020年的 | 7.2%: the name stops before where the change starts.
    const leftRaw = baseline ? t.slice(leftStart, start).replace(FROM_TAIL, '') : t.slice(leftStart, start)
    const next = figures[i + 1]
    const rightEnd = Math.min(rightBoundary(t, end), next ? next.q.start : t.length)
    const rightRaw = t.slice(end, Math.max(end, rightEnd))

    const left = stripLead(leftRaw)
    const right = readAfter(rightRaw)
    const firstInClause = firstDraftFrom(drafts, clauseStart)
    // The verb that governs a list is printed before its first item: 新建5G基站3200个、…750个.
    let verbZone = t.slice(clauseStart, firstInClause ? firstInClause.span[0] : leftStart) + left.verbs
    const subject = () =>
      prevInSentence?.metric ||
      clauseSubject(t, boundaryBefore(t, clauseStart - 1, CLAUSE_END), clauseStart - 1)
    const gap = cmp.prefix ? t.slice(cmp.start + cmp.prefix.length, q.start) : ''
    const leftClean = cleanName(leftRaw.replace(LEAD_TIME_WORDS, ''))
    const sharePart = gap.startsWith('占') ? gap : leftClean.startsWith('占') ? leftClean : ''
    let metric: string
    const leftName = RATE_PREFIX.test(left.name) ? '' : afterLastDe(left.name)
    if (sharePart) {
      // 约占全市20%, 占地区生产总值的比重超过50%: a share of a whole, of the subject before.
      metric = `${subject()}${sharePart.replace(/的/gu, '').replace(/(比重|比例|占比)?$/u, '比重')}`
    } else if (/^(高于|低于|超出)/u.test(leftClean) && !GROWTH_ONLY.test(left.name) && subject()) {
      // 高于福州0.8个百分点: the difference of the metric before.
      metric = subject()
    } else if (GROWTH_ONLY.test(left.name) && (prevInSentence || !afterFigure)) {
      // 物联网产值突破340亿元,比增达20%以上: the growth of the metric before.
      const base = subject()
      metric = base ? `${base.replace(/(增速|增长率|增幅)$/u, '')}增速` : left.name
    } else if (afterFigure || leftName.length < 2) {
      metric = right.length >= 2 ? (RATE_PREFIX.test(left.name) ? left.name + right : right) : leftName
      if (metric.length < 2) {
        metric = prevInSentence?.metric || lookBack(t, sentenceStart, clauseStart) || subject() || left.verbs
      }
      verbZone = t.slice(clauseStart, firstInClause ? firstInClause.span[0] : start)
    } else if (left.endsWithVerb) {
      // 在重点发展产业和未来产业实施 | 10个以上重大科技项目: the noun after the figure.
      metric = right.length >= 2 ? right : leftName
    } else if (right.length >= 2 && !cmp.prefix) {
      // 加快首届峰会 | 64个项目建设: a modifier before, the head noun after.
      metric = leftName + right
    } else {
      metric = leftName
    }
    metric = cleanName(metric)
    // 城镇新增就业110万人: the lexicon's name, not 新增 + 就业.
    if (!sharePart) metric = memberName(leftRaw, metric, lexicon) ?? metric
    // 城乡居民人均可支配收入分别增长5%、6%: the k-th figure after 分别 measures the k-th name before it.
    const each = distributed(t, clauseStart, start, drafts)
    if (each) metric = each
    // 增长5.7%,高于全国0.7个百分点: the difference of the figure before, measured the same way.
    const difference =
      q.unitClass === 'points' &&
      prevInSentence &&
      /(高于|低于|超出|快于|慢于)[^,，;；]{0,8}$/u.test(leftClean)
        ? prevInSentence
        : undefined
    if (difference) metric = difference.metric

    // 分别增长6.5%和7%, 增长23.9%、35.8%: a figure listed after one of the same class is measured the same way.
    const listedAfter =
      prev &&
      prev.span[0] >= clauseStart &&
      /^[、和及与]$/u.test(t.slice(prev.span[1], start).trim()) &&
      RATE_CLASSES.has(q.unitClass) === (unitClassOf(prev) === 'percent')
        ? prev
        : undefined
    const kind =
      difference?.kind ?? listedAfter?.kind ?? readKind(q, cmp.prefix, status, metric, verbZone, leftRaw)
    const direction = listedAfter
      ? listedAfter.direction
      : readDirection(t.slice(Math.min(leftStart, start), q.start), kind)
    if (kind === 'growth') metric = stripChangeWords(metric)
    metric = shorten(metric)
    const draft: TargetDraft = {
      text: text.slice(start, end),
      value: q.value,
      valueMax: q.valueMax,
      unit: q.unit,
      ...signed(q, comparator, kind, direction),
      normalizedUnit: q.normalizedUnit,
      kind,
      status,
      direction,
      ...years(time, kind, baseline, t.slice(clauseStart, start), context),
      metric,
      metricFamily: metricFamily(metric, lexicon),
      span: [start, end],
    }
    drafts.push(draft)
    lastEnd = end
  }
  return drafts
}

/** The longest list after 分别 that is read as one (分别增长2%、5.5%、6.5%、7%和8%左右 is 26). */
const DISTRIBUTED_LIST_LENGTH = 80

/** 城乡居民 (urban and rural residents) before 分别: the two groups it names, in that order. */
const BOTH_GROUPS: Array<[RegExp, string[]]> = [[/^城乡居民/u, ['城镇居民', '农村居民']]]

/**
 * The name a figure measures in a list that 分别 distributes (规上工业增加值、规上服务业营收分别增长6.5%和7%;
 * 第一、第二、第三产业增加值分别增长2%、5.5%和6.5%; 城乡居民人均可支配收入分别增长5%、6%), or null when
 * the figure is not in one or the names do not match the figures in number.
 */
function distributed(t: string, clauseStart: number, start: number, drafts: TargetDraft[]): string | null {
  // a list that 分别 distributes is short: 分别增长2%、5.5%和6.5%. Only the last stretch of the clause
  // is searched, so a long clause without 分别 (30%以上 run on for a page) costs nothing per figure.
  const windowStart = Math.max(clauseStart, start - DISTRIBUTED_LIST_LENGTH)
  const found = t.slice(windowStart, start).lastIndexOf('分别')
  if (found < 0) return null
  const clause = t.slice(clauseStart, start)
  const at = windowStart + found - clauseStart
  let k = 0
  for (let j = draftIndexFrom(drafts, clauseStart + at); j < drafts.length; j++) {
    if ((drafts[j] as TargetDraft).span[0] >= start) break
    k++
  }
  // Only figures joined by 、 和 及 与 (with their 左右, 以上) belong to the list.
  if (!/^分别[^、和及与]*?(?:[\d.]+[^、和及与\d]{0,6}[、和及与])*$/u.test(clause.slice(at))) return null
  const head = stripLead(clause.slice(0, at)).name
  let names = head.split(/[、和与及]/u).filter(Boolean)
  if (names.length === 0) return null
  if (names.length === 1) {
    const group = BOTH_GROUPS.find(([re]) => re.test(head))
    if (group) names = group[1].map((g) => head.replace(group[0], g))
  } else {
    // 第一、第二、第三产业增加值: the last name carries the head noun the others share.
    const last = names[names.length - 1] as string
    const width = (names[0] as string).length
    if (names.slice(0, -1).every((n) => n.length === width) && last.length > width + 1) {
      const tail = last.slice(width)
      names = names.map((n, j) => (j === names.length - 1 ? n : n + tail))
    }
  }
  return names.length >= 2 && k < names.length ? cleanName(names[k] as string) : null
}

/** The first draft starting at or after `from` (drafts are in order of position): a binary search. */
function firstDraftFrom(drafts: TargetDraft[], from: number): TargetDraft | undefined {
  return drafts[draftIndexFrom(drafts, from)]
}

/** The index of the first draft starting at or after `from`. */
function draftIndexFrom(drafts: TargetDraft[], from: number): number {
  let lo = 0
  let hi = drafts.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((drafts[mid] as TargetDraft).span[0] < from) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Filters on the figure itself (see the module comment). */
function isFigure(t: string, q: Quantity, insideQuote: Uint8Array, lexicon: MetricLexicon): boolean {
  if (insideQuote[q.start]) return false
  const before = t.slice(Math.max(0, q.start - 4), q.start)
  if (/第\s?$/u.test(before)) return false // 第二届
  if (/[A-Za-z+]$/u.test(before)) return false // IPv6, 5G+8K, 1+4+N
  if (/每\s?$/u.test(before)) return false // 每万人
  if (/^[+]/u.test(t.slice(q.end))) return false
  if (q.chinese) {
    if (/等$/u.test(before)) return false // 等四个方面
    // 针织、棉纺、电子、汽配四个试点行业: a count of the things just listed.
    const clause = t.slice(boundaryBefore(t, q.start, CLAUSE_END), q.start)
    if (/、[^、]{1,6}$/u.test(clause)) return false
    const one = /^[一壹]$/u.test(q.numeral) && !/^(个百分点|百分点|倍|%)$/u.test(q.unit)
    if (one) return false // 一张网, 一件事
  }
  const after = t.slice(q.end, q.end + 6).replace(/^(以上|以下|左右)/u, '')
  if (lexicon.ignore.nouns.some((n) => after.startsWith(n))) return false
  if (lexicon.ignore.verbs.some((v) => before.endsWith(v))) return false
  return true
}

/** End of the noun phrase after a figure: a clause end or a bracket. */
function rightBoundary(t: string, from: number): number {
  return boundaryAfter(t, from, /[(（]/u, boundaryAfter(t, from, CLAUSE_END))
}

/** Time words that open a clause, removed before looking for 占 (2020年占全市…). */
const LEAD_TIME_WORDS = /^(?:(?:到|至|截至)?(?:19|20)\d{2}年(?:底|末)?|目前|当前)/u

/** 符合条件的融资担保公司 -> 融资担保公司: the head after the last 的, unless that is a bare 比重. */
function afterLastDe(name: string): string {
  const i = name.lastIndexOf('的')
  if (i < 0) return name
  const tail = name.slice(i + 1)
  return tail.length >= 2 && !/^(比重|比例|占比|数量|规模)$/u.test(tail) ? tail : name
}

/** The subject of a clause: 2020年我区12345平台案件受理总量全市排名第一 -> 12345平台案件受理总量. */
function clauseSubject(t: string, from: number, to: number): string {
  if (to <= from) return ''
  const name = stripLead(t.slice(from, to)).name
  return name.replace(/(全市|全区|全省|全国|排名|位居|位列|名列|居全|数量|约占|占).*$/u, '')
}

/** A head noun earlier in the sentence, for 新开工50项以上 after 加强…电子政务类项目管理. */
function lookBack(t: string, sentenceStart: number, clauseStart: number): string {
  const before = t.slice(sentenceStart, clauseStart)
  const heads = [...before.matchAll(/[^,，;；。、:：\s]*?(项目|企业|平台|场景|应用|基站|事项|数据)/gu)]
  const last = heads[heads.length - 1]
  if (!last) return ''
  return stripLead(last[0]).name
}

/** increment | level | share | growth (see `TargetKind`). */
function readKind(
  q: Quantity,
  prefix: string,
  status: TargetStatus,
  metric: string,
  verbZone: string,
  leftRaw: string,
): TargetKind {
  const rate = RATE_CLASSES.has(q.unitClass)
  const growthVerb = GROWTH_BEFORE.test(leftRaw.trimEnd())
  if (rate && (growthVerb || GROWTH_METRIC.test(metric))) return 'growth'
  if (rate) return 'share'
  if (LEVEL_NOUNS.test(metric)) return 'level'
  if (/累计/u.test(verbZone)) return 'level'
  if (LEVEL_PREFIXES.has(prefix)) return 'level'
  let best: { index: number; kind: TargetKind } | null = null
  for (const [re, kind] of [
    [INCREMENT_VERBS, 'increment'],
    [LEVEL_VERBS, 'level'],
  ] as const) {
    for (const m of verbZone.matchAll(re)) {
      const index = (m.index ?? 0) + m[0].length
      if (!best || index > best.index) best = { index, kind }
    }
  }
  const countable = q.unitClass === 'count' || q.unitClass === 'bare'
  // Money, records and sizes are stocks unless said new: 打造物联网千亿元产业集群 is a level.
  if (best?.kind === 'increment' && !countable && !/新增|新开工|引进|投入|增加|新建/u.test(verbZone))
    return 'level'
  if (best) return best.kind
  // A result stated without a verb is a state: 国家高新技术企业1.28万家 counts what there is.
  return countable && status === 'planned' ? 'increment' : 'level'
}

/** Whether a draft's unit is a proportion (%, 个百分点, 倍 …), from its base unit. */
function unitClassOf(draft: TargetDraft): string {
  return /^(%|‰|个百分点|倍|:)$/u.test(draft.normalizedUnit) ? 'percent' : 'count'
}

/** Offset where the figure after figure `i` starts (or `end`). */
function next0(figures: Array<{ q: Quantity }>, i: number, end: number): number {
  const next = figures[i + 1]
  return next ? next.q.start : end
}

/**
 * The figure in base units, signed: a change that falls is negative (下降3% -> −3, 下降3-5% -> −5..−3),
 * and its comparator is read on the signed value (下降3%以上 -> <= −3). States (levels, shares) keep their
 * sign: 降至4%以下 is a share of at most 4%.
 */
function signed(
  q: Quantity,
  comparator: Comparator,
  kind: TargetKind,
  direction: Direction | null,
): { normalized: number; normalizedMax: number | null; comparator: Comparator } {
  if (direction !== 'decrease' || (kind !== 'growth' && kind !== 'increment')) {
    return { normalized: q.normalized, normalizedMax: q.normalizedMax, comparator }
  }
  if (q.normalizedMax !== null)
    return { normalized: -q.normalizedMax, normalizedMax: -q.normalized, comparator }
  return {
    normalized: q.normalized === 0 ? 0 : -q.normalized,
    normalizedMax: null,
    comparator: flipComparator(comparator),
  }
}

/** The from-part at the end of a name: 占全国比重由2020年的, 规模以上工业企业从. */
const FROM_TAIL = /(?:由|从|较|比)(?:(?:19|20)\d{2}年(?:底|末)?|“?十[一二三四五]五”?末|上年|去年)?的?$/u

/** The year printed in a from-part: 由2020年的 -> 2020, 较“十三五”末的 -> 2020, else null. */
function printedYearOf(from: string): number | null {
  const m = /((?:19|20)\d{2})年|(十[一二三四五])五”?末/u.exec(from)
  if (!m) return null
  return m[1] ? Number(m[1]) : (PLAN_END[m[2] as string] ?? null)
}

/** A base year printed before a change: 比2020年下降13.5%, 较“十三五”末增加. */
const PRINTED_BASE = /(?:比|较)(?:((?:19|20)\d{2})年|“?(十[一二三四五])五”?末)/u
const PLAN_END: Record<string, number> = { 十一: 2010, 十二: 2015, 十三: 2020, 十四: 2025, 十五: 2030 }

/**
 * The years of a figure: when it is due or was reached; the first year of a period, for a flow or a
 * rate over several years (a stock is at one time); and the year a change is measured from, printed
 * (比2020年) or implied (the year before the figure's, or before its period).
 */
function years(
  time: { year: number | null; yearFrom: number | null },
  kind: TargetKind,
  baseline: { printedYear: number | null } | null,
  before: string,
  context: TargetContext,
): { year: number | null; yearFrom: number | null; referenceYear: number | null } {
  if (baseline) {
    // 由2020年的7.2%: printed; 由55%提高到60%: the year before the change (before its period, in a plan of one).
    if (baseline.printedYear !== null)
      return { year: baseline.printedYear, yearFrom: null, referenceYear: null }
    if (time.year === null) return { year: null, yearFrom: null, referenceYear: null }
    const from =
      time.yearFrom ?? (context.period && context.period.to === time.year ? context.period.from : null)
    return { year: from !== null ? from - 1 : time.year - 1, yearFrom: null, referenceYear: null }
  }
  const change = kind === 'growth' || kind === 'increment'
  const yearFrom = change ? time.yearFrom : null
  if (!change || time.year === null) return { year: time.year, yearFrom, referenceYear: null }
  const printed = PRINTED_BASE.exec(before)
  const referenceYear = printed
    ? printed[1]
      ? Number(printed[1])
      : (PLAN_END[printed[2] as string] ?? null)
    : yearFrom !== null
      ? yearFrom - 1
      : time.year - 1
  return { year: time.year, yearFrom, referenceYear }
}
