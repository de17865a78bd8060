/**
 * How a figure compares with its value, read from the words printed around it.
 *
 * Chinese statutory usage (民法典 art. 1259): 以上, 以下, 以内 include the number; 超过, 不满 exclude it.
 * So 3000个以上 is >= 3000, 超过10亿条 is > 1e9, 5个工作日以内 is <= 5, 不满18周岁 is < 18.
 */
import type { Comparator } from '../model'

/** Words printed right before a number, longest first where one contains another. */
const PREFIXES: Array<[string, Comparator]> = [
  ['最高不超过', '<='],
  ['最多不超过', '<='],
  ['原则上不超过', '<='],
  ['不超过', '<='],
  ['不高于', '<='],
  ['不多于', '<='],
  ['不大于', '<='],
  ['控制在', '<='],
  // 稳定在1300亿斤以上, 保持在50%以上: held at the figure; the suffix says how it compares.
  ['稳定在', '='],
  ['保持在', '='],
  ['维持在', '='],
  ['稳在', '='],
  ['最多', '<='],
  ['最高', '<='],
  ['至多', '<='],
  ['不低于', '>='],
  ['不少于', '>='],
  ['不小于', '>='],
  ['至少', '>='],
  ['达到', '>='],
  ['达', '>='],
  ['突破', '>'],
  ['超过', '>'],
  ['大于', '>'],
  ['高于', '>'],
  ['多于', '>'],
  ['逾', '>'],
  ['超', '>'],
  ['上', '>'],
  ['不满', '<'],
  ['不足', '<'],
  ['不到', '<'],
  ['低于', '<'],
  ['少于', '<'],
  ['小于', '<'],
  ['大约', 'approx'],
  ['接近', 'approx'],
  ['将近', 'approx'],
  ['约', 'approx'],
  ['近', 'approx'],
  ['≥', '>='],
  ['>=', '>='],
  ['≤', '<='],
  ['<=', '<='],
  ['>', '>'],
  ['<', '<'],
  ['~', 'approx'],
]

/** Words printed right after a figure. */
const SUFFIXES: Array<[string, Comparator]> = [
  ['以上(含)', '>='],
  ['及以上', '>='],
  ['或以上', '>='],
  ['以上', '>='],
  ['以下(含)', '<='],
  ['及以下', '<='],
  ['以下', '<='],
  ['以内', '<='],
  ['之内', '<='],
  ['左右', 'approx'],
  ['上下', 'approx'],
]

export interface ComparatorReading {
  comparator: Comparator
  /** Start of the prefix word (== figure start when none). */
  start: number
  /** End of the suffix word (== figure end when none). */
  end: number
  /** The prefix word, '' when none. */
  prefix: string
  suffix: string
}

/** Characters that can stand between a comparator and its number: 约占GDP的46.9%, 不超过年担保额的1.5%. */
const GAP = /^(占|为)?[^\s,，;；。、:：\d%“”"()（）]{0,8}$/u

/** The comparator word that ends exactly at the end of `before`, longest first. */
function touchingPrefix(before: string, bare: boolean): [string, Comparator] | null {
  const trimmed = before.endsWith(' ') ? before.slice(0, -1) : before
  let best: [string, Comparator] | null = null
  for (const p of PREFIXES) {
    if (!trimmed.endsWith(p[0])) continue
    if (falsePrefix(trimmed, p[0], bare)) continue
    if (!best || p[0].length > best[0].length) best = p
  }
  return best
}

/**
 * The comparator of the figure at `[start, end)`. A prefix counts when it touches the number, or when
 * what stands between is short and reads as the base of a share (约占全市20%, 约占GDP的46.9%). A
 * suffix (以上 以下 以内 左右) wins over a prefix: 达45%以上 is >= 45.
 */
export function readComparator(
  text: string,
  start: number,
  end: number,
  unitClass: string,
  bare = false,
): ComparatorReading {
  let comparator: Comparator = '='
  let from = start
  let to = end
  let prefix = ''
  let suffix = ''
  const before = text.slice(Math.max(0, start - 14), start)
  const touching = touchingPrefix(before, bare)
  if (touching) {
    prefix = touching[0]
    comparator = touching[1]
    from = start - prefix.length - (before.endsWith(' ') ? 1 : 0)
  } else {
    // The nearest comparator word of two characters or more (or 约, 近), when the words between it
    // and the number read as the base of a share: 占X, X的.
    for (let i = before.length - 1; i >= 0; i--) {
      if (/[,，;；。、:：\n]/u.test(before[i] as string)) break
      const hit = touchingPrefix(before.slice(0, i + 1), bare)
      if (!hit || (hit[0].length < 2 && !/[约近]/u.test(hit[0]))) continue
      const gap = before.slice(i + 1)
      if (gap.length > 0 && GAP.test(gap) && (gap.startsWith('占') || gap.endsWith('的'))) {
        prefix = hit[0]
        comparator = hit[1]
        from = start - gap.length - hit[0].length
      }
      break
    }
  }
  const after = text.slice(end, end + 6)
  const suffixHit = SUFFIXES.find(([w]) => after.startsWith(w))
  if (suffixHit) {
    suffix = suffixHit[0]
    comparator = suffixHit[1]
    to = end + suffix.length
  } else if (unitClass === 'time' && after.startsWith('内')) {
    // 3个工作日内
    suffix = '内'
    comparator = '<='
    to = end + 1
  }
  return { comparator, start: from, end: to, prefix, suffix }
}

/** Words that end like a comparator but are not one: 就近 is not 近, 发达 is not 达. */
function falsePrefix(before: string, word: string, bare: boolean): boolean {
  // 上万, 上百家: 上 means "more than" only before a bare magnitude.
  if (word === '上') return !bare
  if (word === '近') return /(就近|最近|附近|临近|靠近|邻近)$/u.test(before)
  if (word === '超') return /(高超)$/u.test(before)
  if (word === '达') return /(通达|直达|下达|到达|抵达|发达|表达|传达|送达)$/u.test(before)
  if (word === '最高' || word === '最多') return false
  return false
}

/** The comparator of the negated value: >= 3 becomes <= −3. */
export function flipComparator(comparator: Comparator): Comparator {
  const flipped: Partial<Record<Comparator, Comparator>> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>' }
  return flipped[comparator] ?? comparator
}

/** Words of a fall: 下降, 降低, 压减, 减少 …, of a rise, and of holding a figure: 控制在, 保持, 稳定在. */
const DECREASE =
  /下降|降低|减少|压减|压缩|缩减|缩短|回落|下调|减排|降至|降到|降为|减至|减到|收窄|降幅|下跌|缩小|削减|减低|减轻|降/u
const INCREASE = /增长|提高|提升|增加|增至|增到|扩大|上涨|涨幅|增速|增幅|比增|上升|攀升|翻番|跃升|拉动|增/u
const HOLD = /控制在|保持在?|稳定在|稳在|维持在?|守住|持平|稳住/u
const ANY = new RegExp(`${DECREASE.source}|${INCREASE.source}|${HOLD.source}`, 'gu')

/**
 * Which way a figure moves, from the words before it in its clause (after the figure before it): the
 * last word that says so. A growth rate or a flow rises unless a word says it falls (单位生产总值能耗下降3%
 * and 减少审批事项50项 fall; 居民消费价格涨幅2% and 新建5G基站3200个 rise); 控制在5.5%左右 and
 * 稳定在1300亿斤以上 hold a level; a level or share with no such word has no direction.
 */
export function readDirection(before: string, kind: string): 'increase' | 'decrease' | 'hold' | null {
  let last: string | null = null
  for (const m of before.matchAll(ANY)) last = m[0]
  // A rate or a flow has a sign: it rises (增长5%, 新建3200个) unless a word says it falls (下降, 减少).
  if (kind === 'growth' || kind === 'increment') {
    // 增速保持在6%以上, 增长保持在5%左右: the rate held is still a rise.
    if (last && DECREASE.test(last)) return 'decrease'
    return [...before.matchAll(ANY)].some((m) => DECREASE.test(m[0]) && !INCREASE.test(m[0]))
      ? 'decrease'
      : 'increase'
  }
  if (!last) return null
  if (HOLD.test(last)) return 'hold'
  if (DECREASE.test(last)) return 'decrease'
  return 'increase'
}
