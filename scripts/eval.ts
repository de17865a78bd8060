/**
 * npm run eval: scores the alignment of the bundled seeds against the hand-labelled dev threads
 * (test/fixtures/dev-threads.json) and prints precision, recall, F1 and the hard negatives linked.
 * With --pairs, also scores links against the hand-labelled item pairs (test/fixtures/pairs-labelled.json).
 */
import { existsSync, readFileSync } from 'node:fs'
import { evaluateAlignment, type GoldThreads } from '../src/align/evaluate.js'
import { align } from '../src/align/index.js'
import { loadCorpus } from '../src/pipeline/index.js'

const args = process.argv.slice(2)
const corpus = loadCorpus('seeds')
const result = align(corpus.documents)
const gold = JSON.parse(readFileSync('test/fixtures/dev-threads.json', 'utf8')) as GoldThreads
const evaluation = evaluateAlignment(gold, corpus.documents, result)
const f = (x: number) => x.toFixed(3)
console.log(`links ${result.links.length}, threads ${result.threads.length}`)
console.log(
  `dev threads: precision ${f(evaluation.precision)}  recall ${f(evaluation.recall)}  F1 ${f(evaluation.f1)}  (tp ${evaluation.truePositives}, fp ${evaluation.falsePositives}, fn ${evaluation.falseNegatives})`,
)
console.log(`hard negatives linked: ${evaluation.linkedNegatives.length} of ${gold.negatives?.length ?? 0}`)
for (const n of evaluation.linkedNegatives) console.log(`  ✗ ${n.a}  <->  ${n.b}`)
if (evaluation.unmatchedAnchors.length) console.log('anchors no item holds:', evaluation.unmatchedAnchors)
if (args.includes('--verbose')) {
  for (const p of evaluation.pairs.filter((p) => p.gold !== p.predicted))
    console.log(`  ${p.gold ? 'missed' : 'extra '}: ${p.a.doc} ${p.a.anchor} <-> ${p.b.doc} ${p.b.anchor}`)
}
const pairsFile = 'test/fixtures/pairs-labelled.json'
if (existsSync(pairsFile)) {
  const { pairs } = JSON.parse(readFileSync(pairsFile, 'utf8')) as {
    pairs: Array<{ a: string; b: string; label: string }>
  }
  const linked = new Set(result.links.flatMap((l) => [`${l.source}|${l.target}`, `${l.target}|${l.source}`]))
  let tp = 0,
    fp = 0,
    fn = 0,
    related = 0
  for (const p of pairs) {
    const predicted = linked.has(`${p.a}|${p.b}`)
    if (p.label === 'same' && predicted) tp++
    else if (p.label === 'same') fn++
    else if (predicted) {
      fp++
      if (p.label === 'related') related++
    }
  }
  const precision = tp / Math.max(1, tp + fp)
  const recall = tp / Math.max(1, tp + fn)
  console.log(
    `labelled pairs (${pairs.length}): link precision ${f(precision)}  recall ${f(recall)}  F1 ${f((2 * precision * recall) / Math.max(1e-9, precision + recall))}  (related pairs linked: ${related})`,
  )
}
