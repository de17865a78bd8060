/**
 * Records of the report stage: word diffs of aligned items, target changes, target trajectories, and
 * the whole report (`ReportOutput`), which is the alignment output (`AlignOutput`) plus diffs and
 * trajectories. `schema/plan-cascade.schema.json` is generated from these schemas (`npm run schema`).
 */
import { z } from 'zod'
import {
  AlignOutput,
  Comparator,
  Direction,
  Level,
  Relation,
  Target,
  TargetChange,
  TargetKind,
  TargetStatus,
} from './index.js'

export { TargetChange, TargetChangeKind } from './index.js'

/** What a run of a word diff is. */
export const DiffOp = z.enum([
  /** Words both items have. */
  'same',
  /** Words only the earlier / higher-level item has. */
  'removed',
  /** Words only the later / lower-level item has. */
  'added',
])
export type DiffOp = z.infer<typeof DiffOp>

/** A run of words of a diff. Concatenating the `same` and `removed` runs gives the first text back. */
export const DiffPart = z.object({
  /** Whether the run is in both texts, only in the first, or only in the second. */
  op: DiffOp,
  /** The words of the run, as printed (punctuation included). */
  text: z.string(),
})
export type DiffPart = z.infer<typeof DiffPart>

/** Responsible units (lead and related) of two items, compared by name as printed. */
export const UnitsChange = z.object({
  /** Units both items name, in the order of the second item. */
  kept: z.array(z.string()),
  /** Units only the second item names. */
  added: z.array(z.string()),
  /** Units only the first item names. */
  removed: z.array(z.string()),
})
export type UnitsChange = z.infer<typeof UnitsChange>

/** Why a pair of items was diffed in a report. */
export const DiffBasis = z.enum([
  /** Every link is diffed (a report built with `allLinks`). */
  'link',
  /** The second item follows the first one in a thread (the first is its closest earlier member). */
  'thread',
  /** An evolution pair continues the first item in the second. */
  'evolution',
])
export type DiffBasis = z.infer<typeof DiffBasis>

/** A word-level diff of two items, with their figures and responsible units compared. */
export const ItemDiff = z.object({
  /** Id of the first item (earlier / higher level). */
  from: z.string(),
  /** Id of the second item (later / lower level). */
  to: z.string(),
  /** Relation of the link between them, or null when no link joins them. */
  relation: Relation.nullable(),
  /** Score of the link between them, or null when no link joins them. */
  score: z.number().nullable(),
  /** Why the pair was diffed (empty for a diff asked for directly). */
  basis: z.array(DiffBasis),
  /**
   * Word diff of the item texts without their responsibility clauses, over segmenter tokens
   * (punctuation kept, so that the runs read as text).
   */
  parts: z.array(DiffPart),
  /**
   * Share of words the texts have in common, between 0 (completely different) and 1 (the same words):
   * 2 × shared characters / (characters of both), punctuation and spaces not counted.
   */
  overlap: z.number(),
  /** Figures compared by metric family (else metric name), in the order of the second item. */
  targets: z.array(TargetChange),
  /** Responsible units compared. */
  units: UnitsChange,
})
export type ItemDiff = z.infer<typeof ItemDiff>

/** One figure of a trajectory: where, when, how much. */
export const TrajectoryPoint = z.object({
  /** Document the figure is in. */
  docId: z.string(),
  /** Item the figure is in. */
  itemId: z.string(),
  /** Name of the document's jurisdiction, or null when unknown. */
  jurisdiction: z.string().nullable(),
  /** Level of the document's jurisdiction, or null when unknown. */
  level: Level.nullable(),
  /** Year the figure is due or was reached, else the document's year, else null. */
  year: z.number().int().nullable(),
  /** First year of the period a figure over several years covers (年均, 过去五年), else null. */
  yearFrom: z.number().int().nullable(),
  /** Value as printed in its unit (lower end of a range). */
  value: z.number(),
  /** Upper end of a range as printed, else null. */
  valueMax: z.number().nullable(),
  /** Unit as printed: 个, 亿条, %. */
  unit: z.string(),
  /** Value in the trajectory's base unit, signed for a change that falls (下降3% -> −3). */
  normalized: z.number(),
  /** Upper end of a range in the base unit, else null. */
  normalizedMax: z.number().nullable(),
  /** Comparator of the figure (>= for 以上). */
  comparator: Comparator,
  /** What the figure measures: a new amount (flow), a stock, a share or a growth rate. */
  kind: TargetKind,
  /** Goal or fact: planned, achieved, baseline or estimate (planned and achieved are drawn differently). */
  status: TargetStatus,
  /** Which way the figure moves, when the text says so. */
  direction: Direction.nullable(),
  /** Metric name of the figure (the family groups several). */
  metric: z.string(),
  /** Exact source text of the figure. */
  text: z.string(),
})
export type TrajectoryPoint = z.infer<typeof TrajectoryPoint>

/**
 * The figures of one indicator measured one way across the corpus, ready to plot: one metric family (or
 * metric name), one kind (a stock and a flow are two trajectories) and one base unit; planned targets
 * and achieved results of that indicator share it.
 */
export const Trajectory = z.object({
  /**
   * Stable id: the family id (`gdp`), with `@<kind>` when the family's figures come in several kinds
   * (`5g-base-stations@level`, `5g-base-stations@increment`) and `@<unit>` when one kind comes in several
   * base units; `metric:<name>` for a metric without a family.
   */
  id: z.string(),
  /** Metric family id, or null for a metric without a family. */
  metricFamily: z.string().nullable(),
  /** Chinese label: the family's, else the metric name. */
  label: z.string(),
  /** English label of the family, or null. */
  labelEn: z.string().nullable(),
  /** What every point measures: a flow, a stock, a share or a growth rate. */
  kind: TargetKind,
  /** Base unit of every point's `normalized` value ('' for a bare number). */
  unit: z.string(),
  /** Figures ordered by year, level (province first), jurisdiction, document and place in the text. */
  points: z.array(TrajectoryPoint),
})
export type Trajectory = z.infer<typeof Trajectory>

/** How an achieved figure compares with the target it answers. */
export const FulfilmentOutcome = z.enum([
  /** The result satisfies the target (within the tolerance of 左右 and of a floor or ceiling). */
  'met',
  /** The result is better than the target by more than the tolerance (better as the family says, else in the target's direction). */
  'exceeded',
  /** The result falls short of the target. */
  'missed',
])
export type FulfilmentOutcome = z.infer<typeof FulfilmentOutcome>

/** A figure with where it was found. */
export const LocatedTarget = z.object({
  docId: z.string(),
  itemId: z.string(),
  target: Target,
})
export type LocatedTarget = z.infer<typeof LocatedTarget>

/**
 * A planned target of year Y paired with the achieved figure of the same jurisdiction, indicator, kind
 * and year that a later document reports (next year's work report, the next plan's review).
 */
export const Fulfilment = z.object({
  /** The indicator: family id (else `metric:<name>`), kind and base unit, e.g. `gdp|growth|%`. */
  series: z.string(),
  /** Metric family, or null. */
  metricFamily: z.string().nullable(),
  /** Metric name of the planned figure. */
  metric: z.string(),
  /** Jurisdiction both documents belong to. */
  jurisdiction: z.string(),
  /** Year the target was due and the result reached. */
  year: z.number().int(),
  /** The target. */
  planned: LocatedTarget,
  /** The result, from a later document. */
  achieved: LocatedTarget,
  /** `achieved.normalized − planned.normalized` in the base unit (the lower end of a planned range). */
  gap: z.number(),
  outcome: FulfilmentOutcome,
  /** In plain words: `增长5%左右 -> 增长5.4% (met, +0.4 pp)`. */
  summary: z.string(),
})
export type Fulfilment = z.infer<typeof Fulfilment>

/** The whole report: the alignment output plus word diffs and target trajectories. */
export const ReportOutput = AlignOutput.extend({
  /**
   * Diffs of each thread member against the member it is compared with, of continued goals, and (when
   * asked) of every link; ordered by ids.
   */
  diffs: z.array(ItemDiff),
  /** Target trajectories, one per metric family, kind and base unit, ordered by id. */
  trajectories: z.array(Trajectory),
  /** Planned targets paired with the results later documents report, ordered by series, jurisdiction and year. */
  fulfilment: z.array(Fulfilment),
})
export type ReportOutput = z.infer<typeof ReportOutput>
