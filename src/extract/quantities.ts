/**
 * Find the quantities of a text: a number with its measure unit (3000个, 10亿条, 40%, 2个百分点), a
 * range (3-5个), a fraction (五分之一, 1/5: read as the percentage it is, 20 %), a percentage in words
 * (百分之二十), a ratio (1:1配套).
 * This layer knows numbers and units only; whether a quantity is a target, and what it measures, is
 * decided in `targets.ts`.
 */
import type { UnitClass, UnitEntry, UnitTable } from './data'
import { CN_DIGIT_CHARS, CN_NUMERAL_CHARS, parseChineseInteger, round } from './numbers'

/** A quantity found in a text. Offsets are into the text given. */
export interface Quantity {
  /** Start of the first numeral (or of 百分之, 近 in 近万条 is not included). */
  start: number
  /** End of the unit. */
  end: number
  /** Value in the printed unit; the lower end for a range. */
  value: number
  valueMax: number | null
  /** Unit as printed, magnitude included: 亿条, 万个, %, 个百分点; a bare magnitude (250万) is 万. */
  unit: string
  normalized: number
  normalizedMax: number | null
  normalizedUnit: string
  unitClass: UnitClass | 'bare'
  /** 多 or 余 after the number: 500多个, 200余家 (more than the number). */
  more: boolean
  form: 'number' | 'range' | 'fraction' | 'percent-words' | 'ratio'
  /** The numeral was written in Chinese characters. */
  chinese: boolean
  /** The numeral is a bare magnitude (万 in 近万条, 千 in 千亿元). */
  bare: boolean
  /** The numeral as printed (the first one of a range). */
  numeral: string
}

interface CompiledUnits {
  entries: UnitEntry[]
  magnitudes: Array<[string, number]>
  byUnit: Map<string, UnitEntry>
}

const compiledCache = new WeakMap<UnitTable, CompiledUnits>()

function compile(table: UnitTable): CompiledUnits {
  let c = compiledCache.get(table)
  if (!c) {
    const entries = table.units
      .filter((u) => u.class !== 'fraction' && u.class !== 'ratio')
      .sort((a, b) => b.unit.length - a.unit.length || a.unit.localeCompare(b.unit))
    const magnitudes = Object.entries(table.magnitudes).sort((a, b) => b[0].length - a[0].length)
    c = { entries, magnitudes, byUnit: new Map(table.units.map((u) => [u.unit, u])) }
    compiledCache.set(table, c)
  }
  return c
}

const LATIN = /[A-Za-z]/

/** The unit printed at `pos` (longest first), Latin units case-insensitively and not inside a word. */
function unitAt(text: string, pos: number, units: CompiledUnits): UnitEntry | null {
  for (const u of units.entries) {
    const slice = text.slice(pos, pos + u.unit.length)
    if (LATIN.test(u.unit)) {
      if (slice.toLowerCase() !== u.unit.toLowerCase()) continue
      if (LATIN.test(text[pos + u.unit.length] ?? '')) continue
      return u
    }
    if (slice === u.unit) return u
  }
  return null
}

function magnitudeAt(text: string, pos: number, units: CompiledUnits): [string, number] | null {
  for (const m of units.magnitudes) if (text.startsWith(m[0], pos)) return m
  return null
}

interface Numeral {
  start: number
  end: number
  value: number
  chinese: boolean
  /** Magnitude split off the end of a Chinese numeral (两千万 -> 两千 + 万). */
  magnitude: string
  bare: boolean
}

const NUMERAL = new RegExp(`\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|[${CN_NUMERAL_CHARS}]+`, 'gu')
const CN_DIGIT = new RegExp(`[${CN_DIGIT_CHARS}]`, 'u')

/** Every numeral of the text, Chinese ones split into value and trailing magnitude. */
function numerals(text: string): Numeral[] {
  const out: Numeral[] = []
  for (const m of text.matchAll(NUMERAL)) {
    const raw = m[0]
    const start = m.index ?? 0
    if (/^\d/u.test(raw)) {
      out.push({
        start,
        end: start + raw.length,
        value: Number(raw.replace(/,/g, '')),
        chinese: false,
        magnitude: '',
        bare: false,
      })
      continue
    }
    // 1000万: the 万 belongs to the Arabic number before it (read with its unit later).
    const before = out[out.length - 1]
    if (before && !before.chinese && before.end === start) continue
    // 两千万 -> 两千 x 万; 千亿 -> 千 x 亿; 万 alone (近万条) -> 1 x 万.
    const tail = /(万亿|亿|万)$/u.exec(raw)
    let head = raw
    let magnitude = ''
    if (tail && raw.length > 0) {
      magnitude = tail[1] as string
      head = raw.slice(0, raw.length - magnitude.length)
    }
    const bare = !CN_DIGIT.test(head)
    const value = head.length === 0 ? 1 : parseChineseInteger(head)
    if (value === null) continue
    out.push({ start, end: start + raw.length, value, chinese: true, magnitude, bare })
  }
  return out
}

/** Numbers inside a unit-less range or list are not quantities: only numerals followed by a unit are. */
export function findQuantities(text: string, table: UnitTable): Quantity[] {
  const units = compile(table)
  const found: Quantity[] = []
  // Characters already read as part of a quantity: one flag per character, so that asking is as cheap
  // as the quantity is long (a list of spans made 100,000 characters of 30%以上 quadratic).
  const takenChars = new Uint8Array(text.length)
  const taken = {
    push([start, end]: [number, number]) {
      takenChars.fill(1, start, end)
    },
  }
  const isTaken = (a: number, b: number) => {
    for (let i = Math.max(a, 0); i < b && i < text.length; i++) if (takenChars[i]) return true
    return false
  }

  // 百分之二十, 千分之三, 五分之一: the percent and fraction forms in words.
  // The numerals are bounded: an unbounded run made a long line of numerals without 分之 quadratic.
  const words = new RegExp(`([${CN_NUMERAL_CHARS}\\d.]{1,16})分之([${CN_NUMERAL_CHARS}\\d.]{1,16})`, 'gu')
  for (const m of text.matchAll(words)) {
    const start = m.index ?? 0
    const end = start + m[0].length
    const den = readNumber(m[1] as string)
    const num = readNumber(m[2] as string)
    if (den === null || num === null || den === 0) continue
    if (den === 100 || den === 1000) {
      const unit = den === 100 ? '%' : '‰'
      found.push(
        simple(start, end, num, unit, unit, 1, den === 100 ? 'percent' : 'permille', 'percent-words', true),
      )
    } else {
      // A fraction is the share it is: 五分之一 is 20 %.
      found.push(simple(start, end, round((100 * num) / den), '%', '%', 1, 'fraction', 'fraction', true))
    }
    taken.push([start, end])
  }

  // 1/5 — a share written as a fraction; not dates (2019/3/20) nor R&D/GDP.
  for (const m of text.matchAll(/(?<![\d./:A-Za-z])(\d{1,4})\/(\d{1,4})(?![\d/A-Za-z])/gu)) {
    const start = m.index ?? 0
    const end = start + m[0].length
    const num = Number(m[1])
    const den = Number(m[2])
    if (den === 0 || num > den || isTaken(start, end)) continue
    found.push(simple(start, end, round((100 * num) / den), '%', '%', 1, 'fraction', 'fraction', false))
    taken.push([start, end])
  }

  // 1:1配套, 按1:3比例 — a ratio, recognised only with a word that says so (not a time, 10:36).
  for (const m of text.matchAll(/(?<![\d.:])(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)(?![\d:])/gu)) {
    const start = m.index ?? 0
    const end = start + m[0].length
    const before = text.slice(Math.max(0, start - 4), start)
    const after = text.slice(end, end + 3)
    if (!/(按|按照|比例为?|给予|实行|为)$/u.test(before) && !/^(配套|的?比例|比|匹配)/u.test(after)) continue
    const a = Number(m[1])
    const b = Number(m[2])
    if (b === 0 || isTaken(start, end)) continue
    found.push(simple(start, end, round(a / b), ':', ':', 1, 'ratio', 'ratio', false))
    taken.push([start, end])
  }

  const nums = numerals(text)
  // 1000以上1500以下, 1000万元以上1亿元以下: both bounds printed, units on either or both.
  for (let i = 0; i + 1 < nums.length; i++) {
    const a = nums[i] as Numeral
    const b = nums[i + 1] as Numeral
    const qa = quantityAfter(text, a, units)
    const qb = quantityAfter(text, b, units)
    const aEnd = qa ? qa.end : a.end
    const bEnd = qb ? qb.end : b.end
    if (!/^(及)?以上[,，、]?(且|至)?$/u.test(text.slice(aEnd, b.start))) continue
    if (!/^(及)?以下/u.test(text.slice(bEnd))) continue
    if (a.chinese !== b.chinese && (a.bare || b.bare)) continue
    const end = bEnd + text.slice(bEnd).indexOf('以下') + 2
    const unitQ = qb ?? qa
    const mult = unitQ ? unitMultiplier(unitQ) : 1
    const low = qa ? round(qa.normalized / mult) : a.value
    const high = qb ? qb.value : round((b.value * (qa ? unitMultiplier(qa) : 1)) / mult)
    found.push({
      start: a.start,
      end,
      value: low,
      valueMax: high,
      unit: unitQ ? unitQ.unit : '',
      normalized: round(low * mult),
      normalizedMax: round(high * mult),
      normalizedUnit: unitQ ? unitQ.normalizedUnit : '',
      unitClass: unitQ ? unitQ.unitClass : 'bare',
      more: false,
      form: 'range',
      chinese: a.chinese,
      bare: false,
      numeral: text.slice(a.start, a.end),
    })
    taken.push([a.start, end])
  }
  // Ends of the quantities found so far, with how many end there (for the range check below).
  const foundEnds = new Map<number, number>()
  const addEnd = (end: number, by: number) => foundEnds.set(end, (foundEnds.get(end) ?? 0) + by)
  for (const f of found) addEnd(f.end, 1)
  for (let i = 0; i < nums.length; i++) {
    const n = nums[i] as Numeral
    if (isTaken(n.start, n.end)) continue
    const q = quantityAfter(text, n, units)
    if (!q) continue
    // 3-5个, 3～5万元, 3至5家: a numeral, a dash, and this quantity.
    const prev = nums[i - 1]
    if (prev && !isTaken(prev.start, prev.end)) {
      const between = text.slice(prev.end, n.start)
      if (/^\s?[-~～—–至到]\s?$/u.test(between) && !foundEnds.get(prev.end)) {
        const low = rangeLow(text, prev, q, units)
        if (low !== null) {
          q.start = prev.start
          q.valueMax = q.value
          q.normalizedMax = q.normalized
          q.value = low
          q.normalized = round(low * (q.normalized / (q.valueMax || 1)))
          if (q.valueMax === 0) q.normalized = 0
          q.form = 'range'
          q.chinese = q.chinese || prev.chinese
        }
      }
    }
    // A range printed with a unit on both ends: 1000万元-1亿元 — merge with the quantity just found.
    const last = found[found.length - 1]
    if (last && q.form === 'number' && last.form === 'number' && last.unitClass === q.unitClass) {
      const between = text.slice(last.end, q.start)
      if (/^\s?[-~～—–至]\s?$/u.test(between) && last.normalized < q.normalized) {
        last.valueMax = round(q.normalized / unitMultiplier(q))
        last.value = round(last.normalized / unitMultiplier(q))
        last.normalizedMax = q.normalized
        last.unit = q.unit
        addEnd(last.end, -1)
        addEnd(q.end, 1)
        last.end = q.end
        last.form = 'range'
        taken.push([q.start, q.end])
        continue
      }
    }
    found.push(q)
    addEnd(q.end, 1)
    taken.push([q.start, q.end])
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end)
}

function unitMultiplier(q: Quantity): number {
  return q.value === 0 ? 1 : q.normalized / q.value
}

/** The low end of a range `prev - q`, expressed in q's printed unit. */
function rangeLow(text: string, prev: Numeral, q: Quantity, units: CompiledUnits): number | null {
  const own = quantityAfter(text, prev, units)
  if (own) {
    if (own.end > q.start) return null
    return round(own.normalized / unitMultiplier(q))
  }
  if (prev.magnitude) return null
  return prev.value
}

function simple(
  start: number,
  end: number,
  value: number,
  unit: string,
  base: string,
  multiplier: number,
  unitClass: UnitClass,
  form: Quantity['form'],
  chinese: boolean,
): Quantity {
  return {
    start,
    end,
    value,
    valueMax: null,
    unit,
    normalized: round(value * multiplier),
    normalizedMax: null,
    normalizedUnit: base,
    unitClass,
    more: false,
    form,
    chinese,
    bare: false,
    numeral: '',
  }
}

/** The quantity that starts with numeral `n`: the numeral, 多/余, a magnitude, a unit. */
function quantityAfter(text: string, n: Numeral, units: CompiledUnits): Quantity | null {
  let pos = n.end
  let magnitudeText = n.magnitude
  let magnitude = magnitudeText ? (units.magnitudes.find((m) => m[0] === magnitudeText)?.[1] ?? null) : 1
  if (magnitude === null) return null
  if (!n.chinese && text[pos] === ' ' && !/\s/u.test(text[pos + 1] ?? ' ')) pos++ // 339 家
  let more = false
  if (/[多余]/u.test(text[pos] ?? '')) {
    more = true
    pos++
  }
  let unit = unitAt(text, pos, units)
  if (!unit && !n.chinese) {
    const m = magnitudeAt(text, pos, units)
    if (m) {
      magnitudeText = m[0]
      magnitude = m[1]
      pos += m[0].length
      if (/[多余]/u.test(text[pos] ?? '')) {
        more = true
        pos++
      }
      unit = unitAt(text, pos, units)
    }
  } else if (unit && !n.chinese && unit.unit.length > 1) {
    // 3千米 is a unit; 3千万元 is a magnitude and a unit: take whichever reads further.
    const m = magnitudeAt(text, pos, units)
    if (m) {
      const after = unitAt(text, pos + m[0].length, units)
      if (after && m[0].length + after.unit.length > unit.unit.length) {
        magnitudeText = m[0]
        magnitude = m[1]
        pos += m[0].length
        unit = after
      }
    }
  }
  if (!unit) {
    // 250万 (users), 10亿 — a count written with a magnitude and no unit.
    if (!magnitudeText || magnitude < 1e4 || n.bare) return null
    const value = n.value
    return {
      start: n.start,
      end: pos,
      value,
      valueMax: null,
      unit: magnitudeText,
      normalized: round(value * magnitude),
      normalizedMax: null,
      normalizedUnit: '',
      unitClass: 'bare',
      more,
      form: 'number',
      chinese: n.chinese,
      bare: false,
      numeral: text.slice(n.start, n.end),
    }
  }
  const end = pos + unit.unit.length
  const printedUnit = magnitudeText + text.slice(pos, end)
  return {
    start: n.start,
    end,
    value: n.value,
    valueMax: null,
    unit: printedUnit,
    normalized: round(n.value * magnitude * unit.multiplier),
    normalizedMax: null,
    normalizedUnit: unit.base,
    unitClass: unit.class,
    more,
    form: 'number',
    chinese: n.chinese,
    bare: n.bare,
    numeral: text.slice(n.start, n.end),
  }
}

/** A numeral in Arabic or Chinese digits, for the parts of 五分之一. */
function readNumber(s: string): number | null {
  if (/^\d+(?:\.\d+)?$/u.test(s)) return Number(s)
  if (s === '百') return 100
  if (s === '千') return 1000
  return parseChineseInteger(s)
}

/**
 * A unit written on its own (a table's 单位 cell): 万条 -> 1e4 条, % -> %, 亿元 -> 1e8 元. Null when
 * the string is not a unit of the table.
 */
export function readUnit(
  s: string,
  table: UnitTable,
): { unit: string; base: string; multiplier: number; unitClass: UnitClass } | null {
  const units = compile(table)
  const u = s.trim()
  if (!u) return null
  const direct = units.byUnit.get(u)
  if (direct) return { unit: u, base: direct.base, multiplier: direct.multiplier, unitClass: direct.class }
  const m = magnitudeAt(u, 0, units)
  if (m) {
    const rest = units.byUnit.get(u.slice(m[0].length))
    if (rest) return { unit: u, base: rest.base, multiplier: m[1] * rest.multiplier, unitClass: rest.class }
    if (u === m[0] && m[1] >= 1e4) return { unit: u, base: '', multiplier: m[1], unitClass: 'count' }
  }
  return null
}
