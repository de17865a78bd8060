import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PlanCascadeError } from '../src/errors'
import {
  findDataDir,
  loadMetricLexicon,
  loadUnitAliases,
  loadUnitTable,
  metricFamily,
  type UnitsIndex,
  unitsIndex,
} from '../src/extract'
import type { PlanDocument, PlanItem } from '../src/model'

type Doc = Pick<PlanDocument, 'id' | 'title' | 'jurisdiction' | 'items'>

function item(id: string, lead: string[], related: string[] = []): PlanItem {
  return {
    id,
    docId: id.split('#')[0] as string,
    path: id.split('#')[1] as string,
    label: null,
    style: null,
    number: null,
    heading: '',
    text: '',
    kind: 'task',
    sectionId: null,
    sectionPath: [],
    span: [0, 0],
    parts: [],
    responsible: { lead, related, text: '', span: [0, 0] },
    targets: [],
    role: null,
    row: null,
    topics: [],
    keywords: [],
  }
}

const fuzhou = {
  name: '福州市',
  level: 'city',
  code: '350100',
  parent: '福建省',
  parentCode: '350000',
} as const
const xiamen = {
  name: '厦门市',
  level: 'city',
  code: '350200',
  parent: '福建省',
  parentCode: '350000',
} as const

const docs: Doc[] = [
  {
    id: 'fuzhou-2019',
    title: '2019年数字福州工作要点',
    jurisdiction: fuzhou,
    items: [
      item('fuzhou-2019#1.1', ['市大数据委', '市直各有关单位']),
      item('fuzhou-2019#3.12', ['市智慧福州管理服务中心']),
      item('fuzhou-2019#3.15', ['市卫健委', '市自然资源与规划局']),
    ],
  },
  {
    id: 'fuzhou-2025',
    title: '2025年数字福州工作要点',
    jurisdiction: fuzhou,
    items: [
      item('fuzhou-2025#1.1', ['市数据管理局'], ['市工信局']),
      item('fuzhou-2025#4.24', ['市台办'], ['市数据管理局', '市“智慧福州”管理服务中心']),
    ],
  },
  {
    id: 'xiamen-2022',
    title: '2022年数字厦门工作要点',
    jurisdiction: xiamen,
    items: [item('xiamen-2022#1.1', ['市大数据委', '市工信局'])],
  },
]

describe('unitsIndex', () => {
  const index: UnitsIndex = unitsIndex(docs)

  it('files items under their lead and related units, keys in a stable order', () => {
    expect(Object.keys(index)).toEqual([...Object.keys(index)].sort())
    expect(index.市台办).toEqual({ lead: ['fuzhou-2025#4.24'], related: [], names: ['市台办'] })
    expect(index.市工信局?.related).toEqual(['fuzhou-2025#1.1'])
  })

  it('applies the rename 市大数据委 -> 市数据管理局 in Fuzhou only', () => {
    expect(index.市数据管理局).toEqual({
      lead: ['fuzhou-2019#1.1', 'fuzhou-2025#1.1'],
      related: ['fuzhou-2025#4.24'],
      names: ['市大数据委', '市数据管理局'],
    })
    expect(index.市大数据委?.lead).toEqual(['xiamen-2022#1.1'])
  })

  it('compares names without quotes', () => {
    expect(index.市智慧福州管理服务中心?.lead).toEqual(['fuzhou-2019#3.12'])
    expect(index.市智慧福州管理服务中心?.related).toEqual(['fuzhou-2025#4.24'])
  })

  it('keeps two cities apart when asked to qualify names', () => {
    const q = unitsIndex(docs, { qualify: true })
    expect(q.福州市工信局?.related).toEqual(['fuzhou-2025#1.1'])
    expect(q.厦门市工信局?.lead).toEqual(['xiamen-2022#1.1'])
    expect(q.福州市数据管理局?.lead).toEqual(['fuzhou-2019#1.1', 'fuzhou-2025#1.1'])
    expect(q.福州市直各有关单位?.lead).toEqual(['fuzhou-2019#1.1'])
  })

  it('applies a scoped alias to a document without jurisdiction that names its government', () => {
    const bare = unitsIndex([{ ...(docs[0] as Doc), jurisdiction: null }])
    expect(bare.市数据管理局?.lead).toEqual(['fuzhou-2019#1.1'])
    const none = unitsIndex(docs, { aliases: { aliases: [] } })
    expect(none.市大数据委?.lead).toEqual(['fuzhou-2019#1.1', 'xiamen-2022#1.1'])
  })

  it('is deterministic', () => {
    expect(JSON.stringify(unitsIndex(docs))).toBe(JSON.stringify(unitsIndex(docs)))
  })
})

describe('data files', () => {
  it('finds the package data folder and reads the bundled files', () => {
    expect(findDataDir()).toMatch(/data$/)
    expect(loadUnitTable().units.length).toBeGreaterThan(50)
    expect(loadMetricLexicon().families.map((f) => f.id)).toContain('data-records')
    expect(loadUnitAliases().aliases.every((a) => a.note.length > 0)).toBe(true)
  })

  it('groups the data-record metrics researchers compare into one family', () => {
    const lexicon = loadMetricLexicon()
    for (const m of [
      '政务数据汇聚量',
      '可共享资源数据',
      '公共数据储备量',
      '市政务信息共享协同平台有效数据',
    ]) {
      expect(metricFamily(m, lexicon)).toBe('data-records')
    }
    expect(metricFamily('5G基站', lexicon)).toBe('5g-base-stations')
    expect(metricFamily('每万人5G基站数', lexicon)).toBe('5g-density')
    expect(metricFamily('审批服务事项网上可办率', lexicon)).toBe('online-service-rate')
  })

  it('extends the bundled files with a user file, or replaces them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-'))
    const file = join(dir, 'metrics.json')
    writeFileSync(
      file,
      JSON.stringify({
        families: [{ id: 'smart-poles', zh: '智慧杆塔', en: 'poles', members: ['多功能智慧灯杆'] }],
      }),
    )
    const extended = loadMetricLexicon(file, { extend: true })
    expect(metricFamily('多功能智慧灯杆', extended)).toBe('smart-poles')
    expect(metricFamily('5G基站', extended)).toBe('5g-base-stations')
    const replaced = loadMetricLexicon(file)
    expect(metricFamily('5G基站', replaced)).toBeNull()
  })

  it('throws a PlanCascadeError with the file for a missing or malformed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-'))
    const bad = join(dir, 'aliases.json')
    writeFileSync(bad, JSON.stringify({ aliases: [{ alias: '' }] }))
    expect(() => loadUnitAliases(join(dir, 'missing.json'))).toThrow(PlanCascadeError)
    expect(() => loadUnitAliases(bad)).toThrow(/aliases\.json/)
    writeFileSync(bad, '{not json')
    expect(() => loadUnitTable(bad)).toThrow(PlanCascadeError)
  })
})
