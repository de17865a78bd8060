/**
 * The 12345 citizen hotline across the corpus: every item tagged with the `hotline-12345` topic, by
 * level and year, with its figures and the units responsible for it.
 *
 *   npx tsx examples/hotline-12345.ts
 *   node --loader ts-node/esm examples/hotline-12345.ts   # ts-node, once the package is built or installed
 */
import { loadCorpus, seedsDir } from 'plan-cascade'

const { documents } = loadCorpus(seedsDir())
const levels = ['province', 'city', 'district']
const sorted = [...documents].sort(
  (a, b) =>
    levels.indexOf(a.jurisdiction?.level ?? '') - levels.indexOf(b.jurisdiction?.level ?? '') ||
    (a.year ?? 0) - (b.year ?? 0),
)

let total = 0
for (const doc of sorted) {
  const hits = doc.items.filter((item) => item.topics.some((t) => t.id === 'hotline-12345'))
  if (hits.length === 0) continue
  console.log(`${doc.jurisdiction?.name} ${doc.year} · ${doc.title}`)
  for (const item of hits) {
    total++
    // The sentence that names the hotline, rather than the whole item.
    const sentence = item.text.split(/(?<=[。；;])/).find((s) => /12345|热线|诉求/.test(s)) ?? item.text
    console.log(`  ${item.id}  ${sentence.trim().slice(0, 90)}`)
    for (const target of item.targets)
      console.log(`    figure: ${target.text} (${target.metric}, ${target.kind})`)
    if (item.responsible) console.log(`    responsible: ${item.responsible.lead.join('、')}`)
  }
  console.log()
}
console.log(`${total} items about the 12345 hotline in ${documents.length} documents`)
