/**
 * The report stage alone, on an alignment already written: `report.json` of `plan-cascade report`
 * (documents, links, threads, evolution are read from it; its diffs are made again). Prints CPU seconds
 * (user + system) of each part and the size of each HTML section. Figures, not assertions.
 *
 *   npx tsx scripts/bench-report.ts out/report.json
 */
import { readFileSync } from 'node:fs'
import { buildDiffs, buildTrajectories, matchFulfilment } from '../src/diff/index.js'
import type { ReportOutput } from '../src/model/report.js'
import { csvTables, toHtml } from '../src/report/index.js'

const file = process.argv[2]
if (!file) throw new Error('usage: bench-report.ts report.json')
const input = JSON.parse(readFileSync(file, 'utf8')) as ReportOutput
const cpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}
const time = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
  const start = cpu()
  const value = await fn()
  process.stdout.write(`${name.padEnd(14)} ${(cpu() - start).toFixed(2).padStart(7)} CPU s\n`)
  return value
}
const { documents } = input
const diffs = await time('diffs', () => buildDiffs(documents, input))
const trajectories = await time('trajectories', () => buildTrajectories(documents))
const fulfilment = await time('fulfilment', () => matchFulfilment(documents))
const report: ReportOutput = { ...input, diffs, trajectories, fulfilment }
const html = await time('html', () => toHtml(report))
let csvBytes = 0
await time('csv', () => {
  for (const table of csvTables(report))
    for (const piece of table.pieces()) csvBytes += Buffer.byteLength(piece)
})
process.stdout.write(
  `html ${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB, csv ${(csvBytes / 1e6).toFixed(1)} MB, ${diffs.length} diffs\n`,
)
