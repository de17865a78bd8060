/**
 * npm run bench: prints how long each stage takes on the bundled seeds (median of several runs) and
 * how much the candidate index saves over comparing every pair. Figures, not assertions.
 */
import { performance } from 'node:perf_hooks'
import { findCandidates } from '../src/align/candidates.js'
import { align, featuresOf, scorePairs } from '../src/align/index.js'
import { listInputFiles, readSource } from '../src/io/index.js'
import { createSegmenter, isNodejiebaAvailable, loadLexicon, tokenize } from '../src/lexicon/index.js'
import { parseDocument } from '../src/parse/index.js'
import { extractDocument, loadCorpus, tagDocuments } from '../src/pipeline/index.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now()
  const value = fn()
  return [value, performance.now() - start]
}

function bench<T>(label: string, fn: () => T): T {
  let value: T | undefined
  const times: number[] = []
  for (let k = 0; k < RUNS; k++) {
    const [v, ms] = time(fn)
    value = v
    times.push(ms)
  }
  console.log(`${label.padEnd(44)} ${median(times).toFixed(1).padStart(8)} ms  (median of ${RUNS})`)
  return value as T
}

const files = listInputFiles('seeds')
const sources = files.map((f) => readSource(f))
const characters = sources.reduce((n, s) => n + s.text.length, 0)
console.log(`seeds: ${files.length} documents, ${characters} characters\n`)

const [, firstLexicon] = time(() => loadLexicon())
const [, firstSegmenter] = time(() => createSegmenter({ dictionary: loadLexicon().dictionary }))
console.log(`${'first load: lexicon'.padEnd(44)} ${firstLexicon.toFixed(1).padStart(8)} ms`)
console.log(
  `${'first load: segmenter (@node-rs/jieba)'.padEnd(44)} ${firstSegmenter.toFixed(1).padStart(8)} ms`,
)

bench('read (decode) 5 files', () => files.map((f) => readSource(f)))
const parsed = bench('normalize + parse 5 documents', () => sources.map((s) => parseDocument(s)))
const extracted = bench('extract targets and units', () => parsed.map((d) => extractDocument(d)))
const lexicon = loadLexicon()
const segmenter = createSegmenter({ dictionary: lexicon.dictionary })
bench('segment all item texts (@node-rs/jieba)', () =>
  extracted.flatMap((d) => d.items.map((i) => tokenize(i.text, segmenter, lexicon))),
)
if (isNodejiebaAvailable()) {
  const nodejieba = createSegmenter({ implementation: 'nodejieba', dictionary: lexicon.dictionary })
  bench('segment all item texts (nodejieba)', () =>
    extracted.flatMap((d) => d.items.map((i) => tokenize(i.text, nodejieba, lexicon))),
  )
}
const tagged = bench('tag topics and keywords', () => tagDocuments(extracted))
const corpus = bench('item features (tokens, vectors, topics)', () => featuresOf(tagged))
bench('score candidate pairs', () => scorePairs(tagged, corpus))
const result = bench('align (features, scores, links, threads)', () => align(tagged))
bench('whole pipeline: loadCorpus + align', () => align(loadCorpus('seeds').documents))

const items = corpus.items.length
let crossPairs = 0
for (let i = 0; i < items; i++)
  for (let j = i + 1; j < items; j++) if (corpus.items[i]?.docId !== corpus.items[j]?.docId) crossPairs++
const candidates = findCandidates(corpus).length
console.log(
  `\nitems ${items}; pairs across documents ${crossPairs}; candidates ${candidates} (${((100 * candidates) / crossPairs).toFixed(1)}%)`,
)
console.log(
  `links ${result.links.length}; threads ${result.threads.length}; evolution pairs ${result.evolution.length}`,
)

// Scaling: the seeds copied four times over (20 documents) — one run, as a rough figure.
{
  const { mkdtempSync, copyFileSync, rmSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { join, basename } = await import('node:path')
  const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-bench-'))
  for (const copy of ['a', 'b', 'c', 'd'])
    for (const f of files) copyFileSync(f, join(dir, `${basename(f, '.txt')}-${copy}.txt`))
  const [large, loadMs] = time(() => loadCorpus(dir))
  const [aligned, alignMs] = time(() => align(large.documents))
  const n = large.documents.reduce((sum, d) => sum + d.items.length, 0)
  console.log(
    `\nscaling: ${large.documents.length} documents, ${n} items: load ${loadMs.toFixed(0)} ms, align ${alignMs.toFixed(0)} ms (${aligned.links.length} links, ${aligned.threads.length} threads)`,
  )
  rmSync(dir, { recursive: true, force: true })
}
