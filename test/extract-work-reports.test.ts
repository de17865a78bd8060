// Targets as researchers read them: whether a figure is a goal or a result, which way it moves, its
// years, its kind and its family — pinned on real sentences of government work reports (the dev
// documents of test/fixtures/work-report-figures.json and the national reports the issue quotes), and
// measured on the fixture's held-out documents.
import { describe, expect, it } from 'vitest'
import { extractTargets, readTimeScope, type TargetContext, type TargetDraft } from '../src/extract/index.js'
import { corpusSkipReason, hasCorpus } from './helpers/corpus.js'
import { measure, readWorkReportFixture, readWorkReports } from './helpers/work-reports.js'

type Expect = Partial<Omit<TargetDraft, 'span'>>

const Y2026: TargetContext = { year: 2026, period: null }
const Y2025: TargetContext = { year: 2025, period: null }

/** The targets of the last paragraph, the scope carried from the paragraphs before it. */
function lastParagraph(paragraphs: string[], context: TargetContext): TargetDraft[] {
  let scope = context.scope ?? null
  for (const p of paragraphs.slice(0, -1)) scope = readTimeScope(p, { ...context, scope })
  return extractTargets(paragraphs[paragraphs.length - 1] as string, { ...context, scope })
}

describe('the goals of the year: planned, with their kind, direction and family', () => {
  const goals = extractTargets(
    // 2026年河南省政府工作报告
    '主要预期目标是：经济增长5%左右、在实际工作中努力争取更好结果，规上工业增加值增长6.5%左右，城镇调查失业率5.5%左右，城镇新增就业110万人以上，居民消费价格涨幅2%左右，居民收入增长与经济增长同步，粮食产量1300亿斤以上',
    Y2026,
  )
  it.each<[number, Expect]>([
    [0, { text: '5%左右', kind: 'growth', direction: 'increase', metricFamily: 'gdp', comparator: 'approx' }],
    [1, { metric: '规上工业增加值', metricFamily: 'industrial-value-added', kind: 'growth' }],
    [2, { metricFamily: 'unemployment-rate', kind: 'share', direction: null }],
    // 新增 inside the indicator's name: 城镇新增就业, not 就业
    [3, { metric: '城镇新增就业', metricFamily: 'new-urban-jobs', kind: 'increment', comparator: '>=' }],
    // 涨幅 is a rate of change, not a share
    [4, { metric: '居民消费价格涨幅', metricFamily: 'cpi', kind: 'growth', direction: 'increase' }],
    [
      5,
      { unit: '亿斤', comparator: '>=', kind: 'level', metricFamily: 'grain-output', normalizedUnit: '吨' },
    ],
  ])('figure %i: %o', (k, expected) => {
    expect(goals).toHaveLength(6)
    expect(goals[k]).toMatchObject({ status: 'planned', year: 2026, yearFrom: null, ...expected })
  })
})

describe('the issue’s sentences of national work reports', () => {
  it('reads a fall as a fall: 单位国内生产总值能耗下降3%左右 is −3, not +3', () => {
    expect(extractTargets('单位国内生产总值能耗下降3%左右', Y2025)).toMatchObject([
      {
        value: 3,
        normalized: -3,
        comparator: 'approx',
        kind: 'growth',
        direction: 'decrease',
        metric: '单位国内生产总值能耗',
        metricFamily: 'energy-intensity',
        referenceYear: 2024,
      },
    ])
  })

  it('keeps 万亿斤 and 以上 of 粮食产量1.3万亿斤以上', () => {
    expect(extractTargets('粮食产量1.3万亿斤以上', Y2025)).toMatchObject([
      { value: 1.3, unit: '万亿斤', comparator: '>=', normalized: 650000000, metric: '粮食产量' },
    ])
  })

  it('reads 居民消费价格涨幅3%左右 as a growth', () => {
    expect(extractTargets('居民消费价格涨幅3%左右', Y2025)[0]).toMatchObject({
      kind: 'growth',
      metricFamily: 'cpi',
    })
  })

  it('reads the review of the past year as results: 全年国内生产总值增长3%, 年末城镇调查失业率降到5.5%', () => {
    const scope = readTimeScope('一、2022年工作回顾', { year: 2023, period: null })
    expect(scope).toEqual({ status: 'achieved', year: 2022, yearFrom: null })
    expect(
      extractTargets('全年国内生产总值增长3%，年末城镇调查失业率降到5.5%。', {
        year: 2023,
        period: null,
        scope,
      }),
    ).toMatchObject([
      { status: 'achieved', year: 2022, kind: 'growth', metricFamily: 'gdp' },
      {
        status: 'achieved',
        year: 2022,
        kind: 'share',
        direction: 'decrease',
        metricFamily: 'unemployment-rate',
      },
    ])
  })

  it('reads the same 全年 in the goals as the year planned', () => {
    expect(extractTargets('全年国内生产总值增长5%左右', { year: 2023, period: null })[0]).toMatchObject({
      status: 'planned',
      year: 2023,
    })
  })
})

describe('the time a paragraph opens carries to the paragraphs after it', () => {
  it('刚刚过去的2025年: the results of 2025', () => {
    // 2026年江苏省政府工作报告
    const got = extractTargets(
      '各位代表，刚刚过去的2025年，在以习近平同志为核心的党中央坚强领导下，全省上下着力稳就业、稳企业、稳市场、稳预期，经济运行总体平稳、稳中有进，地区生产总值增长5.3%、增量保持全国第一，规上工业增加值、规上服务业营收分别增长6.5%和7%，社会消费品零售总额达4.64万亿元，进出口总额5.95万亿元、增长6%。',
      Y2026,
    )
    expect(got.map((t) => [t.text, t.status, t.year, t.kind, t.metricFamily])).toEqual([
      ['5.3%', 'achieved', 2025, 'growth', 'gdp'],
      // 分别 gives each figure the name it measures
      ['6.5%', 'achieved', 2025, 'growth', 'industrial-value-added'],
      ['7%', 'achieved', 2025, 'growth', null],
      // 达 in a result is what was reached, not a floor
      ['达4.64万亿元', 'achieved', 2025, 'level', 'retail-sales'],
      ['5.95万亿元', 'achieved', 2025, 'level', 'foreign-trade'],
      ['6%', 'achieved', 2025, 'growth', 'foreign-trade'],
    ])
    expect(got[1]?.metric).toBe('规上工业增加值')
    expect(got[2]?.metric).toBe('规上服务业营收')
    expect(got[3]?.comparator).toBe('=')
  })

  it('过去的五年: flows and rates of the five years, stocks at the end of them', () => {
    // 2026年河南省政府工作报告: the opening paragraph, then one of the paragraphs after it
    const got = lastParagraph(
      [
        '过去的五年极不寻常。在省委坚强领导下，我们坚持以习近平新时代中国特色社会主义思想为指导。',
        '民生福祉不断增进。持续推动“高效办成一件事”，城镇新增就业603.7万人，新增农村劳动力转移就业246.2万人，城乡居民人均可支配收入年均增长6%。',
      ],
      Y2026,
    )
    expect(got.map((t) => [t.text, t.status, t.year, t.yearFrom, t.kind])).toEqual([
      ['603.7万人', 'achieved', 2025, 2021, 'increment'],
      ['246.2万人', 'achieved', 2025, 2021, 'increment'],
      ['6%', 'achieved', 2025, 2021, 'growth'],
    ])
    expect(got[2]?.referenceYear).toBe(2020)
  })

  it('2025年是“十四五”收官之年。五年来: the period, even when it opens in the second sentence', () => {
    // 2026年山东省政府工作报告
    const got = lastParagraph(
      [
        '各位代表！2025年是“十四五”收官之年。五年来，我们牢记嘱托、感恩奋进。',
        '——经济综合实力实现新跃升。全省地区生产总值年均增长5.9%、高于全国0.5个百分点；经济总量连续跨过3个万亿元大关，占全国比重由2020年的7.2%提升至7.4%，在北方地区占比由20.5%提升至21.1%；人均生产总值由7.34万元提升至10.26万元。',
      ],
      Y2026,
    )
    // 跨过3个万亿元大关 (three thresholds passed) are read too; the figures of the shares and income:
    const figures = got.filter((t) => /[%元]|百分点/u.test(t.unit) && t.text !== '万亿元')
    expect(figures.map((t) => [t.text, t.status, t.year, t.yearFrom, t.kind])).toEqual([
      ['5.9%', 'achieved', 2025, 2021, 'growth'],
      // 高于全国0.5个百分点: the difference of the rate before, measured the same way
      ['0.5个百分点', 'achieved', 2025, 2021, 'growth'],
      // 由2020年的7.2%提升至7.4%: where the change starts, and where it got
      ['7.2%', 'baseline', 2020, null, 'share'],
      ['7.4%', 'achieved', 2025, null, 'share'],
      ['20.5%', 'baseline', 2020, null, 'share'],
      ['21.1%', 'achieved', 2025, null, 'share'],
      ['7.34万元', 'baseline', 2020, null, 'level'],
      ['10.26万元', 'achieved', 2025, null, 'level'],
    ])
    expect(figures[0]?.metricFamily).toBe('gdp')
    expect(figures[1]?.metricFamily).toBe('gdp')
    expect(figures[6]?.metricFamily).toBe('gdp-per-capita')
    expect(figures[7]?.direction).toBe('increase')
  })

  it('“十五五”时期: the goals of the next plan, due in 2030', () => {
    const got = lastParagraph(
      [
        '“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期。',
        '——坚持扩大有效需求，融入服务全国统一大市场建设。着力破除阻碍全国统一大市场卡点堵点，努力提高经济循环质量和效率，经济年均增长5%左右。',
      ],
      Y2026,
    )
    expect(got).toMatchObject([
      {
        status: 'planned',
        year: 2030,
        yearFrom: 2026,
        referenceYear: 2025,
        metric: '经济增长',
        metricFamily: 'gdp',
      },
    ])
  })

  it('预计 makes an estimate', () => {
    // 2025年山东省政府工作报告
    const got = extractTargets(
      '高新技术企业突破3.5万家，科技型中小企业达5万家，高新技术产业产值占比预计提高1.5个百分点左右',
      { ...Y2025, scope: { status: 'achieved', year: 2024, yearFrom: null } },
    )
    expect(got.map((t) => [t.text, t.status, t.year])).toEqual([
      ['突破3.5万家', 'achieved', 2024],
      ['达5万家', 'achieved', 2024],
      ['1.5个百分点左右', 'estimate', 2024],
    ])
  })

  it('较“十三五”末 is where a change starts, not when the figure was reached', () => {
    // 2026年江苏省政府工作报告, in its review of the five years
    const got = extractTargets('PM2.5年均浓度较“十三五”末改善16.5%，连续5年达国家二级标准。', {
      ...Y2026,
      scope: { status: 'achieved', year: 2025, yearFrom: 2021 },
    })
    expect(got[0]).toMatchObject({ text: '16.5%', status: 'achieved', year: 2025, metricFamily: 'pm25' })
  })

  it('争取 in a review is money obtained, not a target', () => {
    // 2026年河南省政府工作报告, a section of the review
    const got = extractTargets('认真落实中央出台的一揽子增量政策和存量政策，争取国家政策性资金超千亿元', {
      ...Y2026,
      scope: { status: 'achieved', year: 2025, yearFrom: null },
    })
    expect(got[0]).toMatchObject({ status: 'achieved', year: 2025 })
  })
})

describe('the part of the document, from the parser or from the section titles', () => {
  const figure = '地区生产总值增长5.6%'
  it.each<[string, Partial<TargetContext>, Expect]>([
    ['a review (role)', { role: 'review' }, { status: 'achieved', year: 2025 }],
    ['the goals (role)', { role: 'goals' }, { status: 'planned', year: 2026 }],
    [
      'a review (title)',
      { sectionPath: ['“十四五”时期和2025年工作回顾', '（一）着力稳经济'] },
      { status: 'achieved', year: 2025 },
    ],
    ['the tasks (title)', { sectionPath: ['2026年重点工作'] }, { status: 'planned', year: 2026 }],
    [
      'a title that names no part',
      { sectionPath: ['全力促进经济平稳健康发展'] },
      { status: 'planned', year: 2026 },
    ],
    // the parser's role wins over a scope carried in from the text before
    [
      'the tasks (role) after a review',
      { role: 'tasks', scope: { status: 'achieved', year: 2025, yearFrom: null } },
      { status: 'planned', year: 2026 },
    ],
  ])('%s', (_, context, expected) => {
    expect(extractTargets(figure, { ...Y2026, ...context })[0]).toMatchObject(expected)
  })

  it('reads headings wherever they are: a heading line inside a text sets the part for what follows', () => {
    const got = extractTargets(
      '一、2025年工作回顾\n全市生产总值增长5.4%。\n三、2026年主要任务\n新建5G基站3200个。',
      Y2026,
    )
    expect(got.map((t) => [t.status, t.year])).toEqual([
      ['achieved', 2025],
      ['planned', 2026],
    ])
  })
})

describe('stocks and flows', () => {
  it.each([
    ['加快5G(第五代移动通信系统)试验网建设,建成5G基站3000个以上。', 'level'],
    ['加快5G基础设施建设,新建5G基站3200个。', 'increment'],
  ])('%s is a %s', (text, kind) => {
    expect(extractTargets(text, Y2025)[0]).toMatchObject({ kind, metricFamily: '5g-base-stations' })
  })
})

describe.skipIf(!hasCorpus)(
  `figures of work reports, hand-labelled (held-out documents)${corpusSkipReason}`,
  () => {
    const fixture = readWorkReportFixture()

    it('is large and spread: 150+ figures of 6+ reports of different provinces, goals and reviews', () => {
      const test = fixture.figures.filter((f) => fixture.documents[f.file]?.split === 'test')
      expect(test.length).toBeGreaterThanOrEqual(150)
      const places = new Set(test.map((f) => f.file.replace(/^[^/]+\/\d+_/, '').replace(/_.*$/, '')))
      expect(places.size).toBeGreaterThanOrEqual(6)
      expect(test.filter((f) => f.part === 'goals').length).toBeGreaterThanOrEqual(50)
      expect(test.filter((f) => f.part === 'review').length).toBeGreaterThanOrEqual(100)
    })

    // The extract stage over each report's paragraphs in order (every paragraph an item).
    const paragraphs = measure(readWorkReports('paragraphs', 'test'))

    it('finds the main targets with value, range, unit and comparator right (aim ≥ 95%)', () => {
      expect(paragraphs.mainTargetsRight).toBeGreaterThanOrEqual(0.95)
    })

    it('outputs almost no past result as planned (aim ≤ 5%)', () => {
      expect(paragraphs.resultsFound).toBeGreaterThanOrEqual(150)
      expect(paragraphs.resultsAsPlanned).toBeLessThanOrEqual(0.05)
    })

    it('agrees with the reading on the other fields of most figures', () => {
      expect(paragraphs.found).toBeGreaterThanOrEqual(0.95)
      expect(paragraphs.status).toBeGreaterThanOrEqual(0.95)
      expect(paragraphs.year).toBeGreaterThanOrEqual(0.95)
      expect(paragraphs.family).toBeGreaterThanOrEqual(0.9)
      expect(paragraphs.kind).toBeGreaterThanOrEqual(0.85)
    })

    it('through readDocument, reads what the parse puts in items as well', () => {
      const pipeline = measure(readWorkReports('pipeline', 'test'))
      expect(pipeline.resultsAsPlanned).toBeLessThanOrEqual(0.05)
      expect(pipeline.status).toBeGreaterThanOrEqual(0.95)
    })
  },
)
