/**
 * Fulfilment: a planned target of year Y matched with the achieved figure of the same jurisdiction,
 * indicator (metric family, kind, base unit) and year that a later document reports — next year's work
 * report, the next plan's review — and the gap: met, exceeded or missed. 2025年河南省政府工作报告 plans
 * 地区生产总值增长5%左右 for 2025; the 2026 report gives 生产总值增长5.6% for 2025: exceeded.
 *
 * Every figure is filed once under its key, and each target looks up its own key: the work grows with
 * the number of figures, not with the number of documents.
 */
import { expectDocuments, expectOptions } from '../arguments.js'
import { loadMetricLexicon, type MetricLexicon } from '../extract/index.js'
import type { PlanDocument, Target } from '../model/index.js'
import type { Fulfilment, FulfilmentOutcome, LocatedTarget } from '../model/report.js'
import { formatNumber, roundFigure } from './targets.js'
import { compareStrings, seriesKey } from './trajectories.js'

export interface MatchFulfilmentOptions {
  /** Metric lexicon, for which way is better in each family (default data/metrics.json). */
  metrics?: MetricLexicon
  /**
   * How close a result must be to count as meeting a target, as a share of the target's value: the
   * band of 5%左右 is 5 ± 0.25 with the default 0.05; a floor (5%以上) is met up to 5.25 and exceeded
   * above, a ceiling (5.5%以内) met down to 5.225. A convention, not fitted: set your own.
   */
  tolerance?: number
}

interface Filed {
  doc: PlanDocument
  order: number
  located: LocatedTarget
}

/**
 * Planned targets paired with the results later documents report, ordered by series, jurisdiction and
 * year. A target pairs with the achieved figure of the earliest later document of its jurisdiction that
 * has one (an estimate when no document gives the result); a document that states the same target
 * twice (the goals and a task) pairs its first statement only. Rates over several years (年均 over
 * 2021-2025) pair only with rates over the same years.
 */
export function matchFulfilment(
  documents: readonly PlanDocument[],
  options: MatchFulfilmentOptions = {},
): Fulfilment[] {
  expectDocuments(documents, 'matchFulfilment')
  expectOptions(options, 'matchFulfilment')
  const families = new Map((options.metrics ?? loadMetricLexicon()).families.map((f) => [f.id, f]))
  const tolerance = options.tolerance ?? 0.05
  const planned = new Map<string, Filed[]>()
  const results = new Map<string, Filed[]>()
  const estimates = new Map<string, Filed[]>()
  for (const doc of documents) {
    const place = doc.jurisdiction?.code ?? doc.jurisdiction?.name
    if (!place) continue
    let order = 0
    for (const item of doc.items) {
      for (const target of item.targets) {
        order++
        if (target.year === null) continue
        const key = `${place}\u0000${seriesKey(target)}\u0000${target.year}\u0000${target.yearFrom ?? ''}`
        const into =
          target.status === 'planned'
            ? planned
            : target.status === 'achieved'
              ? results
              : target.status === 'estimate'
                ? estimates
                : null
        if (!into) continue
        const list = into.get(key) ?? []
        list.push({ doc, order, located: { docId: doc.id, itemId: item.id, target } })
        into.set(key, list)
      }
    }
  }
  const out: Fulfilment[] = []
  for (const [key, targets] of planned) {
    const seen = new Set<string>()
    for (const p of targets) {
      if (seen.has(p.doc.id)) continue
      seen.add(p.doc.id)
      const answer = earliestLater(p.doc, results.get(key)) ?? earliestLater(p.doc, estimates.get(key))
      if (!answer) continue
      const target = p.located.target
      const family = target.metricFamily ? families.get(target.metricFamily) : undefined
      const better = family?.better ?? betterOf(target)
      const outcome = judge(target, answer.located.target, better, tolerance)
      const gap = roundFigure(answer.located.target.normalized - target.normalized)
      out.push({
        series: seriesKey(target),
        metricFamily: target.metricFamily,
        metric: target.metric,
        jurisdiction: p.doc.jurisdiction?.name ?? '',
        year: target.year as number,
        planned: p.located,
        achieved: answer.located,
        gap,
        outcome,
        summary: `${target.text} -> ${answer.located.target.text} (${outcome}, ${describeGap(gap, target)})`,
      })
    }
  }
  return out.sort(
    (a, b) =>
      compareStrings(a.series, b.series) ||
      compareStrings(a.jurisdiction, b.jurisdiction) ||
      a.year - b.year ||
      compareStrings(a.planned.docId, b.planned.docId) ||
      compareStrings(a.planned.itemId, b.planned.itemId),
  )
}

/** The figure of the earliest document later than `doc` (by year, then id), first in that document. */
function earliestLater(doc: PlanDocument, list: Filed[] | undefined): Filed | null {
  let best: Filed | null = null
  for (const f of list ?? []) {
    if (f.doc === doc || !later(f.doc, doc)) continue
    if (
      !best ||
      (f.doc.year ?? 0) - (best.doc.year ?? 0) < 0 ||
      (f.doc.year === best.doc.year && compareStrings(f.doc.id, best.doc.id) < 0) ||
      (f.doc === best.doc && f.order < best.order)
    ) {
      best = f
    }
  }
  return best
}

/** `a` was issued after `b`: by year when both are known, else any other document. */
function later(a: PlanDocument, b: PlanDocument): boolean {
  return a.year === null || b.year === null ? true : a.year > b.year
}

/** Which way is better when the family does not say: up for a floor or a rise, down for a ceiling or a fall. */
function betterOf(target: Target): 'higher' | 'lower' | null {
  if (target.comparator === '>=' || target.comparator === '>') return 'higher'
  if (target.comparator === '<=' || target.comparator === '<') return 'lower'
  if (target.direction === 'decrease') return 'lower'
  if (target.direction === 'increase') return 'higher'
  return null
}

/**
 * Met when the result lies in the target's band: the number ± tolerance for 左右, the range, the floor
 * up to floor + tolerance, the ceiling down to ceiling − tolerance, the number itself for an exact one.
 * Outside the band: exceeded on the better side (higher unless the family or the target says lower),
 * missed on the other.
 */
function judge(
  planned: Target,
  achieved: Target,
  better: 'higher' | 'lower' | null,
  tolerance: number,
): FulfilmentOutcome {
  const v = planned.normalized
  const slack = Math.abs(v) * tolerance
  let low = v
  let high = v
  switch (planned.comparator) {
    case 'approx':
      low = v - slack
      high = v + slack
      break
    case 'range':
      high = planned.normalizedMax ?? v
      break
    case '>=':
    case '>':
      high = v + slack
      break
    case '<=':
    case '<':
      low = v - slack
      break
    default:
      break
  }
  const a = achieved.normalized
  const eps = 1e-9 * Math.max(1, Math.abs(v))
  // A result printed as a bound (超6.1万家) meets a target printed the same way (超6.1万家).
  const strictFloor = planned.comparator === '>' && a <= v + eps && achieved.comparator !== '>'
  const strictCeiling = planned.comparator === '<' && a >= v - eps && achieved.comparator !== '<'
  if (a >= low - eps && a <= high + eps && !strictFloor && !strictCeiling) return 'met'
  const above = a > high || strictCeiling
  const higherIsBetter = better !== 'lower'
  return above === higherIsBetter ? 'exceeded' : 'missed'
}

/** The gap in words: percentage points for rates and shares, else a percentage of the target. */
function describeGap(gap: number, planned: Target): string {
  const sign = gap > 0 ? '+' : gap < 0 ? '−' : '±'
  if (planned.normalizedUnit === '%' || planned.normalizedUnit === '个百分点') {
    return `${sign}${formatNumber(Math.abs(gap))} pp`
  }
  if (planned.normalized === 0) return `${sign}${formatNumber(Math.abs(gap))}${planned.normalizedUnit}`
  return `${sign}${formatNumber((Math.abs(gap) / Math.abs(planned.normalized)) * 100, 1)}%`
}
