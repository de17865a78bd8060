/**
 * The charts of the HTML page as compact data that the page's script draws as SVG (chart-script.ts):
 * a few hundred bytes per chart instead of the 20 kB of SVG vega writes for it (the charts were a third
 * of the page for 30 provincial reports). What needs judgement is decided here, in Node, once and
 * deterministically: the axis domain and its ticks, outliers, the series joined by lines, where the
 * figures' labels go. The script only maps values to pixels.
 *
 * The look follows the vega-lite specs of charts.ts (still exported, for SVG rendered in Node).
 */
import type { Fulfilment, Trajectory, TrajectoryPoint } from '../../model/report.js'
import {
  chartDivisor,
  fulfilmentDivisor,
  labelPositions,
  OUTCOME_COLORS,
  pointGoal,
  pointOwner,
  pointSeries,
  robustDomain,
  STATUS_SHAPES,
  STATUSES,
  yearLabel,
} from './charts.js'

/** Shapes the script draws. */
export type ChartShape = 'circle' | 'diamond' | 'square' | 'cross' | 'triangle-up' | 'triangle-down'

/**
 * One chart, as the script reads it. Arrays rather than objects, to keep the page small; colours are
 * indexes into `c`.
 */
export interface ChartData {
  /** Width of the plotting area in pixels (its height is 210). */
  w: number
  /** Categories across, in order. */
  x: string[]
  /** Angle of the category labels (0, or -40 for names). */
  a: number
  /** Value domain of the axis, low and high (values beyond are drawn at the edge). */
  d: [number, number]
  /** Ticks of the axis: value and label. */
  t: Array<[number, string]>
  /** Colours. */
  c: string[]
  /** Legend: label, colour index, shape, hollow (1) or filled (0). */
  l: Array<[string, number, ChartShape, number]>
  /** Lines: colour index, dashed (1) or solid (0), points as [category index, value]. */
  s: Array<[number, number, Array<[number, number]>]>
  /** Points: category index, value, colour index, shape, hollow (1), tooltip. */
  p: Array<[number, number, number, ChartShape, number, string]>
  /** Labels: category index, value, text, colour index, italic (1). */
  f: Array<[number, number, string, number, number]>
  /** What the chart shows, for screen readers. */
  n: string
}

/** Grey of neutral marks (targets in fulfilment charts, status shapes in the legend). */
const GREY = '#57606a'

/** The data of a trajectory chart: years across, one colour per jurisdiction, one shape per status. */
export function trajectoryChartData(trajectory: Trajectory, colors: ReadonlyMap<string, string>): ChartData {
  const divisor = chartDivisor(trajectory)
  const points = trajectory.points
  const years = [...new Set(points.map((p) => yearLabel(p.year)))].sort()
  const owners = [...new Set(points.map(pointOwner))].sort((a, b) => order(colors, a) - order(colors, b))
  const palette = new Palette()
  const scaled = points.map((p) => round(p.normalized / divisor))
  const robust = robustDomain(scaled)
  const x = (p: TrajectoryPoint) => years.indexOf(yearLabel(p.year))
  const outlier = (k: number) => robust?.outliers.has(scaled[k] as number) ?? false
  const span = robust ? robust.domain : zeroSpan(scaled)
  const first = niceDomain(span[0], span[1])
  const labelAt = labelPositions(
    points.map((p, k) => ({ year: yearLabel(p.year), value: scaled[k] as number })),
    first[1] - first[0],
  )
  // Figures are printed next to their points when the chart has room for them; the axis reaches the
  // highest label moved up, so that two labels of one year never meet at its edge.
  const printed = points.length <= 10
  const domain = printed
    ? niceDomain(span[0], Math.max(span[1], ...points.flatMap((_, k) => (outlier(k) ? [] : [labelAt[k]!]))))
    : first
  const bySeries = new Map<string, number[]>()
  points.forEach((p, k) => {
    const key = pointSeries(p)
    bySeries.set(key, [...(bySeries.get(key) ?? []), k])
  })
  const colour = (p: TrajectoryPoint) => palette.index(colors.get(pointOwner(p)) ?? '#666666')
  const lines: ChartData['s'] = []
  for (const ks of bySeries.values()) {
    if (ks.length < 2 || new Set(ks.map((k) => points[k]!.year)).size !== ks.length) continue
    const drawn = ks.filter((k) => !outlier(k)).sort((a, b) => x(points[a]!) - x(points[b]!))
    if (drawn.length < 2) continue
    const first = points[drawn[0]!]!
    lines.push([
      colour(first),
      pointGoal(first) === 'planned' ? 1 : 0,
      drawn.map((k) => [x(points[k]!), scaled[k]!]),
    ])
  }
  const shapeOf = (p: TrajectoryPoint, k: number): ChartShape =>
    outlier(k)
      ? (scaled[k] as number) > domain[1]
        ? 'triangle-up'
        : 'triangle-down'
      : (STATUS_SHAPES[STATUSES.indexOf(p.status)] as ChartShape)
  const marks: ChartData['p'] = points.map((p, k) => [
    x(p),
    scaled[k]!,
    colour(p),
    shapeOf(p, k),
    !outlier(k) && pointGoal(p) === 'planned' ? 1 : 0,
    `${pointOwner(p)} ${yearLabel(p.year)}: ${p.text}`,
  ])
  // Every outlier's figure is printed: its position on the axis is not its value.
  const labels: ChartData['f'] = []
  points.forEach((p, k) => {
    if (outlier(k)) labels.push([x(p), scaled[k]!, p.text, colour(p), 1])
    else if (printed) labels.push([x(p), round(labelAt[k]!), p.text, colour(p), 0])
  })
  const statuses = STATUSES.filter((s) => points.some((p) => p.status === s))
  const grey = palette.index(GREY)
  const legend: ChartData['l'] = [
    ...owners.map((o): ChartData['l'][number] => [o, palette.index(colors.get(o) ?? '#666666'), 'circle', 0]),
    ...statuses.map((s): ChartData['l'][number] => [
      s,
      grey,
      STATUS_SHAPES[STATUSES.indexOf(s)] as ChartShape,
      s === 'planned' || s === 'estimate' ? 1 : 0,
    ]),
  ]
  return {
    w: 396,
    x: years,
    a: 0,
    d: domain,
    t: ticksOf(domain),
    c: palette.colors,
    l: legend,
    s: lines,
    p: marks,
    f: labels,
    n: `${trajectory.label}: ${points.length} figures`,
  }
}

/**
 * The data of a fulfilment chart: for one indicator and year, each jurisdiction's target (hollow, grey)
 * and the result a later document reports (filled, coloured by outcome), joined by a line.
 */
export function fulfilmentChartData(pairs: readonly Fulfilment[], label: string): ChartData {
  const divisor = fulfilmentDivisor(pairs)
  const places = [...new Set(pairs.map((f) => f.jurisdiction))]
  const palette = new Palette()
  const grey = palette.index(GREY)
  const planned = pairs.map((f) => round(f.planned.target.normalized / divisor))
  const achieved = pairs.map((f) => round(f.achieved.target.normalized / divisor))
  const robust = robustDomain([...planned, ...achieved])
  const domain = robust
    ? niceDomain(robust.domain[0], robust.domain[1])
    : niceDomain(...zeroSpan([...planned, ...achieved]))
  const outcomes = ['met', 'exceeded', 'missed'].filter((o) => pairs.some((f) => f.outcome === o))
  const marks: ChartData['p'] = []
  const lines: ChartData['s'] = []
  pairs.forEach((f, k) => {
    const x = places.indexOf(f.jurisdiction)
    lines.push([
      palette.index('#8c959f'),
      0,
      [
        [x, planned[k]!],
        [x, achieved[k]!],
      ],
    ])
    marks.push([x, planned[k]!, grey, 'circle', 1, `${f.jurisdiction}: ${f.planned.target.text}`])
    marks.push([
      x,
      achieved[k]!,
      palette.index(OUTCOME_COLORS[f.outcome] ?? GREY),
      'circle',
      0,
      `${f.jurisdiction}: ${f.achieved.target.text} (${f.outcome})`,
    ])
  })
  return {
    w: Math.max(396, 34 * places.length),
    x: places,
    a: -40,
    d: domain,
    t: ticksOf(domain),
    c: palette.colors,
    l: outcomes.map((o) => [o, palette.index(OUTCOME_COLORS[o] ?? GREY), 'circle', 0]),
    s: lines,
    p: marks,
    f: [],
    n: `${label}: ${pairs.length} targets and results`,
  }
}

/** The chart as the JSON the page embeds (see `scriptJson`). */
export function chartJson(chart: ChartData): string {
  return scriptJson(chart)
}

/** JSON for a `<script type="application/json">`: `<` escaped, so that no text can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

/** Colours of one chart, each once, by index. */
class Palette {
  readonly colors: string[] = []
  index(color: string): number {
    const k = this.colors.indexOf(color)
    if (k >= 0) return k
    this.colors.push(color)
    return this.colors.length - 1
  }
}

/** Low and high of values, zero included (an axis of amounts starts at zero). */
function zeroSpan(values: readonly number[]): [number, number] {
  return [Math.min(0, ...values), Math.max(0, ...values)]
}

/** A domain widened to round ticks (about five), as d3's `nice` does; an empty one becomes [0, 1]. */
export function niceDomain(low: number, high: number): [number, number] {
  if (!(high > low)) return low === 0 ? [0, 1] : [Math.min(0, low), Math.max(0, low) || 1]
  const step = tickStep(low, high)
  return [round(Math.floor(low / step) * step), round(Math.ceil(high / step) * step)]
}

/** Round ticks of a domain, about five, labelled with thousands separators (1,200; 0.5). */
export function ticksOf(domain: [number, number]): Array<[number, string]> {
  const [low, high] = domain
  const step = tickStep(low, high)
  const out: Array<[number, string]> = []
  for (let k = Math.ceil(low / step); k * step <= high + step * 1e-9; k++) {
    const value = round(k * step)
    out.push([value, formatTick(value)])
  }
  return out
}

/** A tick step of 1, 2 or 5 times a power of ten giving about five ticks. */
function tickStep(low: number, high: number): number {
  const raw = (high - low) / 5
  const power = 10 ** Math.floor(Math.log10(raw))
  const error = raw / power
  return power * (error >= 7.07 ? 10 : error >= 3.16 ? 5 : error >= 1.41 ? 2 : 1)
}

function formatTick(value: number): string {
  const [whole, fraction] = String(Math.abs(value)).split('.')
  const grouped = (whole ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${value < 0 ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`
}

function order(colors: ReadonlyMap<string, string>, name: string): number {
  const k = [...colors.keys()].indexOf(name)
  return k < 0 ? Number.MAX_SAFE_INTEGER : k
}

function round(value: number): number {
  return Number.parseFloat(value.toPrecision(10))
}
