import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { align } from '../src/align/index.js'
import { createSegmenter, loadLexicon } from '../src/lexicon/index.js'
import { lexiconFingerprint, readCache, writeCache } from '../src/pipeline/cache.js'
import { type Corpus, loadCorpus } from '../src/pipeline/index.js'

const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-cache-'))
const seeds = join(dir, 'seeds')
const cacheFile = join(dir, 'corpus.cache')
let plain: Corpus

beforeAll(() => {
  rmSync(seeds, { recursive: true, force: true })
  mkdirSync(seeds)
  for (const f of readdirSync('seeds').filter((f) => f.endsWith('.txt')))
    copyFileSync(join('seeds', f), join(seeds, f))
  plain = loadCorpus(seeds)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const fingerprint = () => {
  const lexicon = loadLexicon()
  return lexiconFingerprint(lexicon, createSegmenter({ dictionary: lexicon.dictionary }).name)
}

describe('the corpus cache', () => {
  it('gives the same documents, analyses and alignment as reading without it, first and second time', () => {
    const first = loadCorpus(seeds, { cacheFile })
    const second = loadCorpus(seeds, { cacheFile })
    for (const corpus of [first, second]) {
      expect(JSON.stringify(corpus.documents) === JSON.stringify(plain.documents)).toBe(true)
      expect([...corpus.analyses]).toEqual([...plain.analyses])
    }
    const aligned = JSON.stringify(align(second.documents, { analyses: second.analyses }))
    expect(aligned === JSON.stringify(align(plain.documents))).toBe(true)
  })

  it('takes an unchanged file from the cache and reads a changed one again', () => {
    loadCorpus(seeds, { cacheFile })
    const cache = readCache(cacheFile, fingerprint())
    expect(cache.entries.size).toBe(5)
    // mark the cached entries: a file taken from the cache comes back with the mark
    for (const entry of cache.entries.values())
      entry.document = { ...entry.document, title: `cached ${entry.document.title}` }
    writeCache(cacheFile, cache)
    const changed = join(seeds, 'fuzhou-2019.txt')
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}\n`)
    const again = loadCorpus(seeds, { cacheFile })
    const titles = new Map(again.documents.map((d) => [d.id, d.title]))
    expect(titles.get('fuzhou-2019')?.startsWith('cached')).toBe(false)
    for (const id of ['cangshan-2022', 'fujian-2019', 'fuzhou-2025', 'xiamen-2022'])
      expect(titles.get(id)?.startsWith('cached')).toBe(true)
  })

  it('reads a file again when its manifest entry changes', () => {
    loadCorpus(seeds, { cacheFile })
    const again = loadCorpus(seeds, { cacheFile, manifest: { 'xiamen-2022.txt': { title: '新标题' } } })
    expect(again.documents.find((d) => d.id === 'xiamen-2022')?.title).toBe('新标题')
  })

  it('ignores a cache file it cannot read, and one made for another lexicon', () => {
    writeFileSync(cacheFile, 'not a cache')
    const same =
      JSON.stringify(loadCorpus(seeds, { cacheFile }).documents) ===
      JSON.stringify(loadCorpus(seeds).documents)
    expect(same).toBe(true)
    expect(readCache(cacheFile, 'another lexicon').entries.size).toBe(0)
    expect(readCache(cacheFile, fingerprint()).entries.size).toBe(5)
  })
})
