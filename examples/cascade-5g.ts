/**
 * The 5G goal cascading across levels: 福建省 → 福州市 / 厦门市 → 仓山区. Finds the thread about 5G base
 * stations, prints its items province first, and what each level changed: words, figures, units.
 *
 *   npx tsx examples/cascade-5g.ts
 *   node --loader ts-node/esm examples/cascade-5g.ts   # ts-node, once the package is built or installed
 */
import { align, diffItems, findThreads, indexItems, loadCorpus, seedsDir, threadSteps } from 'plan-cascade'

const { documents } = loadCorpus(seedsDir())
const { threads, links } = align(documents)
const items = indexItems(documents)

// The threads about 5G base stations, the one that spans the most documents first.
const thread = findThreads(threads, documents, { keyword: '5G基站' }).sort(
  (a, b) => b.documents.length - a.documents.length,
)[0]
if (!thread) throw new Error('no 5G thread in the seeds')

console.log(`Thread ${thread.id}: ${thread.label}`)
console.log(`${thread.items.length} items in ${thread.documents.join(', ')}\n`)

const first = thread.items.map((id) => items.get(id)!).sort((a, b) => rank(a.doc) - rank(b.doc))[0]!
console.log(`${place(first.doc)}  ${first.item.id}`)
console.log(`  ${first.item.text.replace(/\s+/g, ' ').slice(0, 120)}…\n`)

// Each later member against the member it is compared with (its best-linked earlier member).
for (const step of threadSteps(thread, documents, links)) {
  const from = items.get(step.from)!
  const to = items.get(step.to)!
  const diff = diffItems(from.item, to.item)
  console.log(
    `${place(from.doc)} → ${place(to.doc)}  ${to.item.id}  (${Math.round(diff.overlap * 100)}% shared words)`,
  )
  for (const change of diff.targets.filter((t) => t.metricFamily === '5g-base-stations')) {
    console.log(`  5G基站: ${change.summary}`)
  }
  const added = diff.parts.filter((p) => p.op === 'added').map((p) => p.text.replace(/\s+/g, ' '))
  if (added.length > 0) console.log(`  added: ${added.slice(0, 3).join(' … ')}`)
  if (diff.units.added.length > 0) console.log(`  new responsible units: ${diff.units.added.join('、')}`)
  console.log()
}

function place(doc: { jurisdiction: { name: string; level: string } | null; year: number | null }): string {
  return `${doc.jurisdiction?.name ?? '?'}(${doc.jurisdiction?.level ?? '?'}) ${doc.year ?? ''}`.trim()
}

function rank(doc: { jurisdiction: { level: string } | null; year: number | null }): number {
  const levels = ['national', 'province', 'city', 'district', 'county']
  return levels.indexOf(doc.jurisdiction?.level ?? 'county') * 10000 + (doc.year ?? 0)
}
