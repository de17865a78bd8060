// Files that are not plans get a `not-a-plan` warning; no real plan does. The negatives are real
// files of other kinds (this package's own package.json renamed .txt, a TypeScript source, the English
// README, a JSON data file) and a real Chinese text that is no plan (the opening of Lu Xun's 《故乡》,
// 1921, in the public domain).
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkPlanLikeness, measurePlanLikeness } from '../src/parse/plan-likeness.js'
import { readDocument } from '../src/pipeline/index.js'
import { corpusPath, corpusSkipReason, hasCorpus, readCatalog } from './helpers/corpus.js'

const GUXIANG =
  '故乡\n\n我冒了严寒，回到相隔二千余里，别了二十余年的故乡去。时候既然是深冬；渐近故乡时，天气又阴晦了，冷风吹进船舱中，呜呜的响，从篷隙向外一望，苍黄的天底下，远近横着几个萧索的荒村，没有一些活气。我的心禁不住悲凉起来了。\n'

const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-not-a-plan-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const codes = (path: string) => readDocument(path).warnings.map((w) => w.code)

describe('files that are not plans', () => {
  it.each([
    ['package.json', 'package.txt', /code or data/],
    ['src/parse/index.ts', 'parse-index.txt', /code or data/],
    ['data/metrics.json', 'metrics.txt', /Chinese/],
    ['README.md', 'readme.txt', /only \d+% of its characters are Chinese/],
  ])('warns on %s read as a plan', (from, name, reason) => {
    copyFileSync(from, join(dir, name))
    const doc = readDocument(join(dir, name))
    const warning = doc.warnings.find((w) => w.code === 'not-a-plan')
    expect(warning?.message).toMatch(/^this does not look like a plan/)
    expect(warning?.message).toMatch(reason)
    // it still parses: the warning says what the items are worth
    expect(doc.items.length).toBeGreaterThan(0)
  })

  it('warns on Chinese prose with neither numbered items nor plan vocabulary', () => {
    writeFileSync(join(dir, 'guxiang.txt'), GUXIANG)
    const doc = readDocument(join(dir, 'guxiang.txt'))
    expect(doc.warnings.find((w) => w.code === 'not-a-plan')?.message).toMatch(
      /no numbered items, and hardly any plan vocabulary/,
    )
  })

  it('keeps quiet on a short snippet and on a plan without numbers', () => {
    expect(checkPlanLikeness('{}', false)).toBeNull()
    const plain =
      '为加快推进数字政府建设，全面提升政务服务水平，现提出如下意见。坚持统筹规划，强化数据共享，完善工作机制，落实责任单位，推动各项任务落地见效。'
    expect(checkPlanLikeness(plain, false)).toBeNull()
    expect(measurePlanLikeness(plain).vocabularyPerThousand).toBeGreaterThan(100)
  })
})

describe('real plans', () => {
  it('never warns on a seed', () => {
    for (const file of readdirSync('seeds').filter((f) => f.endsWith('.txt')))
      expect(codes(join('seeds', file)), file).not.toContain('not-a-plan')
  })

  it.skipIf(!hasCorpus)(`never warns on a document of the development corpus${corpusSkipReason}`, () => {
    const catalog = readCatalog()
    expect(catalog.length).toBe(163)
    const flagged = catalog.filter((entry) => codes(corpusPath(entry.file)).includes('not-a-plan'))
    expect(flagged.map((e) => e.file)).toEqual([])
  })
})
