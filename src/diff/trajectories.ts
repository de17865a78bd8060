/**
 * Target trajectories: for each indicator (metric family) measured one way (kind and base unit), the
 * figures of every document as a series of (jurisdiction, level, year, value, status), ready to plot.
 * 5G基站 as a stock: 福州市 2019 3000个以上 (planned), 仓山区 2022 1390个 (achieved); as a flow: 厦门市
 * 2022 1万个, 福州市 2025 3200个 — two trajectories, never one line. 地区生产总值 growth: each province's
 * planned 5%左右 and the achieved 5.4% its next report gives, on one chart.
 */

import { expectDocuments, expectOptions } from '../arguments.js'
import { loadMetricLexicon, type MetricLexicon } from '../extract/index.js'
import type { Level, PlanDocument, Target, TargetKind } from '../model/index.js'
import type { Trajectory, TrajectoryPoint } from '../model/report.js'

export interface BuildTrajectoriesOptions {
  /** Metric lexicon for the families' labels (default data/metrics.json). */
  metrics?: MetricLexicon
  /**
   * Also give a trajectory to a metric without a family when the same metric name has figures in at
   * least this many documents (default 2; 0 turns this off).
   */
  unclassifiedMinDocuments?: number
  /** Keep baseline figures (the starting values of targets, such as 2020年基期); default true. */
  baselines?: boolean
}

/** Rank of a level in reading order: province before city before district. */
export const LEVEL_RANK: Record<Level, number> = { national: 0, province: 1, city: 2, district: 3, county: 3 }

/** Compares two strings by UTF-16 code units: the same order on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The series a figure belongs to: its family (else metric name), kind and base unit. */
export function seriesKey(
  target: Pick<Target, 'metricFamily' | 'metric' | 'kind' | 'normalizedUnit'>,
): string {
  return `${target.metricFamily ?? `metric:${target.metric}`}|${target.kind}|${target.normalizedUnit}`
}

/**
 * The trajectories of a corpus: one per metric family, kind and base unit (a family whose figures come
 * as stocks and flows gives two), ordered by id; points ordered by year, level, jurisdiction, document
 * and place.
 */
export function buildTrajectories(
  documents: readonly PlanDocument[],
  options: BuildTrajectoriesOptions = {},
): Trajectory[] {
  expectDocuments(documents, 'buildTrajectories')
  expectOptions(options, 'buildTrajectories')
  const families = new Map((options.metrics ?? loadMetricLexicon()).families.map((f) => [f.id, f]))
  const keepBaselines = options.baselines ?? true
  const minDocuments = options.unclassifiedMinDocuments ?? 2
  const groups = new Map<
    string,
    {
      family: string | null
      metric: string | null
      kind: TargetKind
      unit: string
      points: Array<TrajectoryPoint & { order: number }>
    }
  >()
  for (const doc of documents) {
    doc.items.forEach((item) => {
      item.targets.forEach((target) => {
        if (!keepBaselines && target.status === 'baseline') return
        const key = seriesKey(target)
        const group = groups.get(key) ?? {
          family: target.metricFamily,
          metric: target.metricFamily ? null : target.metric,
          kind: target.kind,
          unit: target.normalizedUnit,
          points: [],
        }
        group.points.push({
          docId: doc.id,
          itemId: item.id,
          jurisdiction: doc.jurisdiction?.name ?? null,
          level: doc.jurisdiction?.level ?? null,
          year: target.year ?? doc.year,
          yearFrom: target.yearFrom,
          value: target.value,
          valueMax: target.valueMax,
          unit: target.unit,
          normalized: target.normalized,
          normalizedMax: target.normalizedMax,
          comparator: target.comparator,
          kind: target.kind,
          status: target.status,
          direction: target.direction,
          metric: target.metric,
          text: target.text,
          order: target.span[0],
        })
        groups.set(key, group)
      })
    })
  }
  // Ids say the kind when a family has several, and the unit when a kind has several.
  const kindsOf = new Map<string, Set<string>>()
  const unitsOf = new Map<string, Set<string>>()
  for (const group of groups.values()) {
    const base = group.family ?? `metric:${group.metric}`
    kindsOf.set(base, (kindsOf.get(base) ?? new Set()).add(group.kind))
    const k = `${base}@${group.kind}`
    unitsOf.set(k, (unitsOf.get(k) ?? new Set()).add(group.unit))
  }
  const trajectories: Trajectory[] = []
  for (const group of groups.values()) {
    if (!group.family) {
      const docs = new Set(group.points.map((p) => p.docId))
      if (minDocuments <= 0 || docs.size < minDocuments) continue
    }
    const base = group.family ?? `metric:${group.metric}`
    const family = group.family ? families.get(group.family) : undefined
    const withKind = (kindsOf.get(base)?.size ?? 0) > 1 ? `${base}@${group.kind}` : base
    const id = (unitsOf.get(`${base}@${group.kind}`)?.size ?? 0) > 1 ? `${withKind}@${group.unit}` : withKind
    const points = group.points.sort(comparePoints).map(({ order: _order, ...point }) => point)
    trajectories.push({
      id,
      metricFamily: group.family,
      label: family?.zh ?? group.metric ?? group.family ?? base,
      labelEn: family?.en ?? null,
      kind: group.kind,
      unit: group.unit,
      points,
    })
  }
  return trajectories.sort((a, b) => compareStrings(a.id, b.id))
}

function comparePoints(
  a: TrajectoryPoint & { order: number },
  b: TrajectoryPoint & { order: number },
): number {
  return (
    (a.year ?? 9999) - (b.year ?? 9999) ||
    (a.level ? LEVEL_RANK[a.level] : 9) - (b.level ? LEVEL_RANK[b.level] : 9) ||
    compareStrings(a.jurisdiction ?? '', b.jurisdiction ?? '') ||
    compareStrings(a.docId, b.docId) ||
    a.order - b.order
  )
}
