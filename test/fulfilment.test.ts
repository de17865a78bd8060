// Fulfilment: a planned target of year Y beside the achieved figure of the same jurisdiction, indicator
// and year a later document reports; and, on ../shared/corpus, the 15 provinces' 2025 targets against
// the results their 2026 reports give for 2025.
import { describe, expect, it } from 'vitest'
import { buildTrajectories, compareTargets, matchFulfilment } from '../src/diff/index.js'
import type { PlanDocument, Target } from '../src/model/index.js'
import { Fulfilment } from '../src/model/report.js'
import { readDocument } from '../src/pipeline/index.js'
import { corpusPath, corpusSkipReason, hasCorpus, readCatalog } from './helpers/corpus.js'
import { makeDocument, makeItem, makeTarget } from './helpers/records.js'

const rate = (text: string, value: number, fields: Partial<Target> = {}) =>
  makeTarget({
    text,
    value,
    unit: '%',
    normalizedUnit: '%',
    kind: 'growth',
    direction: 'increase',
    metric: '地区生产总值',
    metricFamily: 'gdp',
    ...fields,
  })

function report(id: string, year: number, targets: Target[], place = '河南省'): PlanDocument {
  return makeDocument(id, { name: place, level: 'province' }, year, [
    makeItem({ id: `${id}#1`, text: targets.map((t) => t.text).join(','), targets }),
  ])
}

describe('matchFulfilment', () => {
  const planned = (
    text: string,
    value: number,
    comparator: Target['comparator'],
    more: Partial<Target> = {},
  ) => report('hn-2025', 2025, [rate(text, value, { comparator, status: 'planned', year: 2025, ...more })])
  const achieved = (text: string, value: number, more: Partial<Target> = {}) =>
    report('hn-2026', 2026, [rate(text, value, { status: 'achieved', year: 2025, ...more })])

  it.each<[string, number, Target['comparator'], string, number, string]>([
    ['5.5%左右', 5.5, 'approx', '5.6%', 5.6, 'met'],
    ['5.5%左右', 5.5, 'approx', '6.5%', 6.5, 'exceeded'],
    ['5.5%左右', 5.5, 'approx', '4.1%', 4.1, 'missed'],
    ['5%以上', 5, '>=', '5.2%', 5.2, 'met'],
    ['5%以上', 5, '>=', '5.6%', 5.6, 'exceeded'],
    ['5%以上', 5, '>=', '4.9%', 4.9, 'missed'],
    ['4.5%', 4.5, '=', '4.5%', 4.5, 'met'],
    ['4.5%-5%', 4.5, 'range', '4.8%', 4.8, 'met'],
  ])('%s -> %s is %s', (pText, pValue, comparator, aText, aValue, outcome) => {
    const more = comparator === 'range' ? { normalizedMax: 5, valueMax: 5 } : {}
    const [f] = matchFulfilment([planned(pText, pValue, comparator, more), achieved(aText, aValue)])
    expect(f).toMatchObject({ outcome, year: 2025, jurisdiction: '河南省', series: 'gdp|growth|%' })
    expect(f?.gap).toBeCloseTo(aValue - pValue, 9)
    expect(Fulfilment.parse(f)).toEqual(f)
  })

  it('reads a ceiling the family’s way: unemployment below 5.5%以内 by more than the tolerance exceeded it', () => {
    const target = {
      kind: 'share' as const,
      direction: null,
      metric: '城镇调查失业率',
      metricFamily: 'unemployment-rate',
    }
    const [f] = matchFulfilment([
      planned('5.5%以内', 5.5, '<=', target),
      achieved('5.2%', 5.2, { ...target, kind: 'share' }),
    ])
    expect(f?.outcome).toBe('exceeded')
    const [g] = matchFulfilment([planned('5.5%以内', 5.5, '<=', target), achieved('5.8%', 5.8, target)])
    expect(g?.outcome).toBe('missed')
  })

  it('reads a fall the right way: 下降3%左右 -> 下降3.5% exceeded (energy intensity, lower is better)', () => {
    const fall = {
      metric: '单位地区生产总值能耗',
      metricFamily: 'energy-intensity',
      direction: 'decrease' as const,
    }
    const [f] = matchFulfilment([
      planned('下降3%左右', 3, 'approx', { ...fall, normalized: -3 }),
      achieved('下降3.5%', 3.5, { ...fall, normalized: -3.5 }),
    ])
    expect(f).toMatchObject({ outcome: 'exceeded', gap: -0.5 })
  })

  it('pairs only with a later document, the same year, kind, unit and span of years', () => {
    const base = planned('5.5%左右', 5.5, 'approx')
    expect(
      matchFulfilment([
        base,
        report('hn-2024', 2024, [rate('5.1%', 5.1, { status: 'achieved', year: 2025 })]),
      ]),
    ).toEqual([])
    expect(matchFulfilment([base, achieved('5.6%', 5.6, { year: 2024 })])).toEqual([])
    expect(matchFulfilment([base, achieved('5.9%', 5.9, { yearFrom: 2021 })])).toEqual([])
    expect(
      matchFulfilment([
        base,
        achieved('6.66万亿元', 6.66, { kind: 'level', unit: '万亿元', normalizedUnit: '元' }),
      ]),
    ).toEqual([])
    expect(
      matchFulfilment([
        base,
        report('sd-2026', 2026, [rate('5.5%', 5.5, { status: 'achieved', year: 2025 })], '山东省'),
      ]),
    ).toEqual([])
  })

  it('takes the earliest later document, and an estimate only when no result is given', () => {
    const estimate = report('hn-2026e', 2026, [rate('5.4%左右', 5.4, { status: 'estimate', year: 2025 })])
    const result = report('hn-2027', 2027, [rate('5.6%', 5.6, { status: 'achieved', year: 2025 })])
    const base = planned('5.5%左右', 5.5, 'approx')
    expect(matchFulfilment([base, estimate])[0]?.achieved.docId).toBe('hn-2026e')
    expect(matchFulfilment([base, estimate, result])[0]?.achieved.docId).toBe('hn-2027')
    expect(matchFulfilment([result, base, achieved('5.7%', 5.7)])[0]?.achieved.docId).toBe('hn-2026')
  })

  it('gives the same output for any order of the documents', () => {
    const docs = [
      planned('5.5%左右', 5.5, 'approx'),
      achieved('5.6%', 5.6),
      report(
        'sd-2025',
        2025,
        [rate('5%以上', 5, { status: 'planned', year: 2025, comparator: '>=' })],
        '山东省',
      ),
      report('sd-2026', 2026, [rate('5.5%', 5.5, { status: 'achieved', year: 2025 })], '山东省'),
    ]
    expect(matchFulfilment([...docs].reverse())).toEqual(matchFulfilment(docs))
  })
})

describe.skipIf(!hasCorpus)(
  `the 15 provinces: 2025 targets against the 2026 reports' results${corpusSkipReason}`,
  () => {
    const entries = readCatalog().filter((e) => /^gwr-provinces-202[56]\//.test(e.file))
    const documents = entries.map((e) => readDocument(corpusPath(e.file), { year: e.year }))
    const pairs = matchFulfilment(documents)
    const years = new Map(documents.map((d) => [d.id, d.year]))

    it('pairs a province’s 2025 targets with the results its 2026 report gives for 2025', () => {
      expect(entries).toHaveLength(30)
      const of2025 = pairs.filter((f) => f.year === 2025)
      expect(of2025.length).toBeGreaterThanOrEqual(40)
      for (const f of of2025) {
        expect(years.get(f.planned.docId)).toBe(2025)
        expect(years.get(f.achieved.docId)).toBe(2026)
        expect(f.planned.docId.replace(/^2025/, '')).toBe(f.achieved.docId.replace(/^2026/, ''))
        expect(f.planned.target.kind).toBe(f.achieved.target.kind)
        expect(f.planned.target.status).toBe('planned')
        expect(f.achieved.target.yearFrom).toBe(f.planned.target.yearFrom)
      }
      // GDP growth: 5.5%左右 planned in 2025, 5.6% achieved (2026年河南省政府工作报告)
      const henan = of2025.find((f) => f.series === 'gdp|growth|%' && f.jurisdiction === '河南省')
      expect(henan).toMatchObject({ outcome: 'met' })
      expect(henan?.planned.target.text).toBe('5.5%左右')
      expect(henan?.achieved.target.text).toBe('5.6%')
      // (The parse of this branch keeps some reports' opening review out of items: see the report.)
      expect(
        new Set(of2025.filter((f) => f.series === 'gdp|growth|%').map((f) => f.jurisdiction)).size,
      ).toBeGreaterThanOrEqual(5)
    })

    it('gives one series per indicator: every GDP growth figure of the 30 reports in one trajectory', () => {
      const trajectories = buildTrajectories(documents)
      // (differences in points, 高于全国0.5个百分点, are a trajectory of their own: gdp@growth@个百分点)
      const growth = trajectories.find((t) => t.id === 'gdp@growth@%')
      expect(growth).toBeDefined()
      const all = documents.flatMap((d) => d.items.flatMap((i) => i.targets))
      const gdpGrowth = all.filter(
        (t) => t.metricFamily === 'gdp' && t.kind === 'growth' && t.normalizedUnit === '%',
      )
      expect(growth?.points).toHaveLength(gdpGrowth.length)
      // printed names drift (经济增长, 地区生产总值, 生产总值增速, GDP): one family
      expect(new Set(gdpGrowth.map((t) => t.metric)).size).toBeGreaterThanOrEqual(3)
      expect(growth?.points.some((p) => p.status === 'planned')).toBe(true)
      expect(growth?.points.some((p) => p.status === 'achieved')).toBe(true)
    })

    it('never compares a stock with a flow (or a share with a growth) among the corpus figures of one family', () => {
      const all = documents.flatMap((d) => d.items.flatMap((i) => i.targets)).filter((t) => t.metricFamily)
      const byFamily = new Map<string, Target[]>()
      for (const t of all)
        byFamily.set(t.metricFamily as string, [...(byFamily.get(t.metricFamily as string) ?? []), t])
      let compared = 0
      for (const list of byFamily.values()) {
        for (let k = 0; k + 1 < list.length && k < 60; k++) {
          const change = compareTargets(list[k] as Target, list[k + 1] as Target)
          if (change.delta !== null) {
            compared++
            expect(change.from?.kind).toBe(change.to?.kind)
            expect(change.from?.normalizedUnit).toBe(change.to?.normalizedUnit)
          } else expect(change.change).toBe('incomparable')
        }
      }
      expect(compared).toBeGreaterThan(50)
    })
  },
)
