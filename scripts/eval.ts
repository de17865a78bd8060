/**
 * npm run eval: the alignment against every hand-labelled set of goal threads, beside a naive baseline,
 * in one run.
 *
 * Sets: the dev threads of the five seeds (test/fixtures/dev-threads.json) and the three provincial
 * chains of the development corpus (test/fixtures/threads-*.json: a province's 2025 and 2026 work
 * reports and five of its cities' 2024 reports, labelled by reading). Each set is aligned on its own
 * documents. Figures are item pairs (src/align/evaluate.ts): two items holding anchors of one thread are
 * a positive, two items holding anchors only of different threads a negative.
 *
 * The baseline is a naive TF-IDF cosine over plain jieba tokens (no policy dictionary, no stopwords)
 * between whole items, at the threshold that gives it the best F1 on each set (an oracle: the baseline
 * is shown at its best).
 *
 * With --pairs, also the hand-labelled item pairs of the seeds (test/fixtures/pairs-labelled.json).
 * With --verbose, the missed and extra anchor pairs.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { evaluateAlignment, type GoldThreads, goldItemPairs } from '../src/align/evaluate.js'
import { align } from '../src/align/index.js'
import { createSegmenter } from '../src/lexicon/index.js'
import type { PlanDocument } from '../src/model/index.js'
import { loadCorpus } from '../src/pipeline/index.js'

const args = process.argv.slice(2)
const corpusDir = process.env.PLAN_CASCADE_CORPUS ?? join('..', 'shared', 'corpus')

interface LabelledSet {
  name: string
  gold: GoldThreads & { about?: { documents?: Array<{ doc: string; file: string }> } }
  files: string[]
}

function labelledSets(): LabelledSet[] {
  const sets: LabelledSet[] = [
    {
      name: 'seeds (dev threads)',
      gold: JSON.parse(readFileSync('test/fixtures/dev-threads.json', 'utf8')),
      files: ['seeds'],
    },
  ]
  for (const province of ['shandong', 'sichuan', 'jiangsu']) {
    const file = `test/fixtures/threads-${province}.json`
    if (!existsSync(file)) continue
    const gold = JSON.parse(readFileSync(file, 'utf8')) as LabelledSet['gold']
    const files = (gold.about?.documents ?? []).map((d) => join(corpusDir, d.file))
    if (!files.every((f) => existsSync(f))) {
      console.log(`${province}: skipped, the corpus is not at ${corpusDir}`)
      continue
    }
    sets.push({ name: province, gold, files })
  }
  return sets
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')

function holdersOf(documents: PlanDocument[]) {
  const texts = new Map(documents.map((d) => [d.id, d.items.map((i) => ({ id: i.id, text: fold(i.text) }))]))
  return (doc: string, anchor: string) =>
    (texts.get(doc) ?? []).filter((i) => i.text.includes(fold(anchor))).map((i) => i.id)
}

/** The naive baseline: best-threshold F1 of a plain TF-IDF cosine over the judged item pairs. */
function naiveBaseline(documents: PlanDocument[], gold: GoldThreads) {
  const segmenter = createSegmenter({ policyDictionary: false })
  const items = documents.flatMap((d) => d.items)
  const tokens = new Map(
    items.map((i) => [i.id, segmenter.cut(i.text).filter((t) => /[\p{L}\p{N}]/u.test(t))] as const),
  )
  const df = new Map<string, number>()
  for (const list of tokens.values()) for (const t of new Set(list)) df.set(t, (df.get(t) ?? 0) + 1)
  const vectors = new Map<string, Map<string, number>>()
  for (const [id, list] of tokens) {
    const tf = new Map<string, number>()
    for (const t of list) tf.set(t, (tf.get(t) ?? 0) + 1)
    let norm = 0
    const v = new Map<string, number>()
    for (const [t, f] of tf) {
      const w = f * Math.log(items.length / (df.get(t) as number))
      v.set(t, w)
      norm += w * w
    }
    for (const [t, w] of v) v.set(t, w / Math.sqrt(norm || 1))
    vectors.set(id, v)
  }
  const cosine = (a: string, b: string) => {
    const x = vectors.get(a) as Map<string, number>
    const y = vectors.get(b) as Map<string, number>
    let sum = 0
    for (const [t, w] of x) sum += w * (y.get(t) ?? 0)
    return sum
  }
  const { positives, negatives, hard } = goldItemPairs(gold, holdersOf(documents))
  const judged = [
    ...[...positives].map((k) => ({ k, gold: true })),
    ...[...negatives].map((k) => ({ k, gold: false })),
  ].map(({ k, gold: g }) => {
    const [a, b] = k.split('\u0000') as [string, string]
    return { score: cosine(a, b), gold: g, hard: hard.has(k) }
  })
  judged.sort((a, b) => b.score - a.score)
  let best = { f1: 0, precision: 0, recall: 0, threshold: 1, hardLinked: 0 }
  let tp = 0
  let fp = 0
  let hardLinked = 0
  for (const [k, p] of judged.entries()) {
    if (p.gold) tp++
    else fp++
    if (p.hard) hardLinked++
    if (k + 1 < judged.length && (judged[k + 1] as (typeof judged)[number]).score === p.score) continue
    const precision = tp / (tp + fp)
    const recall = tp / Math.max(1, positives.size)
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    if (f1 > best.f1) best = { f1, precision, recall, threshold: p.score, hardLinked }
  }
  return { ...best, hard: hard.size }
}

const f = (x: number) => x.toFixed(3)
const rows: string[][] = [
  [
    'set',
    'docs',
    'items',
    'links',
    'P',
    'R',
    'F1',
    'hard neg.',
    'P (+threads)',
    'R',
    'F1',
    'baseline F1',
    'ratio',
  ],
]
for (const set of labelledSets()) {
  const corpus = loadCorpus(set.files)
  const result = align(corpus.documents)
  const evaluation = evaluateAlignment(set.gold, corpus.documents, result)
  const base = naiveBaseline(corpus.documents, set.gold)
  const ip = evaluation.itemPairs
  const it = evaluation.itemPairsWithThreads
  rows.push([
    set.name,
    String(corpus.documents.length),
    String(corpus.documents.reduce((n, d) => n + d.items.length, 0)),
    String(result.links.length),
    f(ip.precision),
    f(ip.recall),
    f(ip.f1),
    `${ip.hardNegativesLinked}/${ip.hardNegatives}`,
    f(it.precision),
    f(it.recall),
    f(it.f1),
    `${f(base.f1)} (P ${f(base.precision)} R ${f(base.recall)}, ${base.hardLinked}/${base.hard} hard)`,
    (ip.f1 / Math.max(1e-9, base.f1)).toFixed(2),
  ])
  if (evaluation.unmatchedAnchors.length > 0)
    console.log(`${set.name}: ${evaluation.unmatchedAnchors.length} anchors no item holds`)
  if (args.includes('--verbose')) {
    for (const p of evaluation.pairs.filter((p) => p.gold !== p.predicted))
      console.log(`  ${p.gold ? 'missed' : 'extra '}: ${p.a.doc} ${p.a.anchor} <-> ${p.b.doc} ${p.b.anchor}`)
  }
}
const widths = (rows[0] as string[]).map((_, c) => Math.max(...rows.map((r) => (r[c] as string).length)))
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c] as number)).join('  '))

const pairsFile = 'test/fixtures/pairs-labelled.json'
if (args.includes('--pairs') && existsSync(pairsFile)) {
  const corpus = loadCorpus('seeds')
  const result = align(corpus.documents)
  const { pairs } = JSON.parse(readFileSync(pairsFile, 'utf8')) as {
    pairs: Array<{ a: string; b: string; label: string }>
  }
  const linked = new Set(result.links.flatMap((l) => [`${l.source}|${l.target}`, `${l.target}|${l.source}`]))
  let tp = 0
  let fp = 0
  let fn = 0
  let related = 0
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
    `labelled pairs of the seeds (${pairs.length}): link precision ${f(precision)}  recall ${f(recall)}  F1 ${f((2 * precision * recall) / Math.max(1e-9, precision + recall))}  (related pairs linked: ${related})`,
  )
}
