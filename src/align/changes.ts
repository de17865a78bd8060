/**
 * What changed along a link, in kinds a researcher can count: same, reworded, expanded, narrowed, and
 * target-raised / lowered / added / dropped; and figure by figure (`diffTargets`): which target rose,
 * fell, held, was added or dropped.
 *
 * Figures pair by metric family (else metric name) and by status: goals with goals (planned), facts
 * with facts (achieved, baseline, estimate) — a result of 2024 is not a lower target than the goal of
 * 2025. They are compared only when they measure the same way: the same kind and base unit. A stock and
 * a flow (建成5G基站3000个 -> 新建5G基站3200个) pair as `incomparable` and are never compared.
 */
import { expectArrayOf, isRecord } from '../arguments.js'
import type { ChangeKind, Target, TargetChange, TargetChangeKind } from '../model/index.js'
import type { ItemFeatures } from '../similarity/index.js'

/** Share of the source's distinct words the target keeps (and vice versa) that makes it a superset. */
const KEEPS = 0.6
/** How much longer (in distinct words) the broader item must be. */
const LONGER = 1.3

/** The key figures are paired by: the metric family, else the metric name. */
export function targetKey(target: Target): string {
  return target.metricFamily ?? `metric:${target.metric}`
}

/** Goals (planned targets) or facts (results, baselines, estimates): figures pair within one. */
function statusClass(target: Target): 'goal' | 'fact' {
  return target.status === 'planned' ? 'goal' : 'fact'
}

/** A flow (increment), a stock (level), a share, a growth rate: `kind` in words for summaries. */
const KIND_WORDS: Record<Target['kind'], string> = {
  increment: 'flow',
  level: 'stock',
  share: 'share',
  growth: 'growth rate',
}

/** Why two figures of one metric cannot be compared as numbers, or null when they can. */
function incomparability(from: Target, to: Target): string | null {
  if (from.kind !== to.kind) return `${KIND_WORDS[from.kind]} -> ${KIND_WORDS[to.kind]}, not compared`
  if (from.normalizedUnit !== to.normalizedUnit) {
    return `${from.normalizedUnit || 'number'} -> ${to.normalizedUnit || 'number'}, not compared`
  }
  // 年均增长5.9% over five years and 增长5.4% in one: two different rates.
  if ((from.yearFrom === null) !== (to.yearFrom === null))
    return 'a rate over several years -> one year, not compared'
  return null
}

/**
 * Pairs the figures of two items and says how each changed. Figures pair when they share a key and a
 * status class; among several candidates the best pair is taken first (same kind, same base unit, same
 * metric name, then the nearest place in the text). Figures left alone are `added` (second item only)
 * or `dropped` (first item only). Changes come in the order of the second item, dropped figures last.
 */
export function diffTargets(from: readonly Target[], to: readonly Target[]): TargetChange[] {
  expectArrayOf(from, 'diffTargets', 'from to be an array of Targets', isRecord)
  expectArrayOf(to, 'diffTargets', 'to to be an array of Targets', isRecord)
  const candidates: Array<{ i: number; j: number; score: number }> = []
  from.forEach((a, i) => {
    to.forEach((b, j) => {
      if (targetKey(a) !== targetKey(b) || statusClass(a) !== statusClass(b)) return
      const score =
        (a.kind === b.kind ? 16 : 0) +
        (a.normalizedUnit === b.normalizedUnit ? 8 : 0) +
        (a.metric === b.metric ? 4 : 0) +
        ((a.yearFrom === null) === (b.yearFrom === null) ? 2 : 0)
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
    changes.push(compareTargets(i === undefined ? null : (from[i] as Target), b))
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
  const reason = incomparability(from, to)
  const delta = reason === null ? roundFigure(to.normalized - from.normalized) : null
  const ratio =
    delta !== null && from.normalized !== 0 ? roundFigure(delta / Math.abs(from.normalized)) : null
  const change: TargetChangeKind =
    delta === null ? 'incomparable' : delta > 0 ? 'increased' : delta < 0 ? 'decreased' : 'unchanged'
  const kindChange: TargetChange['kindChange'] = from.kind === to.kind ? null : [from.kind, to.kind]
  const amount = reason ?? describeAmount(from, to, delta, ratio)
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
    summary: `${from.text} -> ${to.text}${amount ? ` (${amount})` : ''}`,
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
  if (from.normalizedUnit === '%' || from.normalizedUnit === '个百分点' || from.normalizedUnit === '‰') {
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
export function roundFigure(value: number): number {
  return Number.parseFloat(value.toPrecision(12))
}

/**
 * The link-level target kinds of per-target changes, over goals only: raised when the target asks for
 * more (a higher number, or a larger fall where both figures fall: 下降3% -> 下降4%), lowered when it
 * asks for less, added and dropped; incomparable pairs say nothing.
 */
export function summarizeTargetChanges(changes: readonly TargetChange[]): ChangeKind[] {
  const out: ChangeKind[] = []
  for (const c of changes) {
    const goal = (c.from ?? c.to)?.status === 'planned'
    if (!goal) continue
    if (c.change === 'added') out.push('target-added')
    else if (c.change === 'dropped') out.push('target-dropped')
    else if (c.change === 'increased' || c.change === 'decreased') {
      const falls = c.from?.direction === 'decrease' && c.to?.direction === 'decrease'
      const more = c.change === 'increased' ? !falls : falls
      out.push(more ? 'target-raised' : 'target-lowered')
    }
  }
  return out
}

/** What changed between the items of a link: the text, and each target (see `diffTargets`). */
export function detectChanges(
  source: ItemFeatures,
  target: ItemFeatures,
): { changes: ChangeKind[]; targetChanges: TargetChange[] } {
  // the distinct words of each item are its term ids (sorted), so the shared ones are one merge away
  const a = { size: source.termsEnd }
  const b = { size: target.termsEnd }
  let shared = 0
  for (let i = 0, j = 0; i < source.termsEnd && j < target.termsEnd; ) {
    const x = source.ids[i] as number
    const y = target.ids[j] as number
    if (x === y) {
      shared++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  const keepsSource = a.size ? shared / a.size : 0
  const keepsTarget = b.size ? shared / b.size : 0
  const changes: ChangeKind[] = []
  if (keepsSource >= 0.95 && keepsTarget >= 0.95) changes.push('same')
  else if (keepsSource >= KEEPS && b.size >= a.size * LONGER) changes.push('expanded')
  else if (keepsTarget >= KEEPS && a.size >= b.size * LONGER) changes.push('narrowed')
  else changes.push('reworded')
  const targetChanges = diffTargets(source.targets, target.targets)
  changes.push(...summarizeTargetChanges(targetChanges))
  return { changes: [...new Set(changes)], targetChanges }
}
