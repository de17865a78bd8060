/**
 * The data files of the extract stage: the unit table, the metric lexicon and the unit aliases. They
 * live in the package's `data/` folder so that users can read, replace or extend them; the stage itself
 * only takes their parsed form, so that tests and users can also build them in code.
 */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { expectOptionalPath, expectOptions } from '../arguments.js'
import { dataDir } from '../data-dir.js'
import { PlanCascadeError } from '../errors'

/** What a measure unit counts. `time` units count only with a comparator (3个工作日内). */
export const UnitClass = z.enum([
  'count',
  'times',
  'records',
  'money',
  'data',
  'percent',
  'permille',
  'points',
  'fraction',
  'ratio',
  'multiple',
  'area',
  'length',
  'weight',
  'concentration',
  'energy',
  'power',
  'volume',
  'compute',
  'bandwidth',
  'time',
])
export type UnitClass = z.infer<typeof UnitClass>

const UnitEntry = z.object({
  /** Printed form, e.g. 个, 人次, TB, 平方公里. */
  unit: z.string().min(1),
  /** Unit of the normalized value: 条, 元, %, 个百分点, B. */
  base: z.string(),
  /** One `unit` in `base` units (TB -> 1e12 B). */
  multiplier: z.number().positive(),
  class: UnitClass,
})
export type UnitEntry = z.infer<typeof UnitEntry>

/** The unit table (`data/units.json`). */
export const UnitTable = z.object({
  note: z.string().optional(),
  /** Chinese magnitudes written between a number and its unit: 万 -> 1e4, 亿 -> 1e8. */
  magnitudes: z.record(z.string(), z.number().positive()),
  units: z.array(UnitEntry),
})
export type UnitTable = z.infer<typeof UnitTable>

const MetricFamily = z.object({
  /** Stable id, e.g. `data-records`. */
  id: z.string().min(1),
  /** Chinese label. */
  zh: z.string(),
  /** English label. */
  en: z.string(),
  /** Base unit the family is usually counted in, or null. */
  unit: z.string().nullable().default(null),
  /** Metric names that belong to the family, compared after removing quotes, brackets and spaces. */
  members: z.array(z.string()).default([]),
  /** Regular expressions (JavaScript syntax) tried on the metric name. */
  patterns: z.array(z.string()).default([]),
  /**
   * Which way is better for the figures of the family, for fulfilment: `higher` (GDP growth, new jobs),
   * `lower` (unemployment, energy intensity), or null when the plans do not say (CPI).
   */
  better: z.enum(['higher', 'lower']).nullable().default(null),
})
export type MetricFamily = z.infer<typeof MetricFamily>

/** The metric lexicon (`data/metrics.json`). */
export const MetricLexicon = z.object({
  note: z.string().optional(),
  families: z.array(MetricFamily),
  /** Figures that describe the document, not a target: 五大方面28项细则, 提出38项重点任务. */
  ignore: z
    .object({ nouns: z.array(z.string()).default([]), verbs: z.array(z.string()).default([]) })
    .default({ nouns: [], verbs: [] }),
})
export type MetricLexicon = z.infer<typeof MetricLexicon>

/** Roles of the parts of a document: the review of the past, the goals, the tasks. */
export type PartRole = 'review' | 'goals' | 'tasks'

/** Words of section titles by the part they name (`data/parts.json`). */
export const PartCues = z.object({
  note: z.string().optional(),
  review: z.array(z.string()).default([]),
  goals: z.array(z.string()).default([]),
  tasks: z.array(z.string()).default([]),
})
export type PartCues = z.infer<typeof PartCues>

const UnitAlias = z.object({
  /** A name as printed. */
  alias: z.string().min(1),
  /** The name the units index files it under. */
  canonical: z.string().min(1),
  /** Government the entry holds for (福州市), or null for everywhere. */
  jurisdiction: z.string().nullable().default(null),
  /** `renamed` for an institutional reform, `variant` for another spelling of the same body. */
  kind: z.enum(['renamed', 'variant']).default('renamed'),
  /** The fact behind the entry. */
  note: z.string().default(''),
})
export type UnitAlias = z.infer<typeof UnitAlias>

/** The unit aliases (`data/unit-aliases.json`). */
export const UnitAliases = z.object({ note: z.string().optional(), aliases: z.array(UnitAlias) })
export type UnitAliases = z.infer<typeof UnitAliases>

/** Options of the loaders. */
export interface LoadDataOptions {
  /** Add the file's entries to the bundled ones instead of replacing them. */
  extend?: boolean
}

/** The package's `data/` folder (see src/data-dir.ts). */
export function findDataDir(): string {
  return dataDir()
}

function readDataFile<T>(file: string, schema: z.ZodType<T>, what: string): T {
  let raw: string
  try {
    raw = readFileSync(file, 'utf8')
  } catch (error) {
    throw new PlanCascadeError('unreadable-file', `cannot read ${what}: ${(error as Error).message}`, {
      file,
    })
  }
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (error) {
    throw new PlanCascadeError('bad-option', `${what} is not JSON: ${(error as Error).message}`, { file })
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? issue.path.join('.') : ''
    throw new PlanCascadeError('bad-option', `not a valid ${what}: ${where} ${issue?.message ?? ''}`.trim(), {
      file,
    })
  }
  return parsed.data
}

const defaults: { units?: UnitTable; metrics?: MetricLexicon; aliases?: UnitAliases; parts?: PartCues } = {}

/** Read a unit table; without a file, the bundled `data/units.json` (read once). */
export function loadUnitTable(file?: string, options: LoadDataOptions = {}): UnitTable {
  if (!file) {
    defaults.units ??= readDataFile(join(findDataDir(), 'units.json'), UnitTable, 'unit table')
    return defaults.units
  }
  const table = readDataFile(file, UnitTable, 'unit table')
  if (!options.extend) return table
  const base = loadUnitTable()
  const mine = new Set(table.units.map((u) => u.unit))
  return {
    magnitudes: { ...base.magnitudes, ...table.magnitudes },
    units: [...table.units, ...base.units.filter((u) => !mine.has(u.unit))],
  }
}

/** Read a metric lexicon; without a file, the bundled `data/metrics.json` (read once). */
export function loadMetricLexicon(file?: string, options: LoadDataOptions = {}): MetricLexicon {
  expectOptionalPath(file, 'loadMetricLexicon')
  expectOptions(options, 'loadMetricLexicon')
  if (!file) {
    defaults.metrics ??= readDataFile(join(findDataDir(), 'metrics.json'), MetricLexicon, 'metric lexicon')
    return defaults.metrics
  }
  const lexicon = readDataFile(file, MetricLexicon, 'metric lexicon')
  return options.extend ? mergeMetricLexicons(loadMetricLexicon(), lexicon) : lexicon
}

/**
 * Add `extra` to `base`: a family with a known id gains members and patterns, a new family comes
 * first (so that users' narrower families win over the bundled broad ones).
 */
export function mergeMetricLexicons(base: MetricLexicon, extra: MetricLexicon): MetricLexicon {
  const byId = new Map(extra.families.map((f) => [f.id, f]))
  const merged = base.families.map((f) => {
    const more = byId.get(f.id)
    if (!more) return f
    byId.delete(f.id)
    return { ...f, members: [...more.members, ...f.members], patterns: [...more.patterns, ...f.patterns] }
  })
  return {
    families: [...byId.values(), ...merged],
    ignore: {
      nouns: [...new Set([...base.ignore.nouns, ...extra.ignore.nouns])],
      verbs: [...new Set([...base.ignore.verbs, ...extra.ignore.verbs])],
    },
  }
}

/** Read the section-title words of document parts; without a file, the bundled `data/parts.json` (read once). */
export function loadPartCues(file?: string, options: LoadDataOptions = {}): PartCues {
  if (!file) {
    defaults.parts ??= readDataFile(join(findDataDir(), 'parts.json'), PartCues, 'part cue file')
    return defaults.parts
  }
  const cues = readDataFile(file, PartCues, 'part cue file')
  if (!options.extend) return cues
  const base = loadPartCues()
  const merge = (a: string[], b: string[]) => [...new Set([...a, ...b])]
  return {
    review: merge(cues.review, base.review),
    goals: merge(cues.goals, base.goals),
    tasks: merge(cues.tasks, base.tasks),
  }
}

/** Read unit aliases; without a file, the bundled `data/unit-aliases.json` (read once). */
export function loadUnitAliases(file?: string, options: LoadDataOptions = {}): UnitAliases {
  expectOptionalPath(file, 'loadUnitAliases')
  expectOptions(options, 'loadUnitAliases')
  if (!file) {
    defaults.aliases ??= readDataFile(
      join(findDataDir(), 'unit-aliases.json'),
      UnitAliases,
      'unit alias file',
    )
    return defaults.aliases
  }
  const aliases = readDataFile(file, UnitAliases, 'unit alias file')
  return options.extend ? { aliases: [...aliases.aliases, ...loadUnitAliases().aliases] } : aliases
}
