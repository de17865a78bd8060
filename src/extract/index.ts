/**
 * The extract stage: quantitative targets, responsible units and indicator tables of plan items, as
 * typed records. Every function takes plain (normalized) strings and returns spans relative to the
 * string given; the pipeline maps them into source spans. Data (units, metric families, unit aliases)
 * comes from the files in `data/`, which users can replace or extend.
 */
export {
  findDataDir,
  type LoadDataOptions,
  loadMetricLexicon,
  loadPartCues,
  loadUnitAliases,
  loadUnitTable,
  type MetricFamily,
  type MetricLexicon,
  mergeMetricLexicons,
  type PartCues,
  type PartRole,
  type UnitAlias,
  type UnitAliases,
  type UnitClass,
  type UnitEntry,
  type UnitTable,
} from './data'
export { metricFamily } from './metric'
export { parseChineseNumber } from './numbers'
export {
  type ExtractResponsibleOptions,
  extractResponsible,
  findResponsibleClauses,
  itemBody,
  type ResponsibleDraft,
  splitUnits,
} from './responsible'
export {
  type FlattenedTable,
  type ParseTableOptions,
  parseFlattenedTable,
  type TableColumn,
  type TableRowContext,
  type TableRowDraft,
  tableRowTargets,
} from './table'
export { type ExtractTargetsOptions, extractTargets, type TargetContext, type TargetDraft } from './targets'
export { headingScope, readTimeScope, type TimeContext, type TimeScope, titleRole } from './time'
export { type UnitsIndex, type UnitsIndexEntry, type UnitsIndexOptions, unitsIndex } from './units-index'
