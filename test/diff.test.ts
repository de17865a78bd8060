import { beforeAll, describe, expect, it } from 'vitest'
import {
  buildDiffs,
  buildTrajectories,
  cleanupDiff,
  compareTargets,
  diffItems,
  diffOverlap,
  diffSide,
  diffTargets,
  diffWords,
  indexItems,
  orderThread,
} from '../src/diff/index.js'
import { createSegmenter, type Segmenter } from '../src/lexicon/index.js'
import type { DiffPart } from '../src/model/report.js'
import { ItemDiff, Trajectory } from '../src/model/report.js'
import { loadCorpus } from '../src/pipeline/index.js'
import { fakeSegmenter, makeDocument, makeItem, makeLink, makeTarget } from './helpers/records.js'

/** A diff written as wdiff: [-removed-]{+added+}. */
function wdiff(parts: DiffPart[]): string {
  return parts
    .map((p) => (p.op === 'same' ? p.text : p.op === 'removed' ? `[-${p.text}-]` : `{+${p.text}+}`))
    .join('')
}

describe('word diffs', () => {
  let jieba: Segmenter
  beforeAll(() => {
    jieba = createSegmenter()
  })

  it.each([
    // [first, second, expected wdiff]
    ['推进数字福建建设。', '推进数字福州建设。', '推进[-数字福建-]{+数字福州+}建设。'],
    ['加快5G网络建设。', '加快5G网络建设,推动IPv6规模部署。', '加快5G网络建设{+,推动IPv6规模部署+}。'],
    ['编制发展规划', '编制发展计划', '编制发展[-规划-]{+计划+}'],
  ])('diffs %s against %s word by word, not character by character', (a, b, expected) => {
    expect(wdiff(diffWords(a, b, jieba))).toBe(expected)
  })

  it('keeps punctuation tokens, so that each side reads back as its text', () => {
    const a =
      '加快5G(第五代移动通信系统)试验网建设,建成5G基站3000个以上。加强国家级互联网骨干直联点监测管理。'
    const b = '深入推进“信号升格”“宽带边疆”等5G专项建设行动,加快5G基础设施建设,新建5G基站3200个。'
    const parts = diffWords(a, b, jieba)
    expect(diffSide(parts, 'from')).toBe(a)
    expect(diffSide(parts, 'to')).toBe(b)
    expect(parts.some((p) => p.op === 'same' && p.text.includes('5G基站'))).toBe(true)
  })

  it('reads full-width and half-width forms as the same word, showing the second form', () => {
    const segmenter = fakeSegmenter(['５Ｇ', '5G', '基站'])
    expect(diffWords('建设５Ｇ基站', '建设5G基站', segmenter)).toEqual([{ op: 'same', text: '建设5G基站' }])
  })

  it('puts the removed run before the added one within a change', () => {
    const parts = diffWords('甲乙丙', '甲丁丙', fakeSegmenter([]), { cleanup: false })
    expect(parts.map((p) => p.op)).toEqual(['same', 'removed', 'added', 'same'])
  })

  it('folds a lone shared character between two changes into them (cleanup)', () => {
    const segmenter = fakeSegmenter(['建设', '打造', '平台', '中心'])
    const raw = diffWords('建设的平台', '打造的中心', segmenter, { cleanup: false })
    expect(wdiff(raw)).toBe('[-建设-]{+打造+}的[-平台-]{+中心+}')
    expect(wdiff(cleanupDiff(raw))).toBe('[-建设的平台-]{+打造的中心+}')
  })

  it('keeps a shared word of three characters or more as an anchor', () => {
    const segmenter = fakeSegmenter(['建设', '打造', '5G基站', '平台', '中心'])
    expect(wdiff(diffWords('建设5G基站平台', '打造5G基站中心', segmenter))).toBe(
      '[-建设-]{+打造+}5G基站[-平台-]{+中心+}',
    )
  })

  it('falls back to sentences past maxEditLength: shared sentences stay, each side reads back', () => {
    const a = '建设5G基站3000个。完善政务云平台。推进数据共享交换。'
    const b = '新建5G基站3200个。完善政务云平台。开展城市大脑建设。'
    const parts = diffWords(a, b, jieba, { maxEditLength: 4, cleanup: false })
    expect(wdiff(parts)).toBe(
      '[-建设5G基站3000个。-]{+新建5G基站3200个。+}完善政务云平台。[-推进数据共享交换。-]{+开展城市大脑建设。+}',
    )
    expect(diffSide(parts, 'from')).toBe(a)
    expect(diffSide(parts, 'to')).toBe(b)
    // within the bound, the word diff as usual
    expect(wdiff(diffWords(a, b, jieba, { cleanup: false }))).toContain('5G基站')
  })

  it('diffs two long texts that differ everywhere without blowing up (bounded edits)', () => {
    // 3,000 sentences each, no sentence in common: unbounded, this is a word diff of ~30,000 tokens
    const long = (seed: number) =>
      Array.from({ length: 3000 }, (_, k) => `推进第${(k * 7919 + seed) % 100003}项重点工程建设。`).join('')
    const a = long(1)
    const b = long(2)
    const start = performance.now()
    const parts = diffWords(a, b, fakeSegmenter(['推进', '重点工程', '建设']))
    expect(performance.now() - start).toBeLessThan(20000)
    expect(diffSide(parts, 'from')).toBe(a)
    expect(diffSide(parts, 'to')).toBe(b)
  })

  it('diffs two long texts with the same words in another order in bounded time', () => {
    // the bag-of-words test lets this pair through (every word is shared); the edit script is long
    const sentences = Array.from({ length: 1500 }, (_, k) => `推进第${k}项重点工程建设。`)
    const a = sentences.join('')
    const b = [...sentences].reverse().join('')
    const start = performance.now()
    const parts = diffWords(a, b, fakeSegmenter(['推进', '重点工程', '建设']))
    expect(performance.now() - start).toBeLessThan(20000)
    expect(diffSide(parts, 'from')).toBe(a)
    expect(diffSide(parts, 'to')).toBe(b)
    // past maxEditLength the sentences are compared, and past it again all is removed, then added
    expect(parts.map((p) => p.op)).toEqual(['removed', 'added'])
  })

  it.each([
    [[{ op: 'same', text: '数据' }], 1],
    [
      [
        { op: 'removed', text: '数据' },
        { op: 'added', text: '信息' },
      ],
      0,
    ],
    [
      [
        { op: 'same', text: '数据' },
        { op: 'added', text: '共享' },
      ],
      2 / 3,
    ],
    // Punctuation does not count: only 数据 on each side.
    [
      [
        { op: 'same', text: '数据' },
        { op: 'removed', text: '。' },
        { op: 'added', text: ',' },
      ],
      1,
    ],
  ] as Array<[DiffPart[], number]>)('measures overlap between 0 and 1 (%#)', (parts, expected) => {
    expect(diffOverlap(parts)).toBeCloseTo(expected, 4)
  })
})

describe('target changes', () => {
  it('never compares a stock with a flow: 建成3000个以上 -> 新建3200个', () => {
    const from = makeTarget({ text: '3000个以上', value: 3000, comparator: '>=', kind: 'level', year: 2019 })
    const to = makeTarget({ text: '新建3200个', value: 3200, kind: 'increment', year: 2025 })
    expect(compareTargets(from, to)).toMatchObject({
      change: 'incomparable',
      delta: null,
      ratio: null,
      kindChange: ['level', 'increment'],
      summary: '3000个以上 -> 新建3200个 (stock -> flow, not compared)',
    })
  })

  it('compares two stocks: 3000个以上 -> 1万个 is +233.3%', () => {
    const from = makeTarget({ text: '3000个以上', value: 3000, comparator: '>=', kind: 'level' })
    const to = makeTarget({ text: '1万个', value: 1, unit: '万个', normalized: 10000, kind: 'level' })
    const change = compareTargets(from, to)
    expect(change).toMatchObject({ change: 'increased', delta: 7000, kindChange: null })
    expect(change.summary).toBe('3000个以上 -> 1万个 (+233.3%)')
  })

  it('compares falls on their signed values: 下降3% -> 下降4% decreased by 1 pp', () => {
    const fall = (text: string, value: number) =>
      makeTarget({
        text,
        value,
        normalized: -value,
        unit: '%',
        normalizedUnit: '%',
        kind: 'growth',
        direction: 'decrease',
        metric: '单位地区生产总值能耗',
        metricFamily: 'energy-intensity',
      })
    expect(compareTargets(fall('下降3%', 3), fall('下降4%', 4))).toMatchObject({
      change: 'decreased',
      delta: -1,
      summary: '下降3% -> 下降4% (−1 pp)',
    })
  })

  it.each([
    // shares move in percentage points, not percent
    [
      { text: '90%以上', value: 90, unit: '%' },
      { text: '95%', value: 95, unit: '%' },
      'increased',
      '90%以上 -> 95% (+5 pp)',
    ],
    [
      { text: '1万个', value: 10000, unit: '个' },
      { text: '3200个', value: 3200, unit: '个' },
      'decreased',
      '1万个 -> 3200个 (−68%)',
    ],
    [
      { text: '20个', value: 20, unit: '个' },
      { text: '20个', value: 20, unit: '个' },
      'unchanged',
      '20个 -> 20个 (same)',
    ],
    [
      { text: '1390个', value: 1390, unit: '个' },
      { text: '约占全市20%', value: 20, unit: '%' },
      'incomparable',
      '1390个 -> 约占全市20% (个 -> %, not compared)',
    ],
  ])('compares %o with %o: %s', (a, b, change, summary) => {
    const from = makeTarget({ ...a, normalizedUnit: a.unit })
    const to = makeTarget({ ...b, normalizedUnit: b.unit })
    expect(compareTargets(from, to)).toMatchObject({ change, summary })
  })

  it('pairs figures by family, preferring the same metric, and lists the rest as added or dropped', () => {
    const from = [
      makeTarget({
        text: '超过40%',
        value: 40,
        unit: '%',
        normalizedUnit: '%',
        metric: 'IPv6活跃用户占比',
        metricFamily: 'ipv6',
      }),
      makeTarget({ text: '3000个以上', value: 3000 }),
    ]
    const to = [
      makeTarget({ text: '突破40个', value: 40, metric: '每万人5G基站数', metricFamily: '5g-density' }),
      makeTarget({ text: '3200个', value: 3200, kind: 'increment' }),
    ]
    const changes = diffTargets(from, to)
    expect(changes.map((c) => [c.change, c.key])).toEqual([
      ['added', '5g-density'],
      ['incomparable', '5g-base-stations'],
      ['dropped', 'ipv6'],
    ])
  })

  it('pairs goals with goals and results with results', () => {
    const gdp = (text: string, value: number, status: 'planned' | 'achieved') =>
      makeTarget({
        text,
        value,
        unit: '%',
        normalizedUnit: '%',
        kind: 'growth',
        status,
        metric: '地区生产总值',
        metricFamily: 'gdp',
      })
    const changes = diffTargets(
      [gdp('增长5.4%', 5.4, 'achieved'), gdp('增长5%左右', 5, 'planned')],
      [gdp('增长5%左右', 5, 'planned')],
    )
    expect(changes.map((c) => [c.change, c.from?.text, c.to?.text])).toEqual([
      ['unchanged', '增长5%左右', '增长5%左右'],
      ['dropped', '增长5.4%', undefined],
    ])
  })

  it('pairs figures without a family by metric name', () => {
    const from = [makeTarget({ text: '64个', value: 64, metric: '首届峰会项目', metricFamily: null })]
    const to = [makeTarget({ text: '95个', value: 95, metric: '首届峰会项目', metricFamily: null })]
    expect(diffTargets(from, to)[0]).toMatchObject({ key: 'metric:首届峰会项目', change: 'increased' })
  })
})

describe('item diffs', () => {
  const segmenter = fakeSegmenter(['推进', '建设', '5G基站'])
  const a = makeItem({
    id: 'a-2019#1',
    text: '推进5G基站建设。(责任单位:市工信局、市通管办)',
    responsible: {
      lead: ['市工信局', '市通管办'],
      related: [],
      text: '(责任单位:市工信局、市通管办)',
      span: [0, 0],
    },
    targets: [makeTarget({ text: '3000个以上', value: 3000 })],
  })
  const b = makeItem({
    id: 'a-2025#1',
    text: '加快5G基站建设。(责任单位:市数据管理局、市通管办)',
    responsible: {
      lead: ['市数据管理局'],
      related: ['市通管办'],
      text: '(责任单位:市数据管理局、市通管办)',
      span: [0, 0],
    },
    targets: [makeTarget({ text: '3200个', value: 3200, kind: 'increment' })],
  })

  it('diffs the texts without their responsibility clauses and compares the units as sets', () => {
    const diff = diffItems(a, b, { segmenter })
    expect(wdiff(diff.parts)).toBe('[-推进-]{+加快+}5G基站建设。')
    expect(diff.units).toEqual({ kept: ['市通管办'], added: ['市数据管理局'], removed: ['市工信局'] })
    expect(diff.targets[0]?.summary).toBe('3000个以上 -> 3200个 (stock -> flow, not compared)')
    expect(ItemDiff.parse(diff)).toEqual(diff)
  })

  it('keeps the relation and score of the link joining the items', () => {
    const diff = diffItems(a, b, {
      segmenter,
      link: { relation: 'evolution', score: 0.9 },
      basis: ['evolution'],
    })
    expect(diff).toMatchObject({ relation: 'evolution', score: 0.9, basis: ['evolution'] })
  })

  it('diffs the seed example: Fuzhou 2019 2.3 against Fuzhou 2025 2.3', () => {
    const { documents } = loadCorpus(['seeds/fuzhou-2019.txt', 'seeds/fuzhou-2025.txt'])
    const items = indexItems(documents)
    const diff = diffItems(items.get('fuzhou-2019#2.3')!.item, items.get('fuzhou-2025#2.3')!.item)
    expect(diff.targets.map((t) => t.summary)).toContain('3000个以上 -> 3200个 (stock -> flow, not compared)')
    expect(diff.units.kept).toContain('市通管办')
    expect(diff.overlap).toBeGreaterThan(0.05)
    expect(diff.parts.some((p) => p.op === 'same' && p.text.includes('5G基站'))).toBe(true)
  })
})

describe('threads and report diffs', () => {
  const province = makeDocument('fj-2019', { name: '福建省', level: 'province' }, 2019, [
    makeItem({ id: 'fj-2019#1', text: '推进5G建设。' }),
  ])
  const city19 = makeDocument('fz-2019', { name: '福州市', level: 'city', parent: '福建省' }, 2019, [
    makeItem({ id: 'fz-2019#1', text: '推进5G基站建设。' }),
  ])
  const city25 = makeDocument('fz-2025', { name: '福州市', level: 'city', parent: '福建省' }, 2025, [
    makeItem({ id: 'fz-2025#1', text: '新建5G基站。' }),
  ])
  const district = makeDocument('cs-2022', { name: '仓山区', level: 'district', parent: '福州市' }, 2022, [
    makeItem({ id: 'cs-2022#1', text: '建设5G基站。' }),
  ])
  const documents = [district, city25, province, city19]
  const links = [
    makeLink('fj-2019#1', 'fz-2019#1', 0.8),
    makeLink('fz-2019#1', 'fz-2025#1', 0.9, 'evolution'),
    makeLink('fj-2019#1', 'cs-2022#1', 0.5),
    makeLink('fz-2025#1', 'cs-2022#1', 0.7),
  ]
  const thread = {
    id: 't1',
    label: '5G',
    topic: null,
    terms: [],
    items: ['cs-2022#1', 'fz-2025#1', 'fz-2019#1', 'fj-2019#1'],
    documents: [],
  }

  it('orders thread members by level, then year, each against its best-linked earlier member', () => {
    expect(orderThread(thread, documents, links)).toEqual([
      { from: null, to: 'fj-2019#1' },
      { from: 'fj-2019#1', to: 'fz-2019#1' },
      { from: 'fz-2019#1', to: 'fz-2025#1' },
      { from: 'fz-2025#1', to: 'cs-2022#1' },
    ])
  })

  it('diffs thread steps and continued goals once each, ordered by ids; every link only when asked', () => {
    const segmenter = fakeSegmenter([])
    const evolution = [
      {
        from: 'fz-2019',
        to: 'fz-2025',
        continued: [{ from: 'fz-2019#1', to: 'fz-2025#1', score: 0.9 }],
        new: [],
        dropped: [],
      },
    ]
    const diffs = buildDiffs(documents, { links, threads: [thread], evolution }, { segmenter })
    expect(diffs.map((d) => [d.from, d.to, d.basis.join('+')])).toEqual([
      ['fj-2019#1', 'fz-2019#1', 'thread'],
      ['fz-2019#1', 'fz-2025#1', 'thread+evolution'],
      ['fz-2025#1', 'cs-2022#1', 'thread'],
    ])
    expect(diffs[1]).toMatchObject({ relation: 'evolution', score: 0.9 })
    const all = buildDiffs(documents, { links, threads: [thread], evolution }, { segmenter, allLinks: true })
    expect(all).toHaveLength(4)
    expect(all.find((d) => d.to === 'cs-2022#1' && d.from === 'fj-2019#1')?.basis).toEqual(['link'])
  })
})

describe('trajectories', () => {
  const docs = [
    makeDocument('fz-2025', { name: '福州市', level: 'city' }, 2025, [
      makeItem({
        id: 'fz-2025#1',
        text: '新建5G基站3200个',
        targets: [makeTarget({ text: '3200个', value: 3200, kind: 'increment', year: 2025, span: [5, 10] })],
      }),
    ]),
    makeDocument('cs-2022', { name: '仓山区', level: 'district' }, 2022, [
      makeItem({
        id: 'cs-2022#1',
        text: '5G基站1390个,约占全市20%',
        targets: [
          makeTarget({ text: '1390个', value: 1390, status: 'achieved', year: 2022 }),
          makeTarget({
            text: '约占全市20%',
            value: 20,
            unit: '%',
            normalizedUnit: '%',
            kind: 'share',
            status: 'baseline',
            year: 2022,
          }),
          makeTarget({ text: '20个', value: 20, metric: '智慧杆', metricFamily: null, year: 2022 }),
        ],
      }),
    ]),
    makeDocument('fz-2019', { name: '福州市', level: 'city' }, 2019, [
      makeItem({
        id: 'fz-2019#1',
        text: '建成5G基站3000个以上',
        targets: [
          makeTarget({ text: '3000个以上', value: 3000, comparator: '>=', year: null }),
          makeTarget({
            text: '10根',
            value: 10,
            unit: '根',
            normalizedUnit: '根',
            metric: '智慧杆',
            metricFamily: null,
          }),
        ],
      }),
    ]),
  ]

  it('gives one series per family, kind and base unit: stocks and flows apart, points by year then level', () => {
    const trajectories = buildTrajectories(docs)
    expect(trajectories.map((t) => t.id)).toEqual([
      '5g-base-stations@increment',
      '5g-base-stations@level',
      '5g-base-stations@share',
    ])
    const stock = trajectories[1]!
    expect(stock).toMatchObject({
      metricFamily: '5g-base-stations',
      label: '5G基站',
      labelEn: '5G base stations',
      kind: 'level',
      unit: '个',
    })
    expect(stock.points.map((p) => [p.jurisdiction, p.level, p.year, p.value, p.status])).toEqual([
      // a figure without a year takes the document's year
      ['福州市', 'city', 2019, 3000, 'planned'],
      ['仓山区', 'district', 2022, 1390, 'achieved'],
    ])
    expect(trajectories[0]!.points.map((p) => [p.jurisdiction, p.value])).toEqual([['福州市', 3200]])
    for (const t of trajectories) expect(Trajectory.parse(t)).toEqual(t)
  })

  it('adds a metric without a family once it has figures in two documents (in one unit)', () => {
    const trajectories = buildTrajectories(docs, { unclassifiedMinDocuments: 1 })
    expect(trajectories.map((t) => t.id)).toContain('metric:智慧杆@个')
    expect(buildTrajectories(docs).some((t) => t.id.startsWith('metric:'))).toBe(false)
  })

  it('leaves baselines out when asked', () => {
    const ids = buildTrajectories(docs, { baselines: false }).map((t) => t.id)
    expect(ids).toEqual(['5g-base-stations@increment', '5g-base-stations@level'])
  })
})
