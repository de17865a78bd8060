// Properties that hold for any input, checked with fast-check on generated documents: every character
// belongs to exactly one region, every span points at its own text, the same input gives the same
// output, and the order of the files changes nothing in the links and threads.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { align } from '../src/index.js'
import type { PlanDocument } from '../src/model/index.js'
import { parseDocument } from '../src/parse/index.js'
import { extractDocument, loadCorpus } from '../src/pipeline/index.js'

const SEEDS = ['cangshan-2022', 'fujian-2019', 'fuzhou-2019', 'fuzhou-2025', 'xiamen-2022']
const seedLines = SEEDS.flatMap((id) => readFileSync(`seeds/${id}.txt`, 'utf8').split('\n'))
/** What scraped pages hold besides plan lines: labels, brackets, clauses, figures, junk. */
const JUNK = [
  '(一)',
  '1.',
  '一、',
  '第三章',
  '表2',
  '。。',
  '(责任单位:',
  '〔牵头单位:',
  '》',
  '“',
  '',
  '  ',
  '\t',
  '30%以上',
  '１２３、',
  '①',
  '【',
  '】',
]

/** A plan-like document: lines of the seeds and junk, some run together, with LF or CRLF. */
const planText = fc
  .tuple(
    fc.array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...seedLines) },
        { weight: 1, arbitrary: fc.constantFrom(...JUNK) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      ),
      { minLength: 1, maxLength: 40 },
    ),
    fc.constantFrom('\n', '\r\n', ''),
  )
  .map(([lines, end]) => lines.join(end))
  .filter((text) => text.trim() !== '')

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')

function checkPartition(doc: PlanDocument) {
  let at = 0
  for (const region of doc.regions) {
    expect(region.span[0]).toBe(at)
    expect(region.span[1]).toBeGreaterThan(region.span[0])
    at = region.span[1]
  }
  expect(at).toBe(doc.sourceText.length)
  const ids = new Set(doc.items.map((i) => i.id))
  expect(ids.size).toBe(doc.items.length)
  for (const region of doc.regions) if (region.kind === 'item') expect(ids.has(region.ref ?? '')).toBe(true)
  const parts = doc.items.flatMap((i) => i.parts).sort((a, b) => a[0] - b[0])
  for (let k = 0; k < parts.length; k++) {
    const [start, end] = parts[k] as [number, number]
    expect(start).toBeGreaterThanOrEqual(0)
    expect(end).toBeLessThanOrEqual(doc.sourceText.length)
    if (k > 0) expect(start).toBeGreaterThanOrEqual((parts[k - 1] as [number, number])[1])
  }
}

describe('properties of parse and extract on generated documents', () => {
  it('every character belongs to exactly one region, and items never overlap', () => {
    fc.assert(
      fc.property(planText, (text) => checkPartition(parseDocument(text))),
      { numRuns: 150, seed: 13 },
    )
  })

  it('every span of a target, a responsibility clause and a warning points at its own text', () => {
    fc.assert(
      fc.property(planText, (text) => {
        const doc = extractDocument(parseDocument(text))
        for (const item of doc.items) {
          for (const target of item.targets) {
            const [start, end] = target.span
            expect(start).toBeGreaterThanOrEqual(0)
            expect(end).toBeLessThanOrEqual(doc.sourceText.length)
            expect(fold(doc.sourceText.slice(start, end))).toBe(fold(target.text))
          }
          if (item.responsible) {
            const [start, end] = item.responsible.span
            expect(fold(doc.sourceText.slice(start, end))).toBe(fold(item.responsible.text))
          }
        }
        for (const warning of doc.warnings) {
          if (!warning.span) continue
          expect(warning.span[0]).toBeGreaterThanOrEqual(0)
          expect(warning.span[1]).toBeLessThanOrEqual(doc.sourceText.length)
        }
      }),
      { numRuns: 100, seed: 13 },
    )
  })

  it('the same text gives the same document, byte for byte', () => {
    fc.assert(
      fc.property(planText, (text) => {
        const once = JSON.stringify(extractDocument(parseDocument(text)))
        expect(JSON.stringify(extractDocument(parseDocument(text)))).toBe(once)
      }),
      { numRuns: 50, seed: 13 },
    )
  })
})

describe('the order of the files changes nothing', () => {
  const files = SEEDS.map((id) => `seeds/${id}.txt`)
  let documents: PlanDocument[] = []
  let reference = ''
  const signature = (result: ReturnType<typeof align>) =>
    JSON.stringify({ links: result.links, threads: result.threads, evolution: result.evolution })

  beforeAll(() => {
    documents = loadCorpus(files).documents
    reference = signature(align(documents))
  })

  it('loadCorpus returns the documents by id, whatever the order of the files', () => {
    const reversed = loadCorpus([...files].reverse())
    expect(reversed.documents.map((d) => d.id)).toEqual([...SEEDS])
    expect(JSON.stringify(reversed.documents)).toBe(JSON.stringify(documents))
  })

  it('align gives the same links, threads and evolution for any order of the documents', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(documents, { minLength: 5, maxLength: 5 }), (shuffled) => {
        expect(signature(align(shuffled))).toBe(reference)
      }),
      { numRuns: 3, seed: 13 },
    )
  })
})
