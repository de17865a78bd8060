/**
 * Records of the report stage: word diffs of aligned items, target changes, target trajectories, and
 * the whole report (`ReportOutput`), which is the alignment output (`AlignOutput`) plus diffs and
 * trajectories. `schema/plan-cascade.schema.json` is generated from these schemas (`npm run schema`).
 */
import { z } from 'zod'
import { AlignOutput, Comparator, Level, Relation, Target, TargetKind } from './index.js'

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

/** How a figure changed between two items. */
export const TargetChangeKind = z.enum([
  /** Same unit, larger number. */
  'increased',
  /** Same unit, smaller number. */
  'decreased',
  /** Same unit, same number. */
  'unchanged',
  /** The figures measure the same metric in different units (个 and %): not comparable as numbers. */
  'incomparable',
  /** Only the second item has a figure for this metric. */
  'added',
  /** Only the first item has a figure for this metric. */
  'dropped',
])
export type TargetChangeKind = z.infer<typeof TargetChangeKind>

/** Two figures of the same metric in two items, or a figure one of them lacks. */
export const TargetChange = z.object({
  /** What matched the figures: the metric family id, else the metric name. */
  key: z.string(),
  /** Metric family shared by the figures (or of the lone figure), or null. */
  metricFamily: z.string().nullable(),
  /** Metric name of the second figure, else of the first. */
  metric: z.string(),
  /** How the figure changed. */
  change: TargetChangeKind,
  /** The figure of the first item, or null when added. */
  from: Target.nullable(),
  /** The figure of the second item, or null when dropped. */
  to: Target.nullable(),
  /** `to.normalized - from.normalized` in their shared base unit, or null when not comparable. */
  delta: z.number().nullable(),
  /** `delta / from.normalized` (0.0667 for +6.7%), or null when not comparable or `from` is 0. */
  ratio: z.number().nullable(),
  /** Kind of the first and second figure when it changed (level -> increment), else null. */
  kindChange: z.tuple([TargetKind, TargetKind]).nullable(),
  /** The change in plain words: `3000个以上 -> 3200个 (+6.7%, level -> increment)`. */
  summary: z.string(),
})
export type TargetChange = z.infer<typeof TargetChange>

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
  /** Year the figure is due (or of the baseline), else the document's year, else null. */
  year: z.number().int().nullable(),
  /** Value as printed in its unit (lower end of a range). */
  value: z.number(),
  /** Upper end of a range as printed, else null. */
  valueMax: z.number().nullable(),
  /** Unit as printed: 个, 亿条, %. */
  unit: z.string(),
  /** Value in the trajectory's base unit. */
  normalized: z.number(),
  /** Upper end of a range in the base unit, else null. */
  normalizedMax: z.number().nullable(),
  /** Comparator of the figure (>= for 以上). */
  comparator: Comparator,
  /** What the figure measures: a new amount, a stock, a share, a growth rate, or history. */
  kind: TargetKind,
  /** Metric name of the figure (the family groups several). */
  metric: z.string(),
  /** Exact source text of the figure. */
  text: z.string(),
})
export type TrajectoryPoint = z.infer<typeof TrajectoryPoint>

/** The figures of one metric family in one base unit across the corpus, ready to plot. */
export const Trajectory = z.object({
  /**
   * Stable id: the family id (`5g-base-stations`), with `@<unit>` when the family's figures come in
   * several base units (`5g-base-stations@%`); `metric:<name>` for a metric without a family.
   */
  id: z.string(),
  /** Metric family id, or null for a metric without a family. */
  metricFamily: z.string().nullable(),
  /** Chinese label: the family's, else the metric name. */
  label: z.string(),
  /** English label of the family, or null. */
  labelEn: z.string().nullable(),
  /** Base unit of every point's `normalized` value ('' for a bare number). */
  unit: z.string(),
  /** Figures ordered by year, level (province first), jurisdiction, document and place in the text. */
  points: z.array(TrajectoryPoint),
})
export type Trajectory = z.infer<typeof Trajectory>

/** The whole report: the alignment output plus word diffs and target trajectories. */
export const ReportOutput = AlignOutput.extend({
  /**
   * Diffs of each thread member against the member it is compared with, of continued goals, and (when
   * asked) of every link; ordered by ids.
   */
  diffs: z.array(ItemDiff),
  /** Target trajectories, one per metric family and base unit, ordered by id. */
  trajectories: z.array(Trajectory),
})
export type ReportOutput = z.infer<typeof ReportOutput>
