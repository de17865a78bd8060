// Long lines: scraped pages run a whole plan into one line, and a scraper's junk repeats one token for
// pages. Every stage must stay linear in the length of a line. The bounds are generous (a tenth of
// what the quadratic spots took: 204 s for 100,000 characters of 30%以上) so that a loaded machine
// never fails them, while any return of a quadratic scan does.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extractResponsible, extractTargets } from '../src/extract/index.js'
import { createSegmenter, loadLexicon, tagTopics, tokenize } from '../src/lexicon/index.js'
import type { PlanDocument } from '../src/model/index.js'
import { normalizeText } from '../src/normalize/index.js'
import { parseDocument } from '../src/parse/index.js'
import { extractDocument } from '../src/pipeline/index.js'

/** The runs that were quadratic, and others of the same kind. */
const PATHOLOGICAL = [
  '30%以上',
  '一二三四五六七八九十',
  '一、（一）1.',
  '1234567890',
  '（（））【】',
  '、',
  '以上',
  '“（责任单位：',
  '5G基站',
  '第一章',
  '(1)',
  '2019年',
  '目前',
  '30%。',
]

const repeatTo = (unit: string, length: number) =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length)

function timed<T>(run: () => T): { value: T; seconds: number } {
  const start = performance.now()
  const value = run()
  return { value, seconds: (performance.now() - start) / 1000 }
}

/** Regions tile the source text: in order, no gap, no overlap, to the end. */
function tiles(doc: PlanDocument): boolean {
  let at = 0
  for (const region of doc.regions) {
    if (region.span[0] !== at || region.span[1] <= region.span[0]) return false
    at = region.span[1]
  }
  return at === doc.sourceText.length
}

const lexicon = loadLexicon()
const segmenter = createSegmenter({ dictionary: lexicon.dictionary })

/** Every stage on one text: normalize, parse, extract (targets and units), topics and tokens. */
function everyStage(text: string) {
  normalizeText(text)
  const doc = extractDocument(parseDocument(`2019年数字福州工作要点\n${text}\n`))
  extractTargets(text, { year: 2019, period: null })
  extractResponsible(text)
  tagTopics({ heading: text.slice(0, 40), text }, lexicon)
  tokenize(text, segmenter, lexicon)
  return doc
}

describe('one long line', () => {
  it.each(PATHOLOGICAL)('100,000 characters of %s go through every stage in linear time', (unit) => {
    const { value: doc, seconds } = timed(() => everyStage(repeatTo(unit, 100_000)))
    expect(seconds).toBeLessThan(20)
    expect(tiles(doc)).toBe(true)
  })

  it('a million characters of plan text on one line parse and extract in linear time', () => {
    const plan = readFileSync('seeds/fuzhou-2019.txt', 'utf8').replace(/\n/g, '')
    const text = `2019年数字福州工作要点\n${repeatTo(plan, 1_000_000)}\n`
    const { value: doc, seconds } = timed(() => extractDocument(parseDocument(text)))
    expect(seconds).toBeLessThan(30)
    expect(tiles(doc)).toBe(true)
    expect(doc.items.length).toBeGreaterThan(20)
  })

  it('any mix of the pathological runs, 10,000 characters on one line, is linear and loses nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PATHOLOGICAL, '推进', '，', '。', '\n', ' '), {
          minLength: 1,
          maxLength: 12,
        }),
        (units) => {
          const { value: doc, seconds } = timed(() => everyStage(repeatTo(units.join(''), 10_000)))
          expect(seconds).toBeLessThan(5)
          expect(tiles(doc)).toBe(true)
        },
      ),
      { numRuns: 25, seed: 13 },
    )
  })
})
