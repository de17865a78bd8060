/**
 * Planned against achieved: the 15 provinces' 2025 targets (their 2025 政府工作报告) beside the results
 * their 2026 reports give for 2025, indicator by indicator, with the gap (met, exceeded, missed).
 *
 *   npx tsx examples/fulfilment-provinces.ts [out-folder] [corpus-folder]
 *
 * The corpus is the development corpus beside the checkout (../shared/corpus, or PLAN_CASCADE_CORPUS);
 * it is not shipped. Its catalog only lists the files: each report's year and province are read from the
 * text itself (no manifest), and the years decide which document is later.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { matchFulfilment, readDocument } from 'plan-cascade'

const corpus = resolve(process.argv[3] ?? process.env.PLAN_CASCADE_CORPUS ?? join('..', 'shared', 'corpus'))
if (!existsSync(join(corpus, 'catalog.json'))) {
  console.log(`no corpus at ${corpus}: nothing to compare`)
} else {
  const catalog = JSON.parse(readFileSync(join(corpus, 'catalog.json'), 'utf8')) as {
    documents: Array<{ file: string }>
  }
  const reports = catalog.documents
    .filter((d) => /^gwr-provinces-202[56]\//.test(d.file))
    .sort((a, b) => (a.file < b.file ? -1 : 1))
  const documents = reports.map((d) => readDocument(join(corpus, d.file)))
  const pairs = matchFulfilment(documents).filter((f) => f.year === 2025)
  const provinces = new Set(pairs.map((f) => f.jurisdiction))
  console.log(
    `${documents.length} reports, ${pairs.length} targets of 2025 with a result, in ${provinces.size} provinces`,
  )

  // One block per indicator, the most widely reported first.
  const bySeries = new Map<string, typeof pairs>()
  for (const f of pairs) bySeries.set(f.series, [...(bySeries.get(f.series) ?? []), f])
  const series = [...bySeries.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
  for (const [key, list] of series) {
    const outcomes = ['met', 'exceeded', 'missed'].map(
      (o) => `${o} ${list.filter((f) => f.outcome === o).length}`,
    )
    console.log(`\n${key}: ${list.length} provinces (${outcomes.join(', ')})`)
    for (const f of list) {
      console.log(`  ${f.jurisdiction.padEnd(5, '　')} ${f.summary}`)
    }
  }
}
