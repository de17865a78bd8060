/**
 * Figures diffed as numbers: two items' targets are paired by metric family (else by metric name) and
 * compared in their base unit. 3000个以上 -> 新建3200个 reads `+6.7%, level -> increment`: the number
 * went up, and the second figure counts new stations where the first counted all of them.
 */

import { expectArrayOf, isRecord } from '../arguments.js'
import type { Target } from '../model/index.js'
import type { TargetChange, TargetChangeKind } from '../model/report.js'

/** The key figures are paired by: the metric family, else the metric name. */
export function targetKey(target: Target): string {
  return target.metricFamily ?? `metric:${target.metric}`
}

/**
 * Pairs the figures of two items and says how each changed. Figures pair when they share a key; among
 * several candidates the best pair is taken first (same metric name, same base unit, same kind, then
 * the nearest place in the text). Figures left alone are `added` (second item only) or `dropped` (first
 * item only). Changes come in the order of the second item, dropped figures last.
 */
export function diffTargets(from: readonly Target[], to: readonly Target[]): TargetChange[] {
  expectArrayOf(from, 'diffTargets', 'from to be an array of Targets', isRecord)
  expectArrayOf(to, 'diffTargets', 'to to be an array of Targets', isRecord)
  const candidates: Array<{ i: number; j: number; score: number }> = []
  from.forEach((a, i) => {
    to.forEach((b, j) => {
      if (targetKey(a) !== targetKey(b)) return
      const score =
        (a.metric === b.metric ? 8 : 0) +
        (a.normalizedUnit === b.normalizedUnit ? 4 : 0) +
        (a.kind === b.kind ? 2 : 0) +
        (a.kind !== 'baseline' && b.kind !== 'baseline' ? 1 : 0)
      candidates.push({ i, j, score })
    })
  })
  candidates.sort(
    (x, y) => y.score - x.score || Math.abs(x.i - x.j) - Math.abs(y.i - y.j) || x.j - y.j || x.i - y.i,
  )
  const pairOfTo = new Map<number, number>()
  const usedFrom = new Set<number>()
  for (const { i, j } of candidates) {
    if (usedFrom.has(i) || pairOfTo.has(j)) continue
    usedFrom.add(i)
    pairOfTo.set(j, i)
  }
  const changes: TargetChange[] = []
  to.forEach((b, j) => {
    const i = pairOfTo.get(j)
    changes.push(compareTargets(i === undefined ? null : from[i]!, b))
  })
  from.forEach((a, i) => {
    if (!usedFrom.has(i)) changes.push(compareTargets(a, null))
  })
  return changes
}

/** How one figure changed into another (either may be null: added, dropped). */
export function compareTargets(from: Target | null, to: Target | null): TargetChange {
  const any = (to ?? from) as Target
  if (!from || !to) {
    const change: TargetChangeKind = from ? 'dropped' : 'added'
    return {
      key: targetKey(any),
      metricFamily: any.metricFamily,
      metric: any.metric,
      change,
      from,
      to,
      delta: null,
      ratio: null,
      kindChange: null,
      summary: from ? `${from.text} dropped` : `${any.text} added`,
    }
  }
  const comparable = from.normalizedUnit === to.normalizedUnit
  const delta = comparable ? roundFigure(to.normalized - from.normalized) : null
  const ratio = delta !== null && from.normalized !== 0 ? roundFigure(delta / from.normalized) : null
  const change: TargetChangeKind =
    delta === null ? 'incomparable' : delta > 0 ? 'increased' : delta < 0 ? 'decreased' : 'unchanged'
  const kindChange: TargetChange['kindChange'] = from.kind === to.kind ? null : [from.kind, to.kind]
  const notes: string[] = []
  const amount = describeAmount(from, to, delta, ratio)
  if (amount) notes.push(amount)
  if (!comparable) notes.push(`${from.normalizedUnit || 'number'} -> ${to.normalizedUnit || 'number'}`)
  if (kindChange) notes.push(`${kindChange[0]} -> ${kindChange[1]}`)
  return {
    key: targetKey(from),
    metricFamily: to.metricFamily ?? from.metricFamily,
    metric: to.metric,
    change,
    from,
    to,
    delta,
    ratio,
    kindChange,
    summary: `${from.text} -> ${to.text}${notes.length ? ` (${notes.join(', ')})` : ''}`,
  }
}

/**
 * The size of a change: a percentage of the first figure for amounts (+6.7%), percentage points for
 * shares and rates (+5 pp: 90% -> 95% is not +5.6%).
 */
function describeAmount(from: Target, to: Target, delta: number | null, ratio: number | null): string {
  if (delta === null) return ''
  if (delta === 0) return 'same'
  const sign = delta > 0 ? '+' : '−'
  if (from.normalizedUnit === '%' || from.normalizedUnit === '个百分点') {
    return `${sign}${formatNumber(Math.abs(delta))} pp`
  }
  if (ratio === null) return `${sign}${formatNumber(Math.abs(delta))}${to.normalizedUnit}`
  return `${sign}${formatNumber(Math.abs(ratio) * 100, 1)}%`
}

/** A number for people: at most `digits` decimals, no trailing zeros. */
export function formatNumber(value: number, digits = 2): string {
  const fixed = value.toFixed(digits)
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
}

/** Rounds away floating-point noise (3200 - 3000 = 200, 0.1 + 0.2 = 0.3). */
function roundFigure(value: number): number {
  return Number.parseFloat(value.toPrecision(12))
}
