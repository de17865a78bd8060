// The worker pool of loadCorpusAsync: the corpus read in worker threads is the one loadCorpus reads in
// its own thread (documents, analyses and errors, in the same order), with and without the cache.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PlanCascadeError } from '../src/errors.js'
import { createSegmenter, loadLexicon, type Segmenter } from '../src/lexicon/index.js'
import { type Corpus, loadCorpus, loadCorpusAsync, type Manifest } from '../src/pipeline/index.js'
import { AUTO_POOL_MIN_BYTES, workerCount } from '../src/pipeline/pool.js'
import { corpusPath, corpusSkipReason, hasCorpus, readCatalog } from './helpers/corpus.js'

const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-pool-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// the seeds, the real documents with their catalog's metadata, and a binary file among them
const catalog = readCatalog()
const binary = join(dir, 'binary.txt')
writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]))
const files = [
  ...['cangshan-2022', 'fujian-2019', 'fuzhou-2019', 'fuzhou-2025', 'xiamen-2022'].map(
    (f) => `seeds/${f}.txt`,
  ),
  binary,
  ...catalog.map((d) => corpusPath(d.file)),
]
const manifest: Manifest = Object.fromEntries(
  catalog.map((d) => [corpusPath(d.file), { jurisdiction: d.jurisdiction, year: d.year }]),
)

/** Two corpora are the same: documents, analyses and errors, in order. */
function expectSame(actual: Corpus, expected: Corpus): void {
  expect(actual.documents.map((d) => d.id)).toEqual(expected.documents.map((d) => d.id))
  // one document at a time: a failing comparison names the document instead of printing the corpus
  actual.documents.forEach((doc, k) => {
    expect(JSON.stringify(doc) === JSON.stringify(expected.documents[k]), doc.id).toBe(true)
  })
  expect([...actual.analyses.keys()]).toEqual([...expected.analyses.keys()])
  expect(JSON.stringify([...actual.analyses]) === JSON.stringify([...expected.analyses])).toBe(true)
  expect(actual.errors.map((e) => [e.file, e.error.code, e.error.message, e.error.place])).toEqual(
    expected.errors.map((e) => [e.file, e.error.code, e.error.message, e.error.place]),
  )
  for (const { error } of actual.errors) expect(error).toBeInstanceOf(PlanCascadeError)
}

describe(`the worker pool${corpusSkipReason}`, () => {
  let single: Corpus
  beforeAll(() => {
    single = loadCorpus(files, { manifest })
  }, 300_000)

  it.runIf(hasCorpus)(
    'reads the seeds and the development corpus in two workers into the corpus one thread reads',
    { timeout: 300_000 },
    async () => {
      expect(single.documents.length).toBe(files.length - 1)
      expect(single.errors.map((e) => [e.file, e.error.code])).toEqual([[binary, 'binary-input']])
      // the files in another order: the corpus is still in id order, errors in the order given
      const pooled = await loadCorpusAsync([...files].reverse(), { manifest, workers: 2 })
      const reversed = loadCorpus([...files].reverse(), { manifest })
      expectSame(pooled, reversed)
      expect(JSON.stringify(pooled.documents) === JSON.stringify(single.documents)).toBe(true)
    },
  )

  it.runIf(hasCorpus)(
    'fills the cache from the workers, and a second read takes every file from it',
    { timeout: 300_000 },
    async () => {
      const cacheFile = join(dir, 'corpus.cache')
      expectSame(await loadCorpusAsync(files, { manifest, workers: 2, cacheFile }), single)
      // a segmenter that counts its calls, under the default one's name (the cache's fingerprint)
      const lexicon = loadLexicon()
      const inner = createSegmenter({ dictionary: lexicon.dictionary })
      let cuts = 0
      const counting: Segmenter = {
        name: inner.name,
        cut: (text) => {
          cuts++
          return inner.cut(text)
        },
        cutForSearch: (text) => {
          cuts++
          return inner.cutForSearch(text)
        },
        addWord: (word, freq) => inner.addWord(word, freq),
      }
      expectSame(loadCorpus(files, { manifest, cacheFile, segmenter: counting }), single)
      expect(cuts).toBe(0)
    },
  )
})

describe('how many workers', () => {
  it("starts none for 'auto' below the size that pays, and one per core above it", () => {
    expect(workerCount('auto', 5, 160_000, false)).toBe(0)
    expect(workerCount(undefined, 1, 10 * AUTO_POOL_MIN_BYTES, false)).toBe(0)
    expect(workerCount('auto', 1000, AUTO_POOL_MIN_BYTES, false)).toBe(
      availableParallelism() < 2 ? 0 : availableParallelism(),
    )
    // a segmenter object cannot be handed to a worker: 'auto' stays in this thread
    expect(workerCount('auto', 1000, 10 * AUTO_POOL_MIN_BYTES, true)).toBe(0)
    expect(workerCount(4, 3, 100, false)).toBe(3)
    expect(workerCount(0, 3, 10 * AUTO_POOL_MIN_BYTES, false)).toBe(0)
  })

  it.each([-1, 1.5, 257, Number.NaN, '2' as unknown as number])(
    'refuses %s workers with a bad-option error',
    async (workers) => {
      await expect(loadCorpusAsync('seeds/', { workers })).rejects.toMatchObject({
        name: 'PlanCascadeError',
        code: 'bad-option',
      })
    },
  )

  it('refuses workers with a segmenter object, and reads the seeds in this thread for auto', async () => {
    const lexicon = loadLexicon()
    const segmenter = createSegmenter({ dictionary: lexicon.dictionary })
    await expect(loadCorpusAsync('seeds/', { workers: 2, segmenter })).rejects.toMatchObject({
      code: 'bad-option',
    })
    expectSame(await loadCorpusAsync('seeds/', { segmenter }), loadCorpus('seeds/'))
  })
})
