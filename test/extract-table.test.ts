import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseFlattenedTable, tableRowTargets } from '../src/extract'

const text = readFileSync(new URL('../seeds/cangshan-2022.txt', import.meta.url), 'utf8')
const start = text.lastIndexOf('\n', text.indexOf('表1 ')) + 1
const table = parseFlattenedTable(text, start)
const context = { year: 2022, period: { from: 2021, to: 2025 } }

describe('parseFlattenedTable on 表1 of cangshan-2022', () => {
  it('reads the title, the header and the years of the columns', () => {
    expect(table).not.toBeNull()
    expect(table?.label).toBe('表1')
    expect(table?.title).toBe('“十四五”时期智能仓山建设量化目标')
    expect(table?.columns).toEqual(['category', 'indicator', 'unit', 'base', 'target', 'annual'])
    expect(table?.baseYear).toBe(2020)
    expect(table?.targetYear).toBe(2025)
  })

  it('ends at the next chapter heading', () => {
    const span = table?.span as [number, number]
    expect(span[0]).toBe(start)
    expect(text.slice(span[0], span[1]).trimEnd().endsWith('年均增长10%以上')).toBe(true)
    expect(text.slice(span[1]).trimStart().startsWith('第三章')).toBe(true)
  })

  it.each([
    ['数字政府', '区级行政许可事项网上可办率', '%', '89', '99', '全市水平98', '年均提高2个百分点'],
    ['数字政府', '市“互联网+监管”事项区级认领率', '%', '85', '100', '全市水平', '年均提高3个百分点'],
    [
      '数字政府',
      '行政审批和公共服务事项“一趟不用跑”比例',
      '%',
      '85',
      '95',
      '全市水平90',
      '年均提高2个百分点',
    ],
    ['数字政府', '跨层级跨部门业务协同率', '%', '60', '70', '全市水平60', '年均提高2个百分点'],
    ['数字政府', '政务数据汇聚量', '万条', null, null, null, '年均增加x万条'],
    [
      '数字经济',
      '数字经济核心产业增加值占GDP比重',
      '%',
      null,
      '提高5个百分点',
      '全市水平3',
      '年均提高0.6个百分点',
    ],
    ['数字经济', '关键业务环节全面数字化的规模以上制造业企业比例', '%', null, '>80', '全市水平70', null],
    ['数字经济', '工业互联网平台应用普及率', '%', null, '50', '全市水平37', '年均提高6个百分点以上'],
    ['创新能力', '全社会研究与试验发展经费投入强度(R&D/GDP)', '%', null, '3.1', '全市水平3', null],
    ['创新能力', '每万人就业人员中研发人员数', null, null, '90', '全市水平84', null],
    ['创新能力', '每万人发明专利拥有量', null, null, '50', '全市水平32', null],
    ['新型基础设施', '5G用户普及率', '%', null, '90', '全市水平70', '年均提高4个百分点'],
    ['新型基础设施', '千兆宽带家庭普及率', '%', null, '50', '全市水平25', '年均提高2个百分点'],
    ['新型基础设施', '物联网终端用户数', '万个', null, '300', '全市2000', '年均增长10%以上'],
  ])('reads the row %s / %s', (category, indicator, unit, base, target, reference, annual) => {
    const row = table?.rows.find((r) => r.indicator === indicator)
    expect(row).toBeDefined()
    expect(row).toMatchObject({ table: '表1', category, indicator, unit, base, target, reference, annual })
    const span = row?.span as [number, number]
    expect(text.slice(span[0], span[1])).toContain(indicator)
  })

  it('reads the 14 rows in order', () => {
    expect(table?.rows).toHaveLength(14)
    const spans = table?.rows.map((r) => r.span[0]) ?? []
    expect([...spans].sort((a, b) => a - b)).toEqual(spans)
  })
})

describe('tableRowTargets', () => {
  const rowContext = { ...context, baseYear: table?.baseYear, targetYear: table?.targetYear }
  const targetsOf = (indicator: string) => {
    const row = table?.rows.find((r) => r.indicator === indicator)
    return tableRowTargets(row as NonNullable<typeof row>, rowContext)
  }

  it('gives the target, the base as a baseline and the annual target as a growth over the plan', () => {
    const got = targetsOf('区级行政许可事项网上可办率')
    expect(
      got.map((t) => [t.text, t.value, t.unit, t.comparator, t.kind, t.status, t.year, t.yearFrom]),
    ).toEqual([
      ['99', 99, '%', '=', 'share', 'planned', 2025, null],
      ['89', 89, '%', '=', 'share', 'baseline', 2020, null],
      ['2个百分点', 2, '个百分点', '=', 'growth', 'planned', 2025, 2021],
    ])
    expect(got[2]?.referenceYear).toBe(2020)
    expect(got.every((t) => t.metric === '区级行政许可事项网上可办率')).toBe(true)
    expect(got[0]?.metricFamily).toBe('online-service-rate')
    for (const t of got) expect(text.slice(t.span[0], t.span[1])).toBe(t.text)
  })

  it('keeps the comparator of the cell and the unit of the row', () => {
    expect(targetsOf('关键业务环节全面数字化的规模以上制造业企业比例')).toMatchObject([
      { value: 80, comparator: '>', kind: 'share', unit: '%' },
    ])
    expect(targetsOf('物联网终端用户数')).toMatchObject([
      { value: 300, unit: '万个', normalized: 3000000, normalizedUnit: '个', kind: 'level', year: 2025 },
      { value: 10, unit: '%', comparator: '>=', kind: 'growth' },
    ])
    expect(targetsOf('数字经济核心产业增加值占GDP比重')).toMatchObject([
      { value: 5, unit: '个百分点', kind: 'growth', metricFamily: 'digital-economy-core-share' },
      { value: 0.6, unit: '个百分点', kind: 'growth' },
    ])
  })

  it('skips cells without a figure (年均增加x万条) and ignores the reference', () => {
    expect(targetsOf('政务数据汇聚量')).toEqual([])
    expect(targetsOf('每万人发明专利拥有量').map((t) => t.value)).toEqual([50])
  })
})

describe('parseFlattenedTable on other layouts', () => {
  it('reads a table with 序号 and bare years, one cell per line without blank lines', () => {
    const doc = [
      '表2 主要指标',
      '序号',
      '指标',
      '单位',
      '2020年',
      '2025年',
      '1',
      '政务服务事项网上可办率',
      '%',
      '90',
      '≥98',
      '2',
      '5G基站数',
      '个',
      '3000',
      '10000',
      '注:数据来源于统计局。',
    ].join('\n')
    const t = parseFlattenedTable(doc, 0)
    expect(t?.columns).toEqual(['seq', 'indicator', 'unit', 'base', 'target'])
    expect(t?.baseYear).toBe(2020)
    expect(t?.rows.map((r) => [r.indicator, r.unit, r.base, r.target])).toEqual([
      ['政务服务事项网上可办率', '%', '90', '≥98'],
      ['5G基站数', '个', '3000', '10000'],
    ])
  })

  it('gives null when no header follows the title', () => {
    expect(parseFlattenedTable('表3 说明\n本表所列为预期性指标。', 0)).toBeNull()
  })
})
