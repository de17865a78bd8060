// Misuse of the API: every exported function called with null, undefined, a number, {} and a 5 MB
// string in the place of its first argument, and with a valid first argument and such values after it.
// Each call returns, or throws (an async function rejects) a PlanCascadeError with a code: never a
// TypeError from deep inside, never a hang.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as api from '../src/index.js'

const FIVE_MB = '数字福州。推进5G基站建设3000个以上。'
  .repeat(Math.ceil((5 * 2 ** 20) / 22))
  .slice(0, 5 * 2 ** 20)
const BAD: Array<[string, unknown]> = [
  ['null', null],
  ['undefined', undefined],
  ['a number', 42],
  ['{}', {}],
  ['a 5 MB string', FIVE_MB],
]

type AnyFunction = (...args: unknown[]) => unknown
const functions = (Object.entries(api) as Array<[string, unknown]>).filter(
  (entry): entry is [string, AnyFunction] => typeof entry[1] === 'function' && !/^[A-Z]/.test(entry[0]),
)

/** What a call did: returned, or threw (rejected) with what. */
async function outcome(run: () => unknown): Promise<'returned' | string> {
  try {
    const value = run()
    if (value instanceof Promise) await value
    return 'returned'
  } catch (error) {
    if (error instanceof api.PlanCascadeError) return `PlanCascadeError ${error.code}`
    return `${(error as Error)?.name}: ${(error as Error)?.message}`
  }
}

const ok = (result: string) => result === 'returned' || result.startsWith('PlanCascadeError ')

describe('every exported function, given a bad first argument', () => {
  it('covers the whole API (49 functions or more)', () => {
    expect(functions.length).toBeGreaterThanOrEqual(49)
  })

  for (const [name, fn] of functions) {
    it(`${name}: returns or throws a PlanCascadeError for ${BAD.map(([label]) => label).join(', ')}`, async () => {
      const results: string[] = []
      for (const [label, value] of BAD) {
        const result = await outcome(() => fn(value))
        if (!ok(result)) results.push(`${name}(${label}): ${result}`)
      }
      expect(results).toEqual([])
    })
  }
})

describe('every exported function, given a good first argument and bad ones after it', () => {
  const doc = api.readDocument('seeds/fuzhou-2019.txt')
  const item = doc.items[0] as api.PlanItem
  /** A valid first argument for each function that takes one. */
  const first: Record<string, unknown> = {
    align: [doc],
    analyze: 'seeds/fuzhou-2019.txt',
    buildDiffs: [doc],
    buildFeatures: [doc],
    buildReport: [doc],
    buildTrajectories: [doc],
    checkDecisions: [],
    compare: doc,
    computeKeywords: [['数字']],
    decodeBytes: new Uint8Array(readFileSync('seeds/fuzhou-2019.txt')),
    diffItems: item,
    diffTargets: item.targets,
    diffWords: '推进5G',
    evaluateAlignment: { threads: [] },
    extractDocument: doc,
    extractResponsible: '(责任单位:市工信局)',
    extractTargets: '新建5G基站3000个',
    inferMetadata: '2019年数字福州工作要点',
    itemSourceSpan: doc,
    learnStopwords: [['数字']],
    listInputFiles: 'seeds/',
    loadCorpus: 'seeds/fuzhou-2019.txt',
    normalizeText: '数字福州',
    pairFeatures: {},
    parseChineseNumber: '三千',
    parseDecisions: '[]',
    parseDocument: '2019年数字福州工作要点\n一、推进5G建设',
    parseFlattenedTable: '表1 指标\n序号\n指标\n1\n5G基站\n',
    readDocument: 'seeds/fuzhou-2019.txt',
    readSource: 'seeds/fuzhou-2019.txt',
    relateDocuments: doc,
    tagDocuments: [doc],
    tagTopics: { heading: '', text: '推进5G基站建设' },
    tokenize: '推进5G基站建设',
    unitsIndex: [doc],
  }
  for (const [name, fn] of functions) {
    if (!(name in first)) continue
    it(`${name}: returns or throws a PlanCascadeError for bad later arguments`, async () => {
      const results: string[] = []
      for (const position of [1, 2]) {
        for (const [label, value] of BAD.slice(0, 4)) {
          const args: unknown[] = [first[name]]
          args[position] = value
          const result = await outcome(() => fn(...args))
          if (!ok(result)) results.push(`${name}(…, argument ${position + 1} = ${label}): ${result}`)
        }
      }
      expect(results).toEqual([])
    })
  }
})

describe('the similarity functions, given what buildFeatures gives', () => {
  // the checks at the public entry must accept the features as they are now built (they once
  // expected an older shape and rejected every real pair)
  it('score a pair of real items without complaint', () => {
    const lexicon = api.loadLexicon()
    const documents = [api.readDocument('seeds/fuzhou-2019.txt'), api.readDocument('seeds/fuzhou-2025.txt')]
    const segmenter = api.createSegmenter({ dictionary: lexicon.dictionary })
    const corpus = api.buildFeatures(documents, { segmenter, lexicon })
    const a = corpus.byId.get('fuzhou-2019#2.3')!
    const b = corpus.byId.get('fuzhou-2025#2.3')!
    const features = api.pairFeatures(a, b, corpus)
    expect(api.scoreFeatures(features)).toBeGreaterThan(0.5)
    expect(api.scoreItems(a, b, corpus).evidence.sharedMetrics).toContain('5g-base-stations')
  })
})
