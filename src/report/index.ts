/**
 * The report stage: the alignment output with word diffs and target trajectories (`buildReport`), and
 * its formats: JSON (the public contract, see schema/plan-cascade.schema.json), CSV tables, GraphML and
 * DOT networks, a Markdown summary and a standalone HTML page. `writeReport` writes them to a folder.
 *
 *   const report = buildReport(documents, align(documents))
 *   await writeReport(report, 'out', ['html', 'csv'])
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectAligned, expectArgument, expectDocuments, expectOptions, expectReport } from '../arguments.js'
import {
  type AlignedCorpus,
  type BuildDiffsOptions,
  type BuildTrajectoriesOptions,
  buildDiffs,
  buildTrajectories,
  type MatchFulfilmentOptions,
  matchFulfilment,
} from '../diff/index.js'
import { PlanCascadeError } from '../errors.js'
import { type PlanDocument, SCHEMA_VERSION } from '../model/index.js'
import type { ReportOutput } from '../model/report.js'
import { type OnProgress, stageProgress } from '../progress.js'
import { CSV_NAMES, csvTables } from './csv.js'
import { toDot, toGraphml } from './graph.js'
import { type ToHtmlOptions, toHtml } from './html/index.js'
import { type ToMarkdownOptions, toMarkdown } from './markdown.js'
import { PARQUET_NAMES, parquetOfParts } from './parquet.js'
import { writePieces } from './stream.js'
import { tableParts } from './tables.js'

export { CSV_NAMES, type CsvFiles, type CsvName, csvTables, tableFileName, toCsv } from './csv.js'
export { buildGraph, documentEdges, toDot, toGraphml } from './graph.js'
export {
  chartUnit,
  documentFlows,
  fulfilmentSpec,
  jurisdictionColors,
  loadReportStrings,
  prefixIds,
  type ReportLanguage,
  type ReportStrings,
  renderCascade,
  renderDiffHtml,
  renderTrajectoryChart,
  robustDomain,
  type ToHtmlOptions,
  toHtml,
  trajectorySpec,
} from './html/index.js'
export { escapeMarkdown, renderDiff, type ToMarkdownOptions, toMarkdown } from './markdown.js'
export { PARQUET_NAMES, type ParquetFiles, type ParquetName, toParquet } from './parquet.js'
export { type AlignOutputParts, jsonLines, jsonPieces, writePieces } from './stream.js'
export {
  type FlatCell,
  type FlatRow,
  type FlatTable,
  type FlatTables,
  TABLE_NAMES,
  type TableName,
  type TablesInput,
  toTables,
} from './tables.js'
export { type OrderedThread, orderedThreads } from './threads.js'

export interface BuildReportOptions
  extends BuildDiffsOptions,
    BuildTrajectoriesOptions,
    MatchFulfilmentOptions {}

/**
 * The report of an aligned corpus: documents, links, threads and evolution as the alignment gave them,
 * plus the word diffs of every link, thread step and continued goal, the target trajectories, and the
 * fulfilment of planned targets by the results later documents report.
 */
export function buildReport(
  documents: readonly PlanDocument[],
  aligned: AlignedCorpus,
  options: BuildReportOptions = {},
): ReportOutput {
  expectDocuments(documents, 'buildReport')
  expectAligned(aligned, 'buildReport')
  expectOptions(options, 'buildReport')
  return {
    schemaVersion: SCHEMA_VERSION,
    documents: [...documents],
    links: [...aligned.links],
    threads: [...aligned.threads],
    evolution: [...aligned.evolution],
    diffs: buildDiffs(documents, aligned, options),
    trajectories: buildTrajectories(documents, options),
    fulfilment: matchFulfilment(documents, options),
  }
}

export interface ToJsonOptions {
  /** Spaces of indentation (default 2; 0 for one line). */
  indent?: number
}

/** The report as JSON text (a `ReportOutput`, see schema/plan-cascade.schema.json), with a final newline. */
export function toJson(report: ReportOutput, options: ToJsonOptions = {}): string {
  expectReport(report, 'toJson')
  expectOptions(options, 'toJson')
  return `${JSON.stringify(report, null, options.indent ?? 2)}\n`
}

/** Formats `writeReport` knows. */
export const REPORT_FORMATS = ['html', 'md', 'csv', 'parquet', 'json', 'graphml', 'dot'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** A file written by `writeReport`. */
export interface WrittenFile {
  /** Format the file belongs to. */
  format: ReportFormat
  /** Path of the file (the folder joined with its name). */
  path: string
  /** Size in bytes. */
  bytes: number
}

export interface WriteReportOptions extends ToHtmlOptions, ToMarkdownOptions, ToJsonOptions {
  /** Called after each file is written (stage `writing`, one unit per file, with its path). */
  onProgress?: OnProgress
}

/**
 * Writes the report to a folder (created if needed): report.html, report.md, report.json,
 * report.graphml, report.dot, and the tables as CSV (documents.csv, items.csv, targets.csv, links.csv,
 * threads.csv, evolution.csv, diffs.csv, target-changes.csv, fulfilment.csv, review.csv) and as
 * Parquet (the same names, .parquet). Returns the files written, in order.
 *
 * @throws PlanCascadeError `bad-option` for an unknown format, `unreadable-file` when the folder
 * cannot be written.
 */
export async function writeReport(
  report: ReportOutput,
  dir: string,
  formats: readonly ReportFormat[] = REPORT_FORMATS,
  options: WriteReportOptions = {},
): Promise<WrittenFile[]> {
  expectReport(report, 'writeReport') // rejects: the function is async
  expectArgument(typeof dir === 'string' && dir !== '', 'writeReport', 'dir to be a folder path', dir)
  expectArgument(Array.isArray(formats), 'writeReport', 'formats to be an array', formats)
  expectOptions(options, 'writeReport')
  for (const format of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new PlanCascadeError(
        'bad-option',
        `unknown report format '${format}': use ${REPORT_FORMATS.join(', ')}`,
      )
    }
  }
  const wanted = REPORT_FORMATS.filter((f) => formats.includes(f))
  // Every file to write, rendered when its turn comes (the CSV and Parquet tables once per format).
  const once = <T>(render: () => T) => {
    let value: T | undefined
    return () => {
      value ??= render()
      return value
    }
  }
  // CSV tables are written piece by piece: one string per table would not fit at 1,000 documents
  // one set of tables for both: the links table made for the CSV file is kept for the Parquet one
  const parts = once(() =>
    tableParts(report, { keepLinkRows: wanted.includes('csv') && wanted.includes('parquet') }),
  )
  const csv = once(() => new Map(csvTables(report, parts()).map((t) => [t.name, t.pieces])))
  const parquet = once(() => parquetOfParts(parts()))
  const planned: Array<{
    format: ReportFormat
    name: string
    render: () => Promise<string | Uint8Array | (() => Iterable<string>)>
  }> = []
  for (const format of wanted) {
    if (format === 'html')
      planned.push({ format, name: 'report.html', render: () => toHtml(report, options) })
    if (format === 'md')
      planned.push({ format, name: 'report.md', render: async () => toMarkdown(report, options) })
    if (format === 'json')
      planned.push({ format, name: 'report.json', render: async () => toJson(report, options) })
    if (format === 'graphml')
      planned.push({ format, name: 'report.graphml', render: async () => toGraphml(report) })
    if (format === 'dot') planned.push({ format, name: 'report.dot', render: async () => toDot(report) })
    if (format === 'csv')
      for (const name of CSV_NAMES)
        planned.push({ format, name, render: async () => csv().get(name) as () => Iterable<string> })
    if (format === 'parquet')
      for (const name of PARQUET_NAMES)
        planned.push({ format, name, render: async () => (await parquet())[name] })
  }
  try {
    mkdirSync(dir, { recursive: true })
  } catch (error) {
    throw new PlanCascadeError('unreadable-file', `cannot create the output folder (${String(error)})`, {
      file: dir,
    })
  }
  const progress = stageProgress(options.onProgress, 'writing', planned.length)
  progress(0)
  const written: WrittenFile[] = []
  for (const [k, { format, name, render }] of planned.entries()) {
    const content = await render()
    const path = join(dir, name)
    let bytes = 0
    try {
      if (typeof content === 'function') {
        const stream = createWriteStream(path)
        const failed = new Promise<never>((_, reject) => stream.once('error', reject))
        failed.catch(() => {}) // an error after the last piece is the race's, not unhandled
        await Promise.race([writePieces(content(), stream), failed])
        await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed])
        bytes = stream.bytesWritten
      } else {
        writeFileSync(path, content)
        bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength
      }
    } catch (error) {
      throw new PlanCascadeError('unreadable-file', `cannot write ${name} (${String(error)})`, { file: path })
    }
    written.push({ format, path, bytes })
    progress(k + 1, path)
  }
  return written
}
