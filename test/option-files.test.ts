// Every option file a user writes — decisions, manifest, taxonomy, synonyms, dictionary, stopwords,
// weights — fails with a PlanCascadeError naming the file and the line:column of what is wrong.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { checkDecisions, parseDecisions } from '../src/align/decisions.js'
import { readManifest } from '../src/cli/manifest.js'
import { PlanCascadeError } from '../src/errors.js'
import { loadLexicon, parseDictionary } from '../src/lexicon/index.js'
import { loadScoreWeights } from '../src/similarity/index.js'
import { makeDocument, makeItem } from './helpers/records.js'

const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-options-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string | Uint8Array): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

function thrown(run: () => unknown): PlanCascadeError {
  try {
    run()
  } catch (error) {
    if (error instanceof PlanCascadeError) return error
    throw error
  }
  throw new Error('expected a PlanCascadeError')
}

describe('decisions', () => {
  it.each([
    ['[null]', 'd.json:1:2: expected a decision object', 'bad-decisions'],
    ['[1, "x"]', 'd.json:1:2: expected a decision object', 'bad-decisions'],
    [
      '{"decisions": [{"action": "confirm"}]}',
      'd.json:1:16: confirm needs a source and a target',
      'bad-decisions',
    ],
    [
      '[\n  {"action": "confirm", "source": "a#1", "target": "b#1"},\n  {"action": "confirm" "source": "a"}\n]',
      'd.json:3:24: not valid JSON: expected a comma',
      'bad-decisions',
    ],
    [
      '[{"action": "maybe", "source": "a", "target": "b"}]',
      'd.json:1:2: expected an action',
      'bad-decisions',
    ],
    ['{"confirm": []}', 'd.json:1:1: expected an array of decisions', 'bad-decisions'],
  ])('%s -> %s', (text, message, code) => {
    const error = thrown(() => parseDecisions(text, 'd.json'))
    expect(error.code).toBe(code)
    expect(error.message.startsWith(message), error.message).toBe(true)
  })

  it('places a bad CSV row at its line', () => {
    const error = thrown(() => parseDecisions('action,source,target\n\nconfirm,a,b\nmaybe,a,b\n', 'd.csv'))
    expect(error.message).toMatch(/^d\.csv:4:1: expected an action of confirm, reject, merge or split/)
  })

  it('places unbalanced quotes in a CSV at their line', () => {
    const error = thrown(() => parseDecisions('action,source,target\nconfirm,"a,b\n', 'd.csv'))
    expect(error.code).toBe('bad-decisions')
    expect(error.message).toMatch(/^d\.csv:\d+:1: not valid CSV/)
  })

  it('refuses what is not text with bad-argument', () => {
    for (const value of [null, undefined, 3, {}]) {
      expect(thrown(() => parseDecisions(value as unknown as string)).code).toBe('bad-argument')
    }
  })

  it('reports decisions that name items no document has, with the place of each', () => {
    const docs = [
      makeDocument('fz-2019', { name: '福州市', level: 'city' }, 2019, [
        makeItem({ id: 'fz-2019#2.3', text: '…' }),
      ]),
      makeDocument('fz-2025', { name: '福州市', level: 'city' }, 2025, [
        makeItem({ id: 'fz-2025#2.3', text: '…' }),
      ]),
    ]
    const decisions = parseDecisions(
      'action,source,target,items\nconfirm,fz-2019#2.3,fz-2025#2.3,\nreject,fz-2019#2.33,fz-2025#2.3,\nmerge,,,fz-2019#2.3;xm-2022#1\n',
      'review.csv',
    )
    const warnings = checkDecisions(decisions, docs)
    expect(warnings.map((w) => [w.item, w.place?.line, w.message])).toEqual([
      [
        'fz-2019#2.33',
        3,
        'reject names the item fz-2019#2.33, which is not in the documents (fz-2019 has no item 2.33): the decision is ignored',
      ],
      [
        'xm-2022#1',
        4,
        'merge names the item xm-2022#1, which is not in the documents (no document xm-2022): the decision is ignored',
      ],
    ])
    expect(checkDecisions(decisions.slice(0, 1), docs)).toEqual([])
  })
})

describe('manifest', () => {
  it.each([
    ['{\n  "a.txt": { "year": 2019, }\n}', 'bad-manifest', ':2:28: not valid JSON: expected a property name'],
    ['{\n  "a.txt": {\n    "year": "last year"\n  }\n}', 'bad-manifest', ':3:13: a.txt.year: '],
    ['{ "a.txt": { "colour": "red" } }', 'bad-manifest', ':1:12: a.txt: '],
    [
      '{\n  "a.txt": { "jurisdiction": "火星" }\n}',
      'bad-manifest',
      ':2:30: a.txt.jurisdiction: jurisdiction "火星" is not in the division data',
    ],
    ['', 'bad-manifest', ':1:1: not valid JSON: expected a value'],
  ])('%s', (text, code, message) => {
    const path = file('manifest.json', text)
    const error = thrown(() => readManifest(path))
    expect(error.code).toBe(code)
    expect(error.message.startsWith(`${path}${message}`), error.message).toBe(true)
  })
})

describe('lexicon files', () => {
  it('places bad JSON in a taxonomy at its line:column', () => {
    const path = file(
      'taxonomy.json',
      '[\n  { "id": "x", "zh": "x", "en": "x", "keywords": [] "patterns": [] }\n]',
    )
    expect(thrown(() => loadLexicon({ taxonomyFile: path })).message).toBe(
      `${path}:2:53: not valid JSON: expected a comma`,
    )
  })

  it('places a topic of the wrong shape, and a bad pattern, at the value', () => {
    const shape = file(
      'shape.json',
      '[\n  { "id": "Bad Id", "zh": "x", "en": "x", "keywords": [], "patterns": [] }\n]',
    )
    expect(thrown(() => loadLexicon({ taxonomyFile: shape })).message).toMatch(
      new RegExp(`^${shape}:2:11: bad taxonomy at 0\\.id: ids are kebab-case`),
    )
    const pattern = file(
      'pattern.json',
      '[\n  { "id": "x", "zh": "x", "en": "x", "keywords": [],\n    "patterns": ["ok", "(unclosed"] }\n]',
    )
    expect(thrown(() => loadLexicon({ taxonomyFile: pattern })).message).toMatch(
      new RegExp(`^${pattern}:3:24: topic 'x': bad pattern \\(unclosed`),
    )
  })

  it('places synonyms of the wrong shape at the value', () => {
    const path = file('synonyms.json', '{\n  "12345热线": "12345便民服务平台"\n}')
    expect(thrown(() => loadLexicon({ synonymsFile: path })).message).toMatch(
      new RegExp(`^${path}:2:14: bad synonyms at 12345热线: `),
    )
  })

  it('places a bad dictionary line at its line:column', () => {
    const error = thrown(() => parseDictionary('一网通办 3000 n\n闽政通 often n\n', 'dict.txt'))
    expect(error.message).toBe('dict.txt:2:5: expected "term [freq [tag]]", got "闽政通 often n"')
  })

  it('refuses a stopword list that is not UTF-8, at the first bad byte', () => {
    const path = file('stopwords.txt', new Uint8Array(iconv.encode('推进\n加快\n', 'gbk')))
    const error = thrown(() => loadLexicon({ stopwordsFile: path }))
    expect(error.code).toBe('bad-option')
    expect(error.message).toBe(`${path}:1:1: the stopword list is not UTF-8 (save it as UTF-8)`)
  })
})

describe('weights', () => {
  it('places bad JSON in a weights file at its line:column', () => {
    const path = file('weights.json', '{\n  "bias": -2,\n  "weights": { "tfidf": 1.5, }\n}')
    expect(thrown(() => loadScoreWeights(path)).message).toBe(
      `${path}:3:30: not valid JSON: expected a property name in double quotes`,
    )
  })
})
