/**
 * The extract stage: quantitative targets, responsible units and indicator tables of plan items, as
 * typed records. Every function takes plain (normalized) strings and returns spans relative to the
 * string given; the pipeline maps them into source spans.
 */

export {
  findDataDir,
  type LoadDataOptions,
  loadMetricLexicon,
  loadUnitAliases,
  loadUnitTable,
  type MetricFamily,
  type MetricLexicon,
  mergeMetricLexicons,
  type UnitAlias,
  type UnitAliases,
  type UnitClass,
  type UnitEntry,
  type UnitTable,
} from './data'
export { metricFamily } from './metric'
export { parseChineseNumber } from './numbers'
export {
  type ExtractTargetsOptions,
  extractTargets,
  type TargetContext,
  type TargetDraft,
} from './targets'
