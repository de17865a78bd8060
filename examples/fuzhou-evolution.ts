/**
 * One city across years: 2019年数字福州工作要点 → 2025年数字福州工作要点. Which goals continue, which are
 * new, which were dropped, and how the figures of continued goals moved.
 *
 *   npx tsx examples/fuzhou-evolution.ts
 *   node --loader ts-node/esm examples/fuzhou-evolution.ts   # ts-node, once the package is built or installed
 */
import { join } from 'node:path'
import { compare, diffItems, indexItems, loadCorpus, seedsDir } from 'plan-cascade'

const { documents } = loadCorpus([join(seedsDir(), 'fuzhou-2019.txt'), join(seedsDir(), 'fuzhou-2025.txt')])
const [before, after] = documents as [(typeof documents)[0], (typeof documents)[0]]
// compare(): align two documents with a one-to-one matching.
const { evolution } = compare(before, after)
const pair = evolution[0]
if (!pair) throw new Error('no evolution pair between the two Fuzhou plans')
const items = indexItems(documents)
const heading = (id: string) => {
  const item = items.get(id)!.item
  return `${item.path} ${item.heading || item.text.slice(0, 30)}`
}

console.log(`${before.title} → ${after.title}`)
console.log(`${pair.continued.length} continued, ${pair.new.length} new, ${pair.dropped.length} dropped\n`)

// A stock and a flow of one metric (建成3000个 -> 新建3200个) are listed but never compared.
console.log('Continued goals whose figures changed:')
for (const c of pair.continued) {
  const diff = diffItems(items.get(c.from)!.item, items.get(c.to)!.item)
  const moved = diff.targets.filter((t) => ['increased', 'decreased', 'incomparable'].includes(t.change))
  if (moved.length === 0) continue
  console.log(`  ${heading(c.from)}  →  ${heading(c.to)}`)
  for (const t of moved) console.log(`    ${t.summary}`)
}

console.log('\nNew in 2025:')
for (const id of pair.new) console.log(`  ${heading(id)}`)
console.log('\nDropped after 2019:')
for (const id of pair.dropped) console.log(`  ${heading(id)}`)
