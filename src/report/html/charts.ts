/**
 * Target trajectory charts: a vega-lite spec per trajectory, compiled to vega and rendered to SVG in
 * Node (`View.toSVG()` needs no canvas), embedded inline. Years across, value up, one colour per
 * jurisdiction (the same colour in every chart), one shape per kind of figure, the figure as printed
 * next to its point.
 */
import type { Trajectory, TrajectoryPoint } from '../../model/report.js'

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

const KINDS = ['level', 'increment', 'share', 'growth', 'baseline']
const SHAPES = ['circle', 'triangle-up', 'square', 'diamond', 'cross']

/** Font stack of the charts: SVG text takes the page's CSS too, this is for the SVG on its own. */
export const CHART_FONT =
  'PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Micro Hei, sans-serif'

/** A stable colour for each jurisdiction, in the order given (reading order of the documents). */
export function jurisdictionColors(names: readonly string[]): Map<string, string> {
  return new Map(names.map((name, k) => [name, PALETTE[k % PALETTE.length]!]))
}

/** Unit of a chart's axis: the trajectory's unit, with 亿 or 万 when the values are large. */
export function chartUnit(trajectory: Trajectory): string {
  return magnitude(trajectory).unit
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
function pointOwner(p: TrajectoryPoint): string {
  return p.jurisdiction ?? p.docId
}

/** The vega-lite spec of a trajectory chart. */
export function trajectorySpec(trajectory: Trajectory, colors: Map<string, string>): Record<string, unknown> {
  const { divisor } = magnitude(trajectory)
  const years = [...new Set(trajectory.points.map((p) => yearLabel(p.year)))].sort()
  // A line joins one jurisdiction's figures of one metric (5G基站 3000个以上 in 2019, 3200个 in 2025)
  // when they fall in different years; figures of different metrics of a family stay apart.
  const series = (p: TrajectoryPoint) => `${pointOwner(p)}|${p.metric}`
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
  const labelAt = labelPositions(
    trajectory.points.map((p) => ({ year: yearLabel(p.year), value: p.normalized / divisor })),
  )
  const values = trajectory.points.map((p, k) => ({
    year: yearLabel(p.year),
    value: round(p.normalized / divisor),
    labelValue: round(labelAt[k]!),
    jurisdiction: pointOwner(p),
    series: series(p),
    kind: p.kind,
    figure: p.text,
    line: lined.has(series(p)),
  }))
  const x = { field: 'year', type: 'ordinal', sort: years, axis: { title: null, labelAngle: 0 } }
  // No axis title: the unit is in the chart's heading (a rotated 个 reads as an arrow).
  const y = {
    field: 'value',
    type: 'quantitative',
    axis: { title: null, format: ',~f', tickCount: 5 },
    scale: { zero: true, nice: true },
  }
  const kinds = KINDS.filter((k) => trajectory.points.some((p) => p.kind === k))
  const color = {
    field: 'jurisdiction',
    type: 'nominal',
    scale: { domain: owners, range: owners.map((o) => colors.get(o) ?? '#666666') },
    legend: { title: null, orient: 'right', labelLimit: 120 },
  }
  const layers: Array<Record<string, unknown>> = [
    {
      transform: [{ filter: 'datum.line' }],
      mark: { type: 'line', strokeWidth: 1.5, opacity: 0.55 },
      encoding: { x, y, color, detail: { field: 'series', type: 'nominal' } },
    },
    {
      mark: { type: 'point', filled: true, size: 80, opacity: 0.9 },
      encoding: {
        x,
        y,
        color,
        shape: {
          field: 'kind',
          type: 'nominal',
          scale: { domain: kinds, range: kinds.map((k) => SHAPES[KINDS.indexOf(k)]!) },
          legend: { title: null, orient: 'right' },
        },
      },
    },
  ]
  if (trajectory.points.length <= 10) {
    layers.push({
      mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10, opacity: 0.85 },
      encoding: { x, y: { ...y, field: 'labelValue' }, text: { field: 'figure' }, color },
    })
  }
  return {
    width: 396,
    height: 210,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 4,
    background: 'transparent',
    description: `${trajectory.label}: ${trajectory.points.length} figures`,
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
 * Renders a trajectory chart to SVG. Element ids are rewritten with `prefix`, so that several charts
 * can share a page and the same input always gives the same bytes.
 */
export async function renderTrajectoryChart(
  trajectory: Trajectory,
  colors: Map<string, string>,
  prefix: string,
): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')])
  // The library never logs: vega and vega-lite get a logger that prints nothing.
  const logger = vega.logger(vega.None)
  const spec = vegaLite.compile(trajectorySpec(trajectory, colors) as never, { logger }).spec
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logger, logLevel: vega.None })
  try {
    const svg = await view.toSVG()
    return prefixIds(svg, prefix).replace('<svg ', '<svg class="chart-svg" focusable="false" ')
  } finally {
    view.finalize()
  }
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
 * too close, then it moves up just enough (an eleventh of the axis apart), so that 90%以上 and 90% of
 * one year do not print over each other.
 */
function labelPositions(points: Array<{ year: string; value: number }>): number[] {
  const max = Math.max(0, ...points.map((p) => p.value))
  const gap = max / 11
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

function yearLabel(year: number | null): string {
  return year === null ? '?' : String(year)
}

function order(colors: Map<string, string>, name: string): number {
  const k = [...colors.keys()].indexOf(name)
  return k < 0 ? Number.MAX_SAFE_INTEGER : k
}

function round(value: number): number {
  return Number.parseFloat(value.toPrecision(10))
}
