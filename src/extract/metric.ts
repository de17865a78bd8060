/**
 * What a figure measures: a short name taken from the words around it, and the family of comparable
 * metrics it belongs to (from the metric lexicon).
 *
 * The name is the noun phrase before the figure, without time, place, verb and comparator words
 * (实现公共数据储备量超150亿条 -> 公共数据储备量; 市、县两级审批服务事项网上可办率不低于90% ->
 * 审批服务事项网上可办率), or, when the verb comes right before the number, the noun phrase after
 * it (实施20个以上人工智能场景应用示范项目 -> 人工智能场景应用示范项目).
 */
import type { MetricLexicon } from './data'
import { dropParentheticals, stripMarks, trimEndChars } from './text'

/** Time words that open a phrase: 到2025年底, 2019年, 年内, 目前, 连续8年. */
const LEAD_TIME =
  /^(?:连续(?:\d+|[一二两三四五六七八九十]+)年|(?:到|至|截至|截止到?)?(?:19|20)\d{2}\s*年(?:底|末|前|内|度|以来)?(?:\d{1,2}月(?:底|末)?)?|\d{1,2}月(?:底|末)?前?|年内|今年|明年|本年|全年|年度|目前|当前|现阶段|期间|近年来|多年来|(?:\d+|[一二三四五六七八九十]+)年来|“?十[一二三四五六]五”?(?:期间|时期|末)?)/u

/** Places that open a phrase: 全市, 我区, 福州市, 市、县两级, 省、市、县三级. */
const LEAD_PLACE =
  /^(?:[^,，;；。]{1,12}?等(?:领域|行业|方面|地)|全国|全省|全市|全区|全县|我省|我市|我区|我县|本市|本区|各地|各区|各县|(?:[省市县区镇乡村]、?){1,5}[两二三四五]级|[\u4e00-\u9fa5]{2}(?:省|市|区|县)(?![级直属内外]))/u

/** Verbs and adverbs stripped from the start of a phrase (the verb decides the kind, not the name). */
const LEAD_WORDS =
  /^(?:力争|争取|确保|计划|预计|进一步|全面|持续|累计|实现|推动|推进|完成|新建|建成|新增|新开工|开工|引进|培育|打造|实施|开展|推出|举办|组织|支持|扶持|认定|满足|提供|归集|汇聚|服务于|加强|全部|所有|允许|落地|按照|按|对|在|将|使|让|把|从|共计|总计|合计|其中|基本|确保|达到|达|约|占|新培育|深化|建设|加快|用好|投入|发放|落实|创新|攻关|拓展|构建|形成|争创|入选|带动|带来|完成了)/u

/** Verbs after which the rest of a phrase is the metric: e福州平台各终端力争实现注册用户 -> 注册用户. */
const INNER_VERBS =
  /(力争|争取|确保|实现|完成|达到|提供|新建|新增|建成|推动|推进|开展|实施|打造|引进|组织|支持|扶持|累计|计划|培育|扩大到|扩大至|推出|举办|增至|增加到|提高到|提升至)/gu

/** Verbs that end a noun phrase read after the figure: 10组“一件事”服务场景上线运行 -> 一件事服务场景. */
const TAIL_VERBS =
  /(增长|下降|增速|同比|比上年|较上年|提高|降低|减少|增加|安排|进行|入驻|纳入|落地|上线|运行|进入|入选|实现|用于|开展|参与|接入|完成|达到|获得|通过|提供|免提交|试点探索|探索|予以|给予|建设$|工作$|改造$|和一批|及一批|和一些)/u

/** Growth words that name no metric on their own: 比增达20%以上 measures the metric before it. */
export const GROWTH_ONLY =
  /^(比增|同比增长|同比|增长|增速|增幅|环比增长|年均增长|比上年增长|年均提高|年均提升|年均增加|提高|提升|增加)$/u

/** A name cleaned of quotes, brackets, spaces and a trailing particle. */
export function cleanName(s: string): string {
  return trimEndChars(
    stripMarks(dropParentheticals(s))
      .replace(/^[的和与及、,，]+/u, '')
      .replace(/(给予|予以|按照|按|每年|每月|每日|年均|平均)$/u, '')
      // 地区生产总值按增长5%安排: 按 belongs to the phrasing, not to the name.
      .replace(/按(?=增长|下降|提高)/u, '')
      // 单位GDP能耗比2020年下降 -> 单位GDP能耗下降: the base year of a change is not part of the name.
      .replace(/(比|较)(上年|去年|(19|20)\d{2}年(底|末)?)/u, '')
      // 耕地面积连续4年净增: how many years in a row is time, not part of the name.
      .replace(/连续(?:\d+|[一二两三四五六七八九十]+)年/gu, '')
      // 跨境电商综试区扩容至 | 7个, 粮食总产量连续9年稳定在 | 1300亿斤: the verb that leads to the figure.
      .replace(
        /(?:连续(?:\d+|[一二两三四五六七八九十]+)年)?(?:扩容至|扩大至|扩大到|增至|增加到|增加至|提高到|提高至|提升到|提升至|降至|降到|下降到|下降至|减少到|减少至|压减至|压减到|压缩至|缩短至|缩短到|稳定在|保持在|维持在|稳在)$/u,
        '',
      ),
    '的和与及等、,，为占约',
  )
}

/** Strip time, place and verb words from the start of a phrase before a figure, repeatedly. */
export function stripLead(phrase: string): { name: string; verbs: string; endsWithVerb: boolean } {
  let s = cleanName(phrase)
  let verbs = ''
  for (let guard = 0; guard < 8; guard++) {
    const m = LEAD_TIME.exec(s) ?? LEAD_WORDS.exec(s) ?? LEAD_PLACE.exec(s)
    if (!m || m[0].length === 0) break
    if (LEAD_WORDS.test(m[0])) verbs += m[0]
    s = s.slice(m[0].length)
  }
  // The last inner verb: what follows it is the metric when it is long enough.
  let last = -1
  let lastLen = 0
  for (const m of s.matchAll(INNER_VERBS)) {
    last = m.index ?? -1
    lastLen = m[0].length
  }
  if (last > 0 && s.length - last - lastLen >= 2) {
    verbs += s.slice(0, last + lastLen)
    s = s.slice(last + lastLen)
  } else if (last >= 0 && s.length - last - lastLen === 0) {
    // 为e福州便民服务新增 | 20项以上功能应用: the verb governs the figure, the noun comes after it.
    return { name: cleanName(s.slice(0, last)), verbs: verbs + s.slice(last), endsWithVerb: true }
  }
  return { name: cleanName(s), verbs, endsWithVerb: verbs.length > 0 && s.length === 0 }
}

/** The noun phrase printed after a figure, up to a verb or a clause end. */
export function readAfter(phrase: string): string {
  if (/^[、,，;；]/u.test(phrase)) return ''
  let s = cleanName(phrase.replace(/^(?:以上|以下|左右|的)/u, ''))
  // 示范性强、带动性广的数联网试点典型应用场景: qualities listed before 的, the noun after it;
  // 省直公益一类事业单位的所有非密业务系统: the counted noun before 的.
  const de = s.indexOf('的')
  if (de > 0) s = /、/u.test(s.slice(0, de)) ? s.slice(s.lastIndexOf('的') + 1) : s.slice(0, de)
  // The first list comma ends the phrase, except in 省、市数字农业项目.
  let from = 0
  for (;;) {
    const comma = s.indexOf('、', from)
    if (comma < 0) break
    if (/^[省市县区镇乡村]$/u.test(s.slice(from, comma))) {
      from = comma + 1
      continue
    }
    s = s.slice(0, comma)
    break
  }
  const m = TAIL_VERBS.exec(s)
  if (m && (m.index ?? 0) > 0) s = s.slice(0, m.index)
  else if (m && m.index === 0) s = ''
  return cleanName(s)
}

/** How many characters at the end of a name can hold the words of a change (年均同比增长了 is 7). */
const CHANGE_WORDS_WINDOW = 24

/**
 * A growth's name without the words of its change, which the kind and the direction say:
 * 地区生产总值增长 -> 地区生产总值, 单位GDP能耗下降 -> 单位GDP能耗, 脱贫地区农民收入年均增长 ->
 * 脱贫地区农民收入. Names of a rate stay: 居民消费价格涨幅, 数字经济增速, 智能产业增加值年均增长率.
 */
export function stripChangeWords(name: string): string {
  // Only the end of a name can hold the words: the patterns below are anchored at the end, and are
  // run on the last characters only, so that a long name costs nothing more.
  if (name.length > CHANGE_WORDS_WINDOW) {
    const cut = name.length - CHANGE_WORDS_WINDOW
    return name.slice(0, cut) + stripChangeWords(name.slice(cut))
  }
  const out = name.replace(
    /(?:年均|同比|环比|比上年|分别|实际)*(?:增长|下降|降低|提高|提升|上涨|减少|增加|压减|回落|上升|下跌|降|增)+了?$/u,
    '',
  )
  if (out.length >= 3) return out
  // 经济年均增长 -> 经济增长: too short without its verb, the name keeps it but not the 年均.
  return name.replace(/(?:年均|同比|环比|比上年|分别|实际)+(?=(?:增长|下降|降低|提高|提升|上涨)了?$)/u, '')
}

/** Keep a name short: the last 32 characters, which hold its head noun. */
export function shorten(name: string): string {
  return name.length > 32 ? name.slice(name.length - 32) : name
}

interface CompiledLexicon {
  members: Map<string, string>
  patterns: Array<[RegExp, string]>
  /** Member names, longest first. */
  names: string[]
}

const lexiconCache = new WeakMap<MetricLexicon, CompiledLexicon>()

function compileLexicon(lexicon: MetricLexicon): CompiledLexicon {
  let c = lexiconCache.get(lexicon)
  if (!c) {
    const members = new Map<string, string>()
    const patterns: Array<[RegExp, string]> = []
    for (const f of lexicon.families) {
      for (const m of f.members) {
        const key = cleanName(m)
        if (!members.has(key)) members.set(key, f.id)
      }
      for (const p of f.patterns) {
        try {
          patterns.push([new RegExp(p, 'iu'), f.id])
        } catch {
          // A pattern that is not a valid expression matches its own text.
          patterns.push([new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu'), f.id])
        }
      }
    }
    const names = [...members.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    c = { members, patterns, names }
    lexiconCache.set(lexicon, c)
  }
  return c
}

/**
 * The name of the lexicon that a phrase ends with, when it extends `metric` to the left: a verb inside an
 * indicator's name (城镇新增就业 read as 新增 + 就业) keeps the name whole. Null when none does.
 */
export function memberName(phrase: string, metric: string, lexicon: MetricLexicon): string | null {
  const c = compileLexicon(lexicon)
  const p = stripChangeWords(cleanName(phrase))
  for (const name of c.names) {
    if (name.length > metric.length && name.endsWith(metric) && p.endsWith(name)) return name
  }
  return null
}

/** The family of a metric name, or null. Members first, then patterns in lexicon order. */
export function metricFamily(metric: string, lexicon: MetricLexicon): string | null {
  if (!metric) return null
  const c = compileLexicon(lexicon)
  const key = cleanName(metric)
  // 进出口总额增速 is the growth of 进出口总额: the family of the indicator whose rate it names.
  const bare = key.replace(/(?:的)?(?:年均)?(?:增速|增长率|增幅|增长|涨幅|降幅|下降率)$/u, '')
  for (const name of bare !== key && bare.length >= 2 ? [key, bare] : [key]) {
    const member = c.members.get(name)
    if (member) return member
    for (const [re, id] of c.patterns) if (re.test(name)) return id
  }
  return null
}
