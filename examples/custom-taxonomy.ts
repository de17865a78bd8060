/**
 * A custom topic taxonomy: examples/data/my-taxonomy.json adds a topic (data-governance) and replaces a
 * shipped one (hotline-12345, same id). The lexicon is loaded with the file and passed to the pipeline;
 * the CLI does the same with `--taxonomy examples/data/my-taxonomy.json`.
 *
 *   npx tsx examples/custom-taxonomy.ts
 *   node --loader ts-node/esm examples/custom-taxonomy.ts   # ts-node, once the package is built or installed
 */
import { loadCorpus, loadLexicon, seedsDir } from 'plan-cascade'

const lexicon = loadLexicon({ taxonomyFile: 'examples/data/my-taxonomy.json' })
const custom = lexicon.taxonomy.filter((t) => t.id === 'data-governance' || t.id === 'hotline-12345')
console.log(
  `${lexicon.taxonomy.length} topics; custom: ${custom.map((t) => `${t.id} (${t.zh})`).join(', ')}\n`,
)

const { documents } = loadCorpus(seedsDir(), { lexicon })
for (const topic of custom) {
  console.log(`${topic.zh}:`)
  for (const doc of documents) {
    const items = doc.items.filter((item) => item.topics.some((t) => t.id === topic.id))
    if (items.length > 0) console.log(`  ${doc.id}: ${items.map((i) => i.path).join(', ')}`)
  }
}
