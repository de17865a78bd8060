/**
 * Parquet files of the flat tables (`toTables`), one file per table with the same columns as the CSV
 * files: for pandas (`pd.read_parquet`), R (`arrow::read_parquet`), DuckDB (`read_parquet('out/*.parquet')`)
 * and Spark when a corpus outgrows one machine. Written by hyparquet-writer (snappy-compressed, typed
 * columns: integers as INT32, measures as DOUBLE, text as UTF-8 strings, null where a cell is empty).
 */
import type { ReportOutput } from '../model/report.js'
import { tableFileName } from './csv.js'
import {
  columnType,
  type FlatTable,
  TABLE_NAMES,
  type TableName,
  type TablePart,
  type TablesInput,
  tablePartsOf,
} from './tables.js'

/** The Parquet files: name (`items.parquet` …) and bytes. */
export type ParquetFiles = Record<ParquetName, Uint8Array>

/** The files, in the order they are written: the CSV names with .parquet. */
export const PARQUET_NAMES = [
  'documents.parquet',
  'items.parquet',
  'targets.parquet',
  'links.parquet',
  'threads.parquet',
  'evolution.parquet',
  'diffs.parquet',
  'target-changes.parquet',
  'fulfilment.parquet',
  'review.parquet',
] as const
export type ParquetName = (typeof PARQUET_NAMES)[number]

const TYPES = { integer: 'INT32', number: 'DOUBLE', string: 'STRING' } as const

/**
 * The report's tables as Parquet files. Async because hyparquet-writer is an ES module, loaded on first
 * use (also from the CommonJS build).
 *
 * @example
 * const files = await toParquet(report)
 * writeFileSync('targets.parquet', files['targets.parquet'])   // pd.read_parquet('targets.parquet')
 */
export async function toParquet(report: ReportOutput | TablesInput): Promise<ParquetFiles> {
  return parquetOfParts(tablePartsOf(report, 'toParquet'))
}

/**
 * The Parquet files of tables already made for another writer (`writeReport` shares them with the
 * CSV files), one table's rows in memory at a time.
 */
export async function parquetOfParts(parts: Record<TableName, TablePart>): Promise<ParquetFiles> {
  const { parquetWriteBuffer } = await import('hyparquet-writer')
  const files: Record<string, Uint8Array> = {}
  for (const name of TABLE_NAMES) {
    const table = { columns: parts[name].columns, rows: [...parts[name].rows()] }
    files[`${tableFileName(name)}.parquet`] = writeTable(parquetWriteBuffer, table, name)
  }
  return files as ParquetFiles
}

function writeTable(
  write: typeof import('hyparquet-writer').parquetWriteBuffer,
  table: FlatTable,
  name: TableName,
): Uint8Array {
  const columnData = table.columns.map((column) => {
    const type = TYPES[columnType(column)]
    const data = table.rows.map((row) => {
      const cell = row[column] ?? null
      // a cell of the wrong kind would make a corrupt column: the column's type is the contract
      if (cell !== null && typeof cell !== (type === 'STRING' ? 'string' : 'number')) {
        throw new TypeError(`${name}.${column}: ${JSON.stringify(cell)} is not a ${type} cell`)
      }
      return cell
    })
    return { name: column, data, type }
  })
  return new Uint8Array(
    write({
      columnData,
      kvMetadata: [{ key: 'plan-cascade.table', value: name }],
      createdBy: 'plan-cascade',
    }),
  )
}
