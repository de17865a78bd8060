/**
 * The report stage: the alignment output with word diffs and target trajectories (`buildReport`), and
 * its formats: JSON (the public contract, see schema/plan-cascade.schema.json), CSV tables, GraphML and
 * DOT networks, a Markdown summary and a standalone HTML page. `writeReport` writes them to a folder.
 *
 *   const report = buildReport(documents, align(documents))
 *   await writeReport(report, 'out', ['html', 'csv'])
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  type AlignedCorpus,
  type BuildDiffsOptions,
  type BuildTrajectoriesOptions,
  buildDiffs,
  buildTrajectories,
} from '../diff/index.js'
import { PlanCascadeError } from '../errors.js'
import { type PlanDocument, SCHEMA_VERSION } from '../model/index.js'
import type { ReportOutput } from '../model/report.js'
import { CSV_NAMES, toCsv } from './csv.js'
import { toDot, toGraphml } from './graph.js'
import { type ToHtmlOptions, toHtml } from './html/index.js'
import { type ToMarkdownOptions, toMarkdown } from './markdown.js'

export { CSV_NAMES, type CsvFiles, type CsvName, toCsv } from './csv.js'
export { buildGraph, documentEdges, toDot, toGraphml } from './graph.js'
export {
  chartUnit,
  documentFlows,
  jurisdictionColors,
  prefixIds,
  renderCascade,
  renderDiffHtml,
  renderTrajectoryChart,
  type ToHtmlOptions,
  toHtml,
  trajectorySpec,
} from './html/index.js'
export { escapeMarkdown, renderDiff, type ToMarkdownOptions, toMarkdown } from './markdown.js'
export { type AlignOutputParts, jsonLines, jsonPieces, writePieces } from './stream.js'
export { type OrderedThread, orderedThreads } from './threads.js'

export interface BuildReportOptions extends BuildDiffsOptions, BuildTrajectoriesOptions {}

/**
 * The report of an aligned corpus: documents, links, threads and evolution as the alignment gave them,
 * plus the word diffs of every link, thread step and continued goal, and the target trajectories.
 */
export function buildReport(
  documents: readonly PlanDocument[],
  aligned: AlignedCorpus,
  options: BuildReportOptions = {},
): ReportOutput {
  return {
    schemaVersion: SCHEMA_VERSION,
    documents: [...documents],
    links: [...aligned.links],
    threads: [...aligned.threads],
    evolution: [...aligned.evolution],
    diffs: buildDiffs(documents, aligned, options),
    trajectories: buildTrajectories(documents, options),
  }
}

export interface ToJsonOptions {
  /** Spaces of indentation (default 2; 0 for one line). */
  indent?: number
}

/** The report as JSON text (a `ReportOutput`, see schema/plan-cascade.schema.json), with a final newline. */
export function toJson(report: ReportOutput, options: ToJsonOptions = {}): string {
  return `${JSON.stringify(report, null, options.indent ?? 2)}\n`
}

/** Formats `writeReport` knows. */
export const REPORT_FORMATS = ['html', 'md', 'csv', 'json', 'graphml', 'dot'] as const
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
  /** Called before each format is rendered, for progress bars. */
  onProgress?: (done: number, total: number, format: ReportFormat) => void
}

/**
 * Writes the report to a folder (created if needed): report.html, report.md, report.json,
 * report.graphml, report.dot and the CSV tables (documents.csv, items.csv, targets.csv, links.csv,
 * threads.csv, evolution.csv, diffs.csv, target-changes.csv, review.csv). Returns the files written, in order.
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
  for (const format of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new PlanCascadeError(
        'bad-option',
        `unknown report format '${format}': use ${REPORT_FORMATS.join(', ')}`,
      )
    }
  }
  const wanted = REPORT_FORMATS.filter((f) => formats.includes(f))
  const written: WrittenFile[] = []
  const write = (format: ReportFormat, name: string, content: string) => {
    const path = join(dir, name)
    try {
      writeFileSync(path, content)
    } catch (error) {
      throw new PlanCascadeError('unreadable-file', `cannot write ${name} (${String(error)})`, { file: path })
    }
    written.push({ format, path, bytes: Buffer.byteLength(content) })
  }
  try {
    mkdirSync(dir, { recursive: true })
  } catch (error) {
    throw new PlanCascadeError('unreadable-file', `cannot create the output folder (${String(error)})`, {
      file: dir,
    })
  }
  for (const [k, format] of wanted.entries()) {
    options.onProgress?.(k, wanted.length, format)
    if (format === 'html') write(format, 'report.html', await toHtml(report, options))
    if (format === 'md') write(format, 'report.md', toMarkdown(report, options))
    if (format === 'json') write(format, 'report.json', toJson(report, options))
    if (format === 'graphml') write(format, 'report.graphml', toGraphml(report))
    if (format === 'dot') write(format, 'report.dot', toDot(report))
    if (format === 'csv') {
      const files = toCsv(report)
      for (const name of CSV_NAMES) write(format, name, files[name])
    }
  }
  options.onProgress?.(wanted.length, wanted.length, wanted[wanted.length - 1] ?? 'json')
  return written
}
