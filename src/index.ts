/**
 * plan-cascade: compare Chinese government plan documents.
 *
 * Each stage is exported on its own; `analyze` composes them:
 *   read -> normalize -> parse -> extract -> tag -> align
 */

export type { DecisionPlace, DecisionWarning } from './align/decisions.js'
export { checkDecisions } from './align/decisions.js'
export type { Evaluation, GoldThreads } from './align/evaluate.js'
export type { FindThreadsQuery } from './align/find-threads.js'
export { findThreads } from './align/find-threads.js'
export type { AlignOptions, AlignResult, AlignSnapshot, Decision, SnapshotUse } from './align/index.js'
export { parseDecisions, readAlignSnapshot, writeAlignSnapshot } from './align/index.js'
// align and similarity with their arguments checked
export {
  align,
  buildFeatures,
  compare,
  evaluateAlignment,
  loadScoreWeights,
  pairFeatures,
  relateDocuments,
  scoreFeatures,
  scoreItems,
} from './checked.js'
export { seedsDir } from './data-dir.js'
export type {
  AlignedCorpus,
  BuildDiffsOptions,
  BuildTrajectoriesOptions,
  DiffItemsOptions,
  DiffWordsOptions,
  IndexedItem,
  MatchFulfilmentOptions,
  ThreadStep,
} from './diff/index.js'
export {
  buildDiffs,
  buildTrajectories,
  diffItems,
  diffTargets,
  diffWords,
  indexItems,
  matchFulfilment,
  threadSteps,
} from './diff/index.js'
export type { ErrorPlace, PlanCascadeErrorCode } from './errors.js'
export { PlanCascadeError } from './errors.js'
export type {
  FlattenedTable,
  MetricLexicon,
  TargetContext,
  TargetDraft,
  TimeScope,
  UnitAliases,
  UnitsIndex,
} from './extract/index.js'
export {
  extractResponsible,
  extractTargets,
  loadMetricLexicon,
  loadUnitAliases,
  parseChineseNumber,
  parseFlattenedTable,
  unitsIndex,
} from './extract/index.js'
export type { SourceText } from './io/index.js'
export { decodeBytes, listInputFiles, readSource } from './io/index.js'
export type {
  CreateSegmenterOptions,
  Lexicon,
  LoadLexiconOptions,
  Segmenter,
  SegmenterImplementation,
  Topic,
} from './lexicon/index.js'
export {
  computeKeywords,
  createSegmenter,
  isNodejiebaAvailable,
  learnStopwords,
  loadLexicon,
  tagTopics,
  tokenize,
} from './lexicon/index.js'
export * from './model/index.js'
export * from './model/report.js'
export type { NormalizedText } from './normalize/index.js'
export { normalizeText } from './normalize/index.js'
export type { ParseOptions } from './parse/index.js'
export { inferMetadata, itemSourceSpan, parseDocument } from './parse/index.js'
export type {
  Analysis,
  Corpus,
  ExtractOptions,
  LoadCorpusAsyncOptions,
  LoadCorpusOptions,
  Manifest,
  ReadOptions,
  TagOptions,
} from './pipeline/index.js'
export {
  analyze,
  analyzeAsync,
  extractDocument,
  loadCorpus,
  loadCorpusAsync,
  readDocument,
  tagDocuments,
} from './pipeline/index.js'
export type { OnProgress, ProgressEvent, ProgressStage } from './progress.js'
export { PROGRESS_STAGES } from './progress.js'
export type {
  BuildReportOptions,
  FlatCell,
  FlatRow,
  FlatTable,
  FlatTables,
  ParquetFiles,
  ReportFormat,
  TableName,
  TablesInput,
  ToHtmlOptions,
  ToJsonOptions,
  ToMarkdownOptions,
  WriteReportOptions,
  WrittenFile,
} from './report/index.js'
export {
  buildReport,
  jurisdictionColors,
  REPORT_FORMATS,
  renderDiffHtml,
  renderTrajectoryChart,
  TABLE_NAMES,
  toCsv,
  toDot,
  toGraphml,
  toHtml,
  toJson,
  toMarkdown,
  toParquet,
  toTables,
  writeReport,
} from './report/index.js'
export type { CorpusFeatures, ItemFeatures, ScoreWeights } from './similarity/index.js'
