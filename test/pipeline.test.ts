import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyze, loadCorpus, readDocument } from '../src/pipeline/index.js'

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')

describe('readDocument', () => {
  it('fills targets whose spans point at their text in the source', () => {
    const doc = readDocument('seeds/fuzhou-2019.txt')
    const targets = doc.items.flatMap((i) => i.targets)
    expect(targets.length).toBeGreaterThan(30)
    for (const t of targets) expect(fold(doc.sourceText.slice(...t.span))).toBe(fold(t.text))
    const fiveG = doc.items
      .find((i) => i.path === '2.3')
      ?.targets.find((t) => t.metricFamily === '5g-base-stations')
    expect(fiveG).toMatchObject({ value: 3000, unit: '个', comparator: '>=', year: 2019 })
  })

  it('fills responsible units whose spans point at the printed clause', () => {
    const doc = readDocument('seeds/fuzhou-2025.txt')
    const item = doc.items.find((i) => i.path === '2.3')
    expect(item?.responsible?.lead).toEqual(['市通管办', '市数据管理局'])
    expect(item?.responsible?.related).toEqual(['各县(市)区政府', '高新区管委会', '数字福州集团'])
    const span = item?.responsible?.span as [number, number]
    expect(doc.sourceText.slice(...span)).toBe(
      '〔牵头责任单位:市通管办、市数据管理局;相关责任单位:各县(市)区政府、高新区管委会,数字福州集团〕',
    )
  })

  it('reads the indicator table of cangshan-2022 into table-row items with targets', () => {
    const doc = readDocument('seeds/cangshan-2022.txt')
    const row = doc.items.find((i) => i.kind === 'table-row' && i.heading === '5G用户普及率')
    expect(row?.row).toMatchObject({ unit: '%', target: '90', reference: '全市水平70' })
    expect(row?.targets.some((t) => t.value === 90 && t.year === 2025)).toBe(true)
  })
})

describe('loadCorpus', () => {
  it('reads a directory whole, reports the files it cannot read and goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-'))
    writeFileSync(join(dir, 'good.txt'), readFileSync('seeds/xiamen-2022.txt'))
    writeFileSync(join(dir, 'empty.txt'), '')
    writeFileSync(
      join(dir, 'binary.txt'),
      new Uint8Array(512).map((_, k) => k % 256),
    )
    writeFileSync(join(dir, 'notes.md'), '# not a plan')
    const corpus = loadCorpus(dir)
    expect(corpus.documents.map((d) => d.id)).toEqual(['good'])
    expect(corpus.errors.map((e) => [e.file.split('/').pop(), e.error.code]).sort()).toEqual([
      ['binary.txt', 'binary-input'],
      ['empty.txt', 'empty-input'],
    ])
  })

  it('takes titles, jurisdictions and years from a manifest', () => {
    const corpus = loadCorpus(['seeds/fuzhou-2019.txt'], {
      manifest: {
        'fuzhou-2019.txt': { id: 'fz19', title: '福州2019要点', year: 2018, jurisdiction: '鼓楼区' },
      },
    })
    const doc = corpus.documents[0]
    expect(doc?.id).toBe('fz19')
    expect(doc?.title).toBe('福州2019要点')
    expect(doc?.year).toBe(2018)
    expect(doc?.jurisdiction).toMatchObject({ name: '鼓楼区', level: 'district', parent: '福州市' })
    expect(doc?.items[0]?.id.startsWith('fz19#')).toBe(true)
  })

  it('tags every item with topics and keywords', () => {
    const corpus = loadCorpus(['seeds/fuzhou-2019.txt'])
    const hotline = corpus.documents[0]?.items.find((i) => i.path === '3.12')
    expect(hotline?.topics[0]?.id).toBe('hotline-12345')
    expect(hotline?.keywords.length).toBeGreaterThan(0)
  })
})

describe('analyze', () => {
  it('runs the whole pipeline and gives the same bytes twice', () => {
    const a = analyze('seeds')
    const b = analyze('seeds')
    expect(a.documents).toHaveLength(5)
    expect(a.links.length).toBeGreaterThan(0)
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })
})
