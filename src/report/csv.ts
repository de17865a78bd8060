/**
 * CSV tables for R, pandas and Excel: the flat tables (`toTables`), one file each. UTF-8 with a byte
 * order mark, so that Excel opens the Chinese correctly; RFC 4180 quoting and CRLF line ends
 * (csv-stringify).
 */
import { stringify } from 'csv-stringify/sync'
import { expectReport } from '../arguments.js'
import type { ReportOutput } from '../model/report.js'
import { type FlatRow, TABLE_NAMES, type TableName, type TablePart, tableParts } from './tables.js'

/** The CSV files: name and content (BOM included). */
export type CsvFiles = Record<CsvName, string>

/** The files, in the order they are written. */
export const CSV_NAMES = [
  'documents.csv',
  'items.csv',
  'targets.csv',
  'links.csv',
  'threads.csv',
  'evolution.csv',
  'diffs.csv',
  'target-changes.csv',
  'fulfilment.csv',
  'review.csv',
] as const
export type CsvName = (typeof CSV_NAMES)[number]

/** File name of a table without its extension: targetChanges -> target-changes. */
export function tableFileName(name: TableName): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
}

/**
 * The report as CSV tables: documents, items, targets (one row per figure: the trajectories in long
 * form, with status, years and direction), links, threads (one row per member), evolution (one row per
 * continued, new or dropped goal), diffs and target changes, fulfilment (each target beside the result a
 * later document reports), and a review sheet of the links to fill in and read back as decisions.
 */
export function toCsv(report: ReportOutput): CsvFiles {
  expectReport(report, 'toCsv')
  const parts = tableParts(report)
  return Object.fromEntries(
    TABLE_NAMES.map((name) => [`${tableFileName(name)}.csv`, [...csvPieces(parts[name])].join('')]),
  ) as CsvFiles
}

/** Rows per piece of a streamed table. */
const ROWS_PER_PIECE = 1000

/**
 * The CSV text of each table of the report, piece by piece (the same text as `toCsv`), for writing
 * to a stream: the links and review tables of 1,000 documents are hundreds of megabytes as one string.
 */
export function csvTables(
  report: ReportOutput,
  parts: Record<TableName, TablePart> = tableParts(report),
): Array<{ name: CsvName; pieces: () => Iterable<string> }> {
  expectReport(report, 'csvTables')
  return TABLE_NAMES.map((name) => ({
    name: `${tableFileName(name)}.csv` as CsvName,
    pieces: () => csvPieces(parts[name]),
  }))
}

/** One table as pieces: BOM and header, then a thousand rows at a time. */
function* csvPieces(table: TablePart): Generator<string> {
  yield writeCsv(table.columns, [], true)
  let batch: FlatRow[] = []
  for (const row of table.rows()) {
    batch.push(row)
    if (batch.length >= ROWS_PER_PIECE) {
      yield writeCsv(table.columns, batch, false)
      batch = []
    }
  }
  if (batch.length > 0) yield writeCsv(table.columns, batch, false)
}

/** What a spreadsheet takes for the start of a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/
/** A number as printed in a number column: -3, +2.5, -1e-7 are numbers to a spreadsheet, not formulas. */
const PLAIN_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/

/**
 * A text cell that a spreadsheet would run as a formula (=HYPERLINK(…), +1+2, -2+3, @SUM(…), a
 * leading tab or CR) gets a leading `'`, the way OWASP recommends; a spreadsheet shows the text as
 * typed. Only such cells change: numbers, and text that begins otherwise, are written as they are.
 * `parseDecisions` drops the `'` again when review.csv comes back.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
}

/**
 * One table: BOM, header, RFC 4180 quoting, CRLF; null cells empty; text cells neutralised (see
 * `neutraliseCell`).
 */
function writeCsv(columns: string[], rows: FlatRow[], head: boolean): string {
  return stringify(rows, {
    bom: head,
    header: head,
    columns,
    record_delimiter: 'windows',
    cast: { number: (value) => String(value), string: neutraliseCell },
  })
}
