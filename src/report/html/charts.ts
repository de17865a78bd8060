/**
 * Target trajectory charts: a vega-lite spec per trajectory, compiled to vega and rendered to SVG in
 * Node (`View.toSVG()` needs no canvas), embedded inline. Years across, value up, one colour per
 * jurisdiction (the same colour in every chart); planned targets hollow and achieved results filled,
 * one shape per status; the figure as printed next to its point. An outlier (a 57.3% among rates of
 * 5–8%) does not squash the axis: the axis spans the other figures and the outlier sits at its edge as
 * a triangle, labelled with its figure.
 *
 * Fulfilment charts: for one indicator and year, each jurisdiction's target (hollow) and result
 * (filled, coloured by met / exceeded / missed), joined by a rule.
 */
import { expectArgument, expectArrayOf, expectString, isRecord } from '../../arguments.js'
import type { Fulfilment, Trajectory, TrajectoryPoint } from '../../model/report.js'

/** Colours of jurisdictions (Tableau 10), given in the order of `jurisdictionColors`. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#9c755f',
  '#ff9da7',
  '#bab0ac',
]

/** Shapes of the statuses; planned and estimate are drawn hollow, achieved and baseline filled. */
export const STATUSES = ['planned', 'estimate', 'achieved', 'baseline']
export const STATUS_SHAPES = ['circle', 'diamond', 'square', 'cross']
const HOLLOW = new Set(['planned', 'estimate'])
/** Colours of fulfilment outcomes. */
export const OUTCOME_COLORS: Record<string, string> = {
  met: '#59a14f',
  exceeded: '#4e79a7',
  missed: '#e15759',
}

/** Font stack of the charts: SVG text takes the page's CSS too, this is for the SVG on its own. */
export const CHART_FONT =
  'PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans-serif'

/** A stable colour for each jurisdiction, in the order given (reading order of the documents). */
export function jurisdictionColors(names: readonly string[]): Map<string, string> {
  expectArrayOf(names, 'jurisdictionColors', 'names to be an array of strings', (n) => typeof n === 'string')
  return new Map(names.map((name, k) => [name, PALETTE[k % PALETTE.length]!]))
}

/** Unit of a chart's axis: the trajectory's unit, with 亿 or 万 when the values are large. */
export function chartUnit(trajectory: Trajectory): string {
  return magnitude(trajectory).unit
}

/** Divisor of a chart's values (1, 1e4 for 万, 1e8 for 亿). */
export function chartDivisor(trajectory: Trajectory): number {
  return magnitude(trajectory).divisor
}

/** Scale of a chart's values: 亿 and 万 for large amounts, so that axes read like the plans do. */
function magnitude(trajectory: Trajectory): { divisor: number; unit: string } {
  const max = Math.max(...trajectory.points.map((p) => Math.abs(p.normalizedMax ?? p.normalized)))
  if (trajectory.unit === '%' || trajectory.unit === '个百分点') return { divisor: 1, unit: trajectory.unit }
  if (max >= 1e8) return { divisor: 1e8, unit: `亿${trajectory.unit}` }
  if (max >= 1e5) return { divisor: 1e4, unit: `万${trajectory.unit}` }
  return { divisor: 1, unit: trajectory.unit }
}

/** Who a point belongs to in the legend. */
export function pointOwner(p: TrajectoryPoint): string {
  return p.jurisdiction ?? p.docId
}

/**
 * The values an axis spans, without outliers: values beyond three interquartile ranges from the
 * quartiles (at least a tenth of the median away) are left to the edge. Null when nothing stands out
 * or too few values remain.
 */
export function robustDomain(
  values: readonly number[],
): { domain: [number, number]; outliers: Set<number> } | null {
  if (values.length < 4) return null
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => {
    const i = (sorted.length - 1) * q
    const lo = Math.floor(i)
    const hi = Math.ceil(i)
    return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (i - lo)
  }
  const q1 = at(0.25)
  const q3 = at(0.75)
  const spread = Math.max(q3 - q1, Math.abs(at(0.5)) * 0.1, 1e-9)
  const low = q1 - 3 * spread
  const high = q3 + 3 * spread
  const outliers = new Set(values.filter((v) => v < low || v > high))
  const inliers = values.filter((v) => !outliers.has(v))
  if (outliers.size === 0 || inliers.length < 3) return null
  const min = Math.min(...inliers)
  const max = Math.max(...inliers)
  return { domain: [Math.min(0, min), max], outliers }
}

/** Targets (planned, estimate: drawn hollow) against results (achieved, baseline: filled). */
export function pointGoal(p: TrajectoryPoint): 'planned' | 'achieved' {
  return HOLLOW.has(p.status) ? 'planned' : 'achieved'
}

/**
 * The line a point is on: one jurisdiction's figures of one metric and one status class (the targets
 * of 2019 and 2025; the results of 2024 and 2025), targets dashed. A rate over several years (年均 over
 * 2026-2030) is not on the line of the yearly ones.
 */
export function pointSeries(p: TrajectoryPoint): string {
  return `${pointOwner(p)}|${p.metric}|${pointGoal(p)}|${p.yearFrom === null ? 'year' : `${p.yearFrom}-${p.year}`}`
}

/** The vega-lite spec of a trajectory chart. */
export function trajectorySpec(trajectory: Trajectory, colors: Map<string, string>): Record<string, unknown> {
  const { divisor } = magnitude(trajectory)
  const years = [...new Set(trajectory.points.map((p) => yearLabel(p.year)))].sort()
  const goal = pointGoal
  const series = pointSeries
  const bySeries = new Map<string, TrajectoryPoint[]>()
  for (const p of trajectory.points) bySeries.set(series(p), [...(bySeries.get(series(p)) ?? []), p])
  const lined = new Set(
    [...bySeries]
      .filter(([, ps]) => ps.length > 1 && new Set(ps.map((p) => p.year)).size === ps.length)
      .map(([key]) => key),
  )
  const owners = [...new Set(trajectory.points.map(pointOwner))].sort(
    (a, b) => order(colors, a) - order(colors, b),
  )
  const scaled = trajectory.points.map((p) => round(p.normalized / divisor))
  const robust = robustDomain(scaled)
  // figure labels moved apart within a year, so that close values do not print over each other
  const labelAt = labelPositions(
    trajectory.points.map((p, k) => ({ year: yearLabel(p.year), value: scaled[k] as number })),
  )
  const values = trajectory.points.map((p, k) => {
    const value = scaled[k] as number
    const outlier = robust?.outliers.has(value) ?? false
    return {
      year: yearLabel(p.year),
      value,
      labelValue: round(labelAt[k] as number),
      jurisdiction: pointOwner(p),
      series: series(p),
      status: p.status,
      goal: goal(p),
      figure: p.text,
      line: lined.has(series(p)) && !outlier,
      outlier,
      above: robust !== null && value > robust.domain[1],
    }
  })
  const x = { field: 'year', type: 'ordinal', sort: years, axis: { title: null, labelAngle: 0 } }
  // No axis title: the unit is in the chart's heading (a rotated 个 reads as an arrow).
  const y = {
    field: 'value',
    type: 'quantitative',
    axis: { title: null, format: ',~f', tickCount: 5 },
    scale: robust ? { domain: robust.domain, nice: true, clamp: true } : { zero: true, nice: true },
  }
  const statuses = STATUSES.filter((k) => trajectory.points.some((p) => p.status === k))
  const color = {
    field: 'jurisdiction',
    type: 'nominal',
    scale: { domain: owners, range: owners.map((o) => colors.get(o) ?? '#666666') },
    legend: { title: null, orient: 'right', labelLimit: 120 },
  }
  const shape = {
    field: 'status',
    type: 'nominal',
    scale: { domain: statuses, range: statuses.map((k) => STATUS_SHAPES[STATUSES.indexOf(k)]!) },
    legend: { title: null, orient: 'right' },
  }
  const layers: Array<Record<string, unknown>> = [
    {
      transform: [{ filter: 'datum.line' }],
      mark: { type: 'line', strokeWidth: 1.5, opacity: 0.55 },
      encoding: {
        x,
        y,
        color,
        detail: { field: 'series', type: 'nominal' },
        strokeDash: {
          field: 'goal',
          type: 'nominal',
          scale: {
            domain: ['planned', 'achieved'],
            range: [
              [4, 3],
              [1, 0],
            ],
          },
          legend: null,
        },
      },
    },
    {
      transform: [
        { filter: "!datum.outlier && (datum.status === 'planned' || datum.status === 'estimate')" },
      ],
      mark: { type: 'point', filled: false, strokeWidth: 2, size: 80, opacity: 0.95 },
      encoding: { x, y, color, shape },
    },
    {
      transform: [{ filter: "!datum.outlier && datum.status !== 'planned' && datum.status !== 'estimate'" }],
      mark: { type: 'point', filled: true, size: 80, opacity: 0.9 },
      encoding: { x, y, color, shape },
    },
  ]
  if (robust) {
    // Outliers at the edge of the axis, pointing the way they went, with their figure.
    layers.push(
      {
        transform: [{ filter: 'datum.outlier' }],
        mark: { type: 'point', filled: true, size: 90 },
        encoding: {
          x,
          y,
          color,
          shape: {
            field: 'above',
            type: 'nominal',
            scale: { domain: [true, false], range: ['triangle-up', 'triangle-down'] },
            legend: null,
          },
        },
      },
      {
        transform: [{ filter: 'datum.outlier' }],
        mark: { type: 'text', align: 'left', dx: 7, dy: 3, fontSize: 10, fontStyle: 'italic' },
        encoding: { x, y, text: { field: 'figure' }, color },
      },
    )
  }
  if (trajectory.points.length <= 10) {
    layers.push({
      transform: [{ filter: '!datum.outlier' }],
      mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10, opacity: 0.85 },
      encoding: { x, y: { ...y, field: 'labelValue' }, text: { field: 'figure' }, color },
    })
  }
  return chartSpec(`${trajectory.label}: ${trajectory.points.length} figures`, values, layers)
}

/** The frame every chart shares: size, fonts, colours of axes and legends. */
function chartSpec(
  description: string,
  values: unknown[],
  layers: Array<Record<string, unknown>>,
  width = 396,
): Record<string, unknown> {
  return {
    width,
    height: 210,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 4,
    background: 'transparent',
    description,
    data: { values },
    layer: layers,
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelColor: '#57606a', titleColor: '#57606a', gridColor: '#eaeef2', domainColor: '#d0d7de' },
      legend: { labelColor: '#57606a', symbolSize: 60 },
    },
  }
}

/**
 * The vega-lite spec of a fulfilment chart: for one indicator and year, each jurisdiction's target
 * (hollow) and the result a later document reports (filled, coloured by outcome), joined by a rule.
 */
export function fulfilmentSpec(pairs: readonly Fulfilment[], label: string): Record<string, unknown> {
  const divisor = fulfilmentDivisor(pairs)
  const places = [...new Set(pairs.map((f) => f.jurisdiction))]
  const values = pairs.flatMap((f) => [
    {
      jurisdiction: f.jurisdiction,
      role: 'planned',
      value: round(f.planned.target.normalized / divisor),
      figure: f.planned.target.text,
      outcome: f.outcome,
    },
    {
      jurisdiction: f.jurisdiction,
      role: 'achieved',
      value: round(f.achieved.target.normalized / divisor),
      figure: f.achieved.target.text,
      outcome: f.outcome,
    },
  ])
  const robust = robustDomain(values.map((v) => v.value))
  const x = { field: 'jurisdiction', type: 'nominal', sort: places, axis: { title: null, labelAngle: -40 } }
  const y = {
    field: 'value',
    type: 'quantitative',
    axis: { title: null, format: ',~f', tickCount: 5 },
    scale: robust ? { domain: robust.domain, nice: true, clamp: true } : { zero: true, nice: true },
  }
  const outcomes = ['met', 'exceeded', 'missed'].filter((o) => pairs.some((f) => f.outcome === o))
  const color = {
    field: 'outcome',
    type: 'nominal',
    scale: { domain: outcomes, range: outcomes.map((o) => OUTCOME_COLORS[o] as string) },
    legend: { title: null, orient: 'right' },
  }
  const layers = [
    {
      mark: { type: 'line', strokeWidth: 1.5, opacity: 0.5, color: '#8c959f' },
      encoding: { x, y, detail: { field: 'jurisdiction', type: 'nominal' } },
    },
    {
      transform: [{ filter: "datum.role === 'planned'" }],
      mark: { type: 'point', filled: false, strokeWidth: 2, size: 90, color: '#57606a' },
      encoding: { x, y, tooltip: { field: 'figure' } },
    },
    {
      transform: [{ filter: "datum.role === 'achieved'" }],
      mark: { type: 'point', filled: true, size: 90, opacity: 0.95 },
      encoding: { x, y, color, tooltip: { field: 'figure' } },
    },
  ]
  return chartSpec(
    `${label}: ${pairs.length} targets and results`,
    values,
    layers,
    Math.max(396, 34 * places.length),
  )
}

/** Scale of a fulfilment chart's values, as `magnitude` does for trajectories. */
export function fulfilmentDivisor(pairs: readonly Fulfilment[]): number {
  const unit = pairs[0]?.planned.target.normalizedUnit ?? ''
  if (unit === '%' || unit === '个百分点') return 1
  const max = Math.max(...pairs.map((f) => Math.abs(f.planned.target.normalized)))
  return max >= 1e8 ? 1e8 : max >= 1e5 ? 1e4 : 1
}

/** Unit of a fulfilment chart's axis: 亿元, 万人, %. */
export function fulfilmentUnit(pairs: readonly Fulfilment[]): string {
  const unit = pairs[0]?.planned.target.normalizedUnit ?? ''
  const divisor = fulfilmentDivisor(pairs)
  return divisor === 1e8 ? `亿${unit}` : divisor === 1e4 ? `万${unit}` : unit
}

/** Renders a vega-lite spec to SVG, ids rewritten with `prefix` (see `renderTrajectoryChart`). */
export async function renderSpec(spec: Record<string, unknown>, prefix: string): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')])
  // The library never logs: vega and vega-lite get a logger that prints nothing.
  const logger = vega.logger(vega.None)
  const compiled = vegaLite.compile(spec as never, { logger }).spec
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger, logLevel: vega.None })
  try {
    const svg = await view.toSVG()
    return prefixIds(svg, prefix).replace('<svg ', '<svg class="chart-svg" focusable="false" ')
  } finally {
    view.finalize()
  }
}

/**
 * Renders a trajectory chart to SVG. Element ids are rewritten with `prefix`, so that several charts
 * can share a page and the same input always gives the same bytes.
 */
export async function renderTrajectoryChart(
  trajectory: Trajectory,
  colors: Map<string, string>,
  prefix: string,
): Promise<string> {
  expectArgument(
    isRecord(trajectory) && Array.isArray(trajectory.points),
    'renderTrajectoryChart',
    'trajectory to be a Trajectory (as buildTrajectories returns)',
    trajectory,
  )
  expectArgument(colors instanceof Map, 'renderTrajectoryChart', 'colors to be a Map', colors)
  expectString(prefix, 'renderTrajectoryChart', 'prefix')
  return renderSpec(trajectorySpec(trajectory, colors), prefix)
}

/** Renames every `id` of an SVG (and its references) to `<prefix>-<n>`. */
export function prefixIds(svg: string, prefix: string): string {
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)
  let out = svg
  ids.forEach((id, k) => {
    const next = `${prefix}-${k + 1}`
    out = out
      .split(`id="${id}"`)
      .join(`id="${next}"`)
      .split(`url(#${id})`)
      .join(`url(#${next})`)
      .split(`href="#${id}"`)
      .join(`href="#${next}"`)
  })
  return out
}

/**
 * Heights of the figures' labels: a label sits at its point unless a lower label of the same year is
 * too close, then it moves up just enough (an eleventh of the axis apart: of `span` when given, else
 * of the largest value), so that 90%以上 and 90% of one year do not print over each other.
 */
export function labelPositions(points: Array<{ year: string; value: number }>, span?: number): number[] {
  const max = Math.max(0, ...points.map((p) => p.value))
  const gap = (span ?? max) / 11
  const out = points.map((p) => p.value)
  const byYear = new Map<string, number[]>()
  for (const [k, p] of points.entries()) byYear.set(p.year, [...(byYear.get(p.year) ?? []), k])
  for (const indexes of byYear.values()) {
    indexes.sort((a, b) => out[a]! - out[b]! || a - b)
    for (let i = 1; i < indexes.length; i++) {
      const below = out[indexes[i - 1]!]!
      if (out[indexes[i]!]! - below < gap) out[indexes[i]!] = below + gap
    }
  }
  return out
}

export function yearLabel(year: number | null): string {
  return year === null ? '?' : String(year)
}

function order(colors: Map<string, string>, name: string): number {
  const k = [...colors.keys()].indexOf(name)
  return k < 0 ? Number.MAX_SAFE_INTEGER : k
}

function round(value: number): number {
  return Number.parseFloat(value.toPrecision(10))
}
