/**
 * npm run eval: the alignment against every hand-labelled set of goal threads, beside a naive baseline,
 * in one run.
 *
 * Sets (scripts/labelled-sets.ts): the dev threads of the five seeds and the three provincial chains of
 * the development corpus (test/fixtures/threads-*.json: a province's 2025 and 2026 work reports and
 * five of its cities' 2024 reports, labelled by reading). Each set is aligned on its own documents.
 * Figures are item pairs (src/align/evaluate.ts): two items holding anchors of one thread are a
 * positive, two items holding anchors only of different threads a negative.
 *
 * Two tables. The first aligns each set with the shipped weights (fitted on all sets, this one
 * included). The second is leave one province out: each set with the weights, threshold and topK
 * fitted without it (the `folds` of data/align-weights.json, written by `npm run fit`), the selection
 * replayed as `align` makes it; it says where each missed gold pair was lost (never a candidate, scored
 * under the threshold, cut by the per-item selection) and how well the links' probability is calibrated
 * (each fold's table fitted without it): the expected calibration error of the raw score and of the
 * probability, and how many of the links given 0.8 or more were right.
 *
 * The baseline is a naive TF-IDF cosine over plain jieba tokens (no policy dictionary, no stopwords)
 * between whole items, at the threshold that gives it the best F1 on each set (an oracle: the baseline
 * is shown at its best).
 *
 * With --verbose, the missed and extra anchor pairs.
 */
import { readFileSync } from 'node:fs'
import { evaluateAlignment, type GoldThreads, goldItemPairs } from '../src/align/evaluate.js'
import { align } from '../src/align/index.js'
import { createSegmenter } from '../src/lexicon/index.js'
import type { PlanDocument } from '../src/model/index.js'
import { loadCorpus } from '../src/pipeline/index.js'
import { linkProbability, type ScoreWeights } from '../src/similarity/index.js'
import {
  calibrationError,
  holdersOf,
  judgedLinks,
  labelledSets,
  prepareSet,
  replayLinks,
  scoreLinks,
  seedPairs,
  selectionOf,
} from './labelled-sets.js'

const args = process.argv.slice(2)
const started = process.cpuUsage()

/** The naive baseline: best-threshold F1 of a plain TF-IDF cosine over the judged item pairs. */
function naiveBaseline(documents: PlanDocument[], gold: GoldThreads) {
  return naiveOnPairs(documents, goldItemPairs(gold, holdersOf(documents)))
}

/** The same over given gold item pairs. */
function naiveOnPairs(
  documents: PlanDocument[],
  { positives, negatives, hard }: { positives: Set<string>; negatives: Set<string>; hard: Set<string> },
) {
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
let pairsLine = ''
const baselines = new Map<string, number>()
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
const sets = labelledSets()
for (const set of sets) {
  const corpus = loadCorpus(set.files)
  const result = align(corpus.documents)
  const evaluation = evaluateAlignment(set.gold, corpus.documents, result)
  const base = naiveBaseline(corpus.documents, set.gold)
  const ip = evaluation.itemPairs
  const it = evaluation.itemPairsWithThreads
  rows.push([
    set.name === 'seeds' ? 'seeds (dev threads)' : set.name,
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
  if (set.name === 'seeds') {
    // the seeds' 889 labelled item pairs, by links
    const gold = seedPairs()
    const linked = new Set(
      result.links.map((l) =>
        l.source < l.target ? `${l.source}\u0000${l.target}` : `${l.target}\u0000${l.source}`,
      ),
    )
    let tp = 0
    let fp = 0
    let related = 0
    for (const key of linked) {
      if (gold.positives.has(key)) tp++
      else if (gold.negatives.has(key)) {
        fp++
        if (gold.hard.has(key)) related++
      }
    }
    const precision = tp / Math.max(1, tp + fp)
    const recall = tp / Math.max(1, gold.positives.size)
    const base = naiveOnPairs(corpus.documents, gold)
    pairsLine = `seeds' labelled pairs (${gold.positives.size + gold.negatives.size}, shipped weights): P ${f(precision)} R ${f(recall)} F1 ${f((2 * precision * recall) / Math.max(1e-9, precision + recall))}, related (same topic, other goal) linked ${related}/${gold.hard.size}; baseline F1 ${f(base.f1)}`
    baselines.set('seeds', base.f1)
  } else baselines.set(set.name, base.f1)
}
function print(table: string[][]) {
  const widths = (table[0] as string[]).map((_, c) => Math.max(...table.map((r) => (r[c] as string).length)))
  for (const r of table) console.log(r.map((cell, c) => cell.padEnd(widths[c] as number)).join('  '))
}
console.log('shipped weights (data/align-weights.json):')
print(rows)

if (pairsLine) console.log(pairsLine)

// leave one province out: each set with the weights fitted without it
const stored = JSON.parse(readFileSync('data/align-weights.json', 'utf8')) as {
  folds?: Record<string, ScoreWeights>
}
if (stored.folds) {
  console.log('\nleave one province out (weights, threshold and topK fitted on the other sets; links only):')
  const lopo: string[][] = [
    [
      'held out',
      'threshold',
      'topK',
      'mutual',
      'P',
      'R',
      'F1',
      'hard neg.',
      'baseline F1',
      'ratio',
      'lost: not candidate',
      'under threshold',
      'cut',
      'calibration error: score → probability',
      'links with probability ≥ 0.8 right',
      'probability → observed (links)',
    ],
  ]
  let sum = 0
  let count = 0
  for (const set of sets) {
    const weights = stored.folds[set.name]
    if (!weights) continue
    const prepared = prepareSet(set)
    const s = scoreLinks(
      prepared,
      replayLinks(prepared, weights, selectionOf(weights)),
      weights,
      weights.threshold,
    )
    sum += s.f1
    count++
    const base = baselines.get(set.name) ?? 0
    // calibration of the kept links the labels judge, by the fold's table (fitted without this set)
    const judged = judgedLinks(prepared, weights)
    const raw = calibrationError(judged.map((l) => ({ p: l.score, y: l.y })))
    const calibrated = judged.map((l) => ({ p: linkProbability(l.score, weights) ?? l.score, y: l.y }))
    const measured = calibrationError(calibrated)
    const confident = calibrated.filter((l) => l.p >= 0.8)
    const right = confident.reduce((n, l) => n + l.y, 0) / Math.max(1, confident.length)
    lopo.push([
      set.name,
      String(weights.threshold),
      String(weights.topK ?? 3),
      weights.mutual ? `rank ${weights.mutual.rank} < ${weights.mutual.strong}` : 'none',
      f(s.precision),
      f(s.recall),
      f(s.f1),
      `${s.hardLinked}/${s.hard}`,
      f(base),
      (s.f1 / Math.max(1e-9, base)).toFixed(2),
      String(s.lost.notCandidate),
      String(s.lost.belowThreshold),
      String(s.lost.cut),
      `${raw.error.toFixed(3)} → ${measured.error.toFixed(3)}`,
      `${right.toFixed(2)} of ${confident.length}`,
      measured.bins.map((b) => `${b.p.toFixed(2)}→${b.observed.toFixed(2)} (${b.n})`).join(' '),
    ])
  }
  print(lopo)
  console.log(`mean held-out F1 ${f(sum / Math.max(1, count))}`)
}
console.log(`cpu ${(process.cpuUsage(started).user / 1e6).toFixed(1)} s`)
