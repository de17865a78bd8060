import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractTargets, parseFlattenedTable, type TargetContext, type TargetDraft } from '../src/extract'

/** What the pipeline's normalizer does before the extract stage, one character for one. */
function normalizeLike(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ（）％．＋]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

const Y2019: TargetContext = { year: 2019, period: { from: 2019, to: 2019 } }
const Y2022: TargetContext = { year: 2022, period: { from: 2022, to: 2022 } }
const Y2025: TargetContext = { year: 2025, period: { from: 2025, to: 2025 } }
const PLAN_14: TargetContext = { year: 2022, period: { from: 2021, to: 2025 } }

type Expect = Partial<Omit<TargetDraft, 'span'>>

describe('extractTargets on real snippets', () => {
  const cases: Array<[string, TargetContext, Expect[]]> = [
    [
      '加快5G(第五代移动通信系统)试验网建设,建成5G基站3000个以上。',
      Y2019,
      [
        {
          text: '3000个以上',
          value: 3000,
          unit: '个',
          normalized: 3000,
          normalizedUnit: '个',
          comparator: '>=',
          kind: 'level',
          year: 2019,
          metric: '5G基站',
          metricFamily: '5g-base-stations',
        },
      ],
    ],
    [
      '全面建成政务数据汇聚共享平台,实现与省级平台互联互通,每月共享服务30万次以上,可共享资源数据超过10亿条。',
      Y2019,
      [
        {
          text: '30万次以上',
          value: 30,
          unit: '万次',
          normalized: 300000,
          normalizedUnit: '次',
          comparator: '>=',
          kind: 'level',
          metric: '每月共享服务',
        },
        {
          text: '超过10亿条',
          value: 10,
          unit: '亿条',
          normalized: 1e9,
          normalizedUnit: '条',
          comparator: '>',
          kind: 'level',
          metric: '可共享资源数据',
          metricFamily: 'data-records',
        },
      ],
    ],
    [
      '进一步提升网上办事大厅智能化水平,市、县两级审批服务事项网上可办率不低于90%。',
      Y2019,
      [
        {
          text: '不低于90%',
          value: 90,
          unit: '%',
          normalized: 90,
          comparator: '>=',
          kind: 'share',
          metric: '审批服务事项网上可办率',
          metricFamily: 'online-service-rate',
        },
      ],
    ],
    [
      '计划新开工“数字福州”建设电子政务类项目50项以上',
      Y2019,
      [
        {
          text: '50项以上',
          value: 50,
          unit: '项',
          comparator: '>=',
          kind: 'increment',
          metric: '数字福州建设电子政务类项目',
        },
      ],
    ],
    [
      '加快5G基础设施建设,力争每万人5G基站数突破40个,新建5G基站3200个、工业互联网标识解析注册量2000万个。',
      Y2025,
      [
        {
          text: '突破40个',
          value: 40,
          comparator: '>',
          kind: 'level',
          year: 2025,
          metric: '每万人5G基站数',
          metricFamily: '5g-density',
        },
        {
          text: '3200个',
          value: 3200,
          comparator: '=',
          kind: 'increment',
          metric: '5G基站',
          metricFamily: '5g-base-stations',
        },
        {
          text: '2000万个',
          value: 2000,
          unit: '万个',
          normalized: 2e7,
          normalizedUnit: '个',
          metricFamily: 'industrial-internet-identifiers',
        },
      ],
    ],
    [
      '加强全市公共数据归集治理,实现公共数据储备量超150亿条,比增超20%。',
      Y2025,
      [
        {
          text: '超150亿条',
          value: 150,
          unit: '亿条',
          normalized: 1.5e10,
          normalizedUnit: '条',
          comparator: '>',
          kind: 'level',
          metric: '公共数据储备量',
          metricFamily: 'data-records',
        },
        {
          text: '超20%',
          value: 20,
          unit: '%',
          comparator: '>',
          kind: 'growth',
          metric: '公共数据储备量增速',
        },
      ],
    ],
    [
      '用好1.5亿元的中央财政资金,市级财政给予1:1配套,用于支持工业数字化转型。',
      Y2025,
      [
        {
          text: '1.5亿元',
          value: 1.5,
          unit: '亿元',
          normalized: 150000000,
          normalizedUnit: '元',
          comparator: '=',
          kind: 'level',
          metric: '中央财政资金',
        },
        { text: '1:1', value: 1, unit: ':', normalizedUnit: ':', kind: 'share', metric: '市级财政配套' },
      ],
    ],
    [
      '力争到2025年底完成试点细分行业中小企业数字化改造530家。',
      Y2025,
      [{ text: '530家', value: 530, unit: '家', comparator: '=', kind: 'increment', year: 2025 }],
    ],
    [
      '推广福大自动化IAP 工业互联网通用平台,培育1-2 个工业互联网行业示范平台。',
      PLAN_14,
      [
        {
          text: '1-2 个',
          value: 1,
          valueMax: 2,
          unit: '个',
          normalized: 1,
          normalizedMax: 2,
          comparator: 'range',
          kind: 'increment',
          year: 2025,
          metric: '工业互联网行业示范平台',
        },
      ],
    ],
    [
      '目前全区已建成5G基站1390个,约占全市20%,数量位居全市各县(市、区)第一。',
      PLAN_14,
      [
        {
          text: '1390个',
          value: 1390,
          kind: 'level',
          status: 'achieved',
          year: 2022,
          comparator: '=',
          metric: '5G基站',
        },
        {
          text: '约占全市20%',
          value: 20,
          unit: '%',
          kind: 'share',
          status: 'achieved',
          comparator: 'approx',
          metric: '5G基站占全市比重',
        },
      ],
    ],
    [
      '2020年,我区数字经济总量达到423.19亿元,约占GDP的46.9%,高于福州两个百分点。',
      PLAN_14,
      [
        {
          text: '达到423.19亿元',
          value: 423.19,
          normalized: 42319000000,
          kind: 'level',
          status: 'achieved',
          year: 2020,
          comparator: '=',
          metric: '数字经济总量',
          metricFamily: 'digital-economy-scale',
        },
        {
          text: '约占GDP的46.9%',
          value: 46.9,
          kind: 'share',
          status: 'achieved',
          year: 2020,
          comparator: 'approx',
          metric: '数字经济总量占GDP比重',
        },
        {
          text: '两个百分点',
          value: 2,
          unit: '个百分点',
          normalizedUnit: '个百分点',
          status: 'achieved',
          year: 2020,
          comparator: '=',
        },
      ],
    ],
    [
      '“十四五”期间,智能产业增加值年均增长率超过13%。到2025年,仓山区智能产业规模突破700亿元,占地区生产总值的比重超过50%。',
      PLAN_14,
      [
        {
          text: '超过13%',
          comparator: '>',
          kind: 'growth',
          year: 2025,
          metric: '智能产业增加值年均增长率',
          metricFamily: 'smart-industry-growth',
        },
        {
          text: '突破700亿元',
          normalized: 70000000000,
          comparator: '>',
          kind: 'level',
          year: 2025,
          metric: '智能产业规模',
        },
        {
          text: '超过50%',
          comparator: '>',
          kind: 'share',
          year: 2025,
          metric: '智能产业规模占地区生产总值比重',
          metricFamily: 'gdp-share',
        },
      ],
    ],
    [
      '每月上报信用数据近万条',
      PLAN_14,
      [{ text: '近万条', value: 1, unit: '万条', normalized: 10000, comparator: 'approx' }],
    ],
    [
      '5年来落地500多个智能产业项目',
      PLAN_14,
      [
        {
          text: '500多个',
          value: 500,
          comparator: '>',
          kind: 'increment',
          status: 'achieved',
          year: 2021,
          yearFrom: 2017,
          metric: '智能产业项目',
        },
      ],
    ],
    [
      '对智能产业项目,单个项目最高不超过1亿元。',
      PLAN_14,
      [{ text: '最高不超过1亿元', normalized: 1e8, comparator: '<=' }],
    ],
    [
      '对符合条件的融资担保公司按照最高不超过年担保额的1.5%给予补助。',
      PLAN_14,
      [{ text: '最高不超过年担保额的1.5%', value: 1.5, comparator: '<=', kind: 'share' }],
    ],
    [
      '到2019年底,100M以上用户占比超80%,4G用户占比超85%。',
      Y2019,
      [
        { text: '超80%', comparator: '>' },
        { text: '超85%', metric: '4G用户占比' },
      ],
    ],
    [
      '年内完成福州市数联网试点任务60%以上',
      Y2025,
      [{ text: '60%以上', kind: 'share', year: 2025, metric: '数联网试点任务' }],
    ],
    [
      '力争2022年新建5G基站1万个、5G虚拟专网50个。',
      Y2022,
      [
        { value: 1, unit: '万个', normalized: 10000, kind: 'increment', year: 2022 },
        { value: 50, kind: 'increment', metric: '5G虚拟专网' },
      ],
    ],
    [
      '在3所特殊教育学校、10所农村中小学试点探索教育数字化。',
      Y2025,
      [
        { text: '3所', metric: '特殊教育学校' },
        { text: '10所', metric: '农村中小学' },
      ],
    ],
    [
      '对全市31个国省控空气自动监测站点数据,339 家重点排污单位580个监控点位数据进行数据清洗',
      Y2025,
      [
        { text: '31个' },
        { text: '339 家', value: 339, unit: '家' },
        { text: '580个', metric: '监控点位数据' },
      ],
    ],
    [
      '实现福州新区智能网联新型基础设施覆盖120平方公里',
      Y2025,
      [{ text: '120平方公里', unit: '平方公里', kind: 'level' }],
    ],
    [
      '聚焦智能终端等应用,打造物联网千亿元产业集群。',
      Y2019,
      [{ text: '千亿元', value: 1000, unit: '亿元', normalized: 1e11, kind: 'level' }],
    ],
  ]
  it.each(cases)('reads %s', (text, context, expected) => {
    const got = extractTargets(normalizeLike(text), context)
    expect(got).toHaveLength(expected.length)
    expected.forEach((e, k) => {
      const t = got[k] as TargetDraft
      expect(t).toMatchObject(e)
      expect(text.slice(t.span[0], t.span[1])).toBe(t.text)
    })
  })
})

describe('extractTargets on the forms of numbers, units and comparators', () => {
  const cases: Array<[string, Expect]> = [
    ['新建三千个5G基站', { value: 3000, unit: '个', normalized: 3000, kind: 'increment' }],
    ['引进两家龙头企业', { value: 2, unit: '家', kind: 'increment' }],
    ['培育十五家专精特新企业', { value: 15, unit: '家' }],
    ['新增用户1.5万人', { value: 1.5, unit: '万人', normalized: 15000, normalizedUnit: '人' }],
    [
      '网上办理率达到百分之二十',
      { text: '达到百分之二十', value: 20, unit: '%', comparator: '>=', kind: 'share' },
    ],
    ['约占全市五分之一', { value: 20, unit: '%', normalized: 20, normalizedUnit: '%', comparator: 'approx' }],
    ['约占全市1/5', { value: 20, unit: '%', normalized: 20, normalizedUnit: '%', kind: 'share' }],
    ['数据存储容量达到10PB', { value: 10, unit: 'PB', normalized: 1e16, normalizedUnit: 'B', kind: 'level' }],
    ['新增存储3.5 TB', { value: 3.5, unit: 'TB', normalized: 3.5e12, normalizedUnit: 'B' }],
    ['审批时限压缩至3个工作日以内', { value: 3, unit: '个工作日', comparator: '<=' }],
    ['办结时间控制在5天内', { value: 5, unit: '天', comparator: '<=' }],
    [
      '单个项目补助1000万元以上1500万元以下',
      {
        value: 1000,
        valueMax: 1500,
        unit: '万元',
        normalized: 1e7,
        normalizedMax: 1.5e7,
        comparator: 'range',
      },
    ],
    ['建设3-5个示范园区', { value: 3, valueMax: 5, comparator: 'range', kind: 'increment' }],
    ['培育3至5家链主企业', { value: 3, valueMax: 5, unit: '家', comparator: 'range' }],
    ['不满50家的园区', { value: 50, comparator: '<' }],
    ['低于5%', { value: 5, comparator: '<' }],
    ['新增10个左右', { value: 10, comparator: 'approx' }],
    ['引进200余家企业', { value: 200, comparator: '>' }],
    ['软件业务收入1,460亿元', { value: 1460, unit: '亿元', normalized: 146000000000 }],
    ['年均增长10%以上', { value: 10, comparator: '>=', kind: 'growth' }],
    ['年均提高0.6个百分点', { value: 0.6, unit: '个百分点', normalizedUnit: '个百分点', kind: 'growth' }],
    ['政务服务事项全程网办率提高到95%', { value: 95, kind: 'share' }],
    ['单位GDP能耗下降13.5%', { value: 13.5, kind: 'growth' }],
    ['数据中心上架率不超过60%', { comparator: '<=' }],
    [
      '智能算力达到200PFLOPS',
      { value: 200, unit: 'PFLOPS', normalized: 2e17, normalizedUnit: 'FLOPS', metricFamily: 'compute' },
    ],
    ['新增上百家企业上云', { value: 100, unit: '家', normalized: 100, comparator: '>' }],
    ['到2025年,5G基站总数达到1.2万个', { value: 1.2, unit: '万个', kind: 'level', year: 2025 }],
    ['2025年底前建成10个智慧社区', { value: 10, year: 2025, kind: 'level' }],
    ['明年新增20个场景', { year: 2023 }],
    ['截至2021年底已建成数据中心8个', { kind: 'level', status: 'achieved', year: 2021 }],
    ['十三五期间累计建成5G基站900个', { kind: 'level', status: 'achieved', year: 2020, yearFrom: null }],
    ['二〇二五年建成50个', { year: 2025 }],
    [
      '单位GDP能耗比2020年下降13.5%',
      {
        kind: 'growth',
        direction: 'decrease',
        value: 13.5,
        normalized: -13.5,
        year: 2022,
        referenceYear: 2020,
        metric: '单位GDP能耗',
        metricFamily: 'energy-intensity',
      },
    ],
    // A fall of at least 50%: on the signed value, at most −50.
    [
      '办理时限压缩50%以上',
      { kind: 'growth', direction: 'decrease', value: 50, normalized: -50, comparator: '<=' },
    ],
    [
      '全省一体化政务服务平台实名注册用户超过4000万',
      { value: 4000, unit: '万', normalized: 4e7, normalizedUnit: '', kind: 'level' },
    ],
    ['培育100家以上大数据骨干企业', { comparator: '>=', kind: 'increment', metric: '大数据骨干企业' }],
  ]
  it.each(cases)('reads %s', (text, expected) => {
    const got = extractTargets(text, Y2022)
    expect(got).toHaveLength(1)
    expect(got[0]).toMatchObject(expected)
  })
})

describe('extractTargets leaves out what is not a target', () => {
  it.each([
    ['精心办好第二届数字中国建设峰会'],
    ['“十四五”时期是关键时期'],
    ['做大做优12345便民服务平台'],
    ['加快5G(第五代移动通信系统)试验网建设'],
    ['拓展“1+4+N”数字教育生态体系'],
    ['推行24小时自助服务区和“15分钟便民服务圈”'],
    ['全面实施《数字福州建设三年行动计划(2018-2020年)》关键之年'],
    ['近日,福州市制订工作要点,从五大方面28项细则开展数字福州建设工作。'],
    ['从数字政府、数字经济6个方面提出38项重点任务'],
    ['推动针织、棉纺、电子、汽配四个试点行业企业“应改尽改”'],
    ['从促进品牌建设、助力企业融资等四个方面提升综合实力'],
    ['构建一张网,打造一批示范项目,办成一件事'],
    ['拓展国际贸易“单一窗口”3.0,实现一站式办理'],
    ['推动IPv6规模部署,发展B2B电子商务'],
    ['福建省人民政府办公厅2019年3月20日'],
    ['每万人口拥有量'],
    ['依托百度云(福州)AI实验室,千方百计引进人才'],
    ['推进“5G+8K”创新应用,3D打印'],
    ['重点工程1:城市感知元和行动元建设工程'],
    ['表1 “十四五”时期智能仓山建设量化目标'],
    ['推进福顺微电子4-6寸集成电路芯片项目'],
    ['发布时间: 2022-04-21 10:36'],
    ['践行“三个贴近”,实行三位一体'],
    ['数量位居全市第一,累计上报量排名全市第二'],
  ])('finds nothing in %s', (text) => {
    expect(extractTargets(text, Y2022)).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------------
// The gold fixture: every target and result of the five seeds, labelled by reading.

interface GoldTarget extends Expect {
  doc: keyof typeof CONTEXTS
  passage: string
  occurrence?: number
  /** Offset of `text` in `passage` when it occurs there more than once. */
  at?: number
  text: string
}

const CONTEXTS = {
  'fujian-2019': Y2019,
  'fuzhou-2019': Y2019,
  'fuzhou-2025': Y2025,
  'xiamen-2022': Y2022,
  'cangshan-2022': PLAN_14,
} as const

const gold = JSON.parse(readFileSync(new URL('./fixtures/targets-gold.json', import.meta.url), 'utf8')) as {
  targets: GoldTarget[]
}
const seeds = Object.fromEntries(
  Object.keys(CONTEXTS).map((id) => [
    id,
    normalizeLike(readFileSync(new URL(`../seeds/${id}.txt`, import.meta.url), 'utf8')),
  ]),
) as Record<keyof typeof CONTEXTS, string>

function nthIndexOf(text: string, passage: string, occurrence = 0): number {
  let at = text.indexOf(passage)
  for (let k = 0; k < occurrence && at >= 0; k++) at = text.indexOf(passage, at + 1)
  return at
}

/** Gold spans in the seed, and the extractor's targets over every line outside the table 表1. */
function evaluate() {
  const goldSpans = gold.targets.map((g) => {
    const at = nthIndexOf(seeds[g.doc], normalizeLike(g.passage), g.occurrence ?? 0)
    const start = at + (g.at ?? normalizeLike(g.passage).indexOf(normalizeLike(g.text)))
    return { g, doc: g.doc, span: [start, start + g.text.length] as [number, number] }
  })
  const found: Array<{ doc: string; t: TargetDraft; span: [number, number] }> = []
  for (const [doc, context] of Object.entries(CONTEXTS)) {
    const text = seeds[doc as keyof typeof CONTEXTS]
    const tableAt = text.indexOf('表1 ')
    const table = tableAt >= 0 ? parseFlattenedTable(text, text.lastIndexOf('\n', tableAt) + 1) : null
    let offset = 0
    for (const line of text.split('\n')) {
      if (!(table && offset >= table.span[0] && offset < table.span[1])) {
        for (const t of extractTargets(line, context)) {
          found.push({ doc, t, span: [offset + t.span[0], offset + t.span[1]] })
        }
      }
      offset += line.length + 1
    }
  }
  const pairs: Array<{ g: GoldTarget; t: TargetDraft }> = []
  const used = new Set<number>()
  for (const gs of goldSpans) {
    const k = found.findIndex(
      (f, j) =>
        !used.has(j) &&
        f.doc === gs.doc &&
        f.span[0] < gs.span[1] &&
        f.span[1] > gs.span[0] &&
        Math.abs(f.t.normalized - (gs.g.normalized as number)) <=
          1e-9 * Math.max(1, Math.abs(f.t.normalized)),
    )
    if (k >= 0) {
      used.add(k)
      pairs.push({ g: gs.g, t: (found[k] as (typeof found)[number]).t })
    }
  }
  return { goldSpans, found, pairs }
}

describe('extractTargets on the seeds, against the gold fixture', () => {
  const { goldSpans, found, pairs } = evaluate()

  it('locates every gold passage and figure in its seed', () => {
    for (const { g, span } of goldSpans) {
      expect(span[0], `${g.doc}: ${g.passage}`).toBeGreaterThanOrEqual(0)
      expect(seeds[g.doc].slice(span[0], span[1])).toBe(normalizeLike(g.text))
    }
  })

  it('has a large fixture', () => {
    expect(gold.targets.length).toBeGreaterThanOrEqual(140)
  })

  it('finds the targets with precision and recall of at least 0.95', () => {
    const precision = pairs.length / found.length
    const recall = pairs.length / gold.targets.length
    expect(recall).toBeGreaterThanOrEqual(0.95)
    expect(precision).toBeGreaterThanOrEqual(0.95)
  })

  it.each(gold.targets.map((g) => [`${g.doc}: ${g.text} in ${g.passage.slice(0, 40)}`, g] as const))(
    'reads the figure exactly: %s',
    (_, g) => {
      const pair = pairs.find((p) => p.g === g)
      expect(pair, 'found').toBeDefined()
      const t = (pair as { t: TargetDraft }).t
      expect(normalizeLike(t.text)).toBe(normalizeLike(g.text))
      expect({
        value: t.value,
        valueMax: t.valueMax,
        unit: t.unit,
        normalized: t.normalized,
        normalizedUnit: t.normalizedUnit,
        comparator: t.comparator,
      }).toEqual({
        value: g.value,
        valueMax: g.valueMax ?? null,
        unit: g.unit,
        normalized: g.normalized,
        normalizedUnit: g.normalizedUnit,
        comparator: g.comparator,
      })
    },
  )

  it('agrees with the reading on status, kind, year, metric and family for most figures', () => {
    const rate = (field: 'status' | 'kind' | 'year' | 'metric' | 'metricFamily') =>
      pairs.filter((p) => p.t[field] === p.g[field]).length / pairs.length
    expect(rate('status')).toBeGreaterThanOrEqual(0.99)
    expect(rate('kind')).toBeGreaterThanOrEqual(0.95)
    expect(rate('year')).toBeGreaterThanOrEqual(0.97)
    expect(rate('metric')).toBeGreaterThanOrEqual(0.93)
    expect(rate('metricFamily')).toBeGreaterThanOrEqual(0.95)
  })
})
