/**
 * Export the report as CSV tables and read them in pandas or R. The files are UTF-8 with a byte order
 * mark (Excel opens the Chinese correctly) and RFC 4180 quoting; ids join the tables.
 *
 *   npx tsx examples/export-csv.ts [out-folder]
 *   node --loader ts-node/esm examples/export-csv.ts   # ts-node, once the package is built or installed
 *
 * Then, in Python:
 *
 *   import pandas as pd
 *   items   = pd.read_csv('out/csv/items.csv', encoding='utf-8-sig')
 *   targets = pd.read_csv('out/csv/targets.csv', encoding='utf-8-sig')
 *   links   = pd.read_csv('out/csv/links.csv', encoding='utf-8-sig')
 *   # figures of one metric family across levels and years
 *   targets[targets.metric_family == '5g-base-stations'][['jurisdiction', 'level', 'year', 'normalized', 'kind']]
 *   # how many goals each document pair shares
 *   links.groupby(['source_doc', 'target_doc', 'relation']).size()
 *   # items with their links: merge on ids
 *   links.merge(items[['id', 'heading']], left_on='target', right_on='id')
 *
 * or in R: items <- readr::read_csv('out/csv/items.csv')
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { align, buildReport, loadCorpus, seedsDir, toCsv } from 'plan-cascade'

const dir = join(process.argv[2] ?? 'out', 'csv')
const { documents } = loadCorpus(seedsDir())
const report = buildReport(documents, align(documents))
const files = toCsv(report)
mkdirSync(dir, { recursive: true })
for (const [name, content] of Object.entries(files)) {
  writeFileSync(join(dir, name), content)
  const rows = content.split('\r\n').filter(Boolean).length - 1
  console.log(`${join(dir, name)}  ${rows} rows`)
}
