import { readFileSync } from 'node:fs'
import iconv from 'iconv-lite'
import * as OpenCC from 'opencc-js/cn2t'
import { describe, expect, it } from 'vitest'
import { readSource } from '../src/io/index.js'
import type { PlanDocument } from '../src/model/index.js'
import { itemSourceSpan, parseDocument } from '../src/parse/index.js'

const SEEDS = ['fujian-2019', 'fuzhou-2019', 'fuzhou-2025', 'xiamen-2022', 'cangshan-2022'] as const
const seedText = (id: string) => readFileSync(`seeds/${id}.txt`, 'utf8')
const parsed = new Map<string, PlanDocument>()
const parseSeed = (id: string): PlanDocument => {
  let doc = parsed.get(id)
  if (!doc) {
    doc = parseDocument(readSource(`seeds/${id}.txt`))
    parsed.set(id, doc)
  }
  return doc
}
const item = (doc: PlanDocument, path: string) => {
  const found = doc.items.find((i) => i.path === path)
  if (!found) throw new Error(`${doc.id}: no item ${path}; have ${doc.items.map((i) => i.path).join(' ')}`)
  return found
}

/** Regions must tile the source text: in order, no gap, no overlap, to the end. */
function expectRegionsCoverSource(doc: PlanDocument) {
  let position = 0
  for (const region of doc.regions) {
    expect(region.span[0], `${doc.id}: region starts where the last ended`).toBe(position)
    expect(region.span[1]).toBeGreaterThan(region.span[0])
    position = region.span[1]
  }
  expect(position).toBe(doc.sourceText.length)
  const joined = doc.regions.map((r) => doc.sourceText.slice(r.span[0], r.span[1])).join('')
  expect(joined).toBe(doc.sourceText)
}

describe('metadata of the seeds', () => {
  it.each([
    [
      'fujian-2019',
      '2019年数字福建工作要点',
      '福建省',
      'province',
      '中华人民共和国',
      2019,
      [2019, 2019],
      'work-plan',
    ],
    ['fuzhou-2019', '2019年数字福州工作要点', '福州市', 'city', '福建省', 2019, [2019, 2019], 'work-plan'],
    ['fuzhou-2025', '2025年数字福州工作要点', '福州市', 'city', '福建省', 2025, [2025, 2025], 'work-plan'],
    ['xiamen-2022', '2022年数字厦门工作要点', '厦门市', 'city', '福建省', 2022, [2022, 2022], 'work-plan'],
    [
      'cangshan-2022',
      '福州市仓山区“十四五”智能仓山专项规划(征求意见稿)',
      '仓山区',
      'district',
      '福州市',
      2022,
      [2021, 2025],
      'five-year-plan',
    ],
  ] as const)('%s: %s, %s (%s, parent %s), %i', (id, title, name, level, parent, year, period, kind) => {
    const doc = parseSeed(id)
    expect(doc.id).toBe(id)
    expect(doc.title).toBe(title)
    expect(doc.jurisdiction?.name).toBe(name)
    expect(doc.jurisdiction?.level).toBe(level)
    expect(doc.jurisdiction?.parent).toBe(parent)
    expect(doc.year).toBe(year)
    expect(doc.period).toEqual({ from: period[0], to: period[1] })
    expect(doc.kind).toBe(kind)
  })
})

describe('items of the seeds', () => {
  it('finds the 28 items of fuzhou-2019 under its five parts, with headings', () => {
    const doc = parseSeed('fuzhou-2019')
    expect(doc.items.map((i) => i.label)).toEqual(Array.from({ length: 28 }, (_, k) => `${k + 1}、`))
    expect(doc.sections.map((s) => s.title)).toEqual([
      '持续办好数字中国建设峰会',
      '优化升级信息基础设施',
      '加快推进数字政府建设',
      '全面实施数字经济领跑行动',
      '强化实施保障',
    ])
    expect(item(doc, '2.3').heading).toBe('推进信息基础设施建设')
    expect(item(doc, '2.3').text).toContain('建成5G基站3000个以上')
    expect(item(doc, '3.12').heading).toBe('做大做优12345便民服务平台')
    expect(item(doc, '5.28').heading).toBe('营造良好氛围')
    expect(item(doc, '1.1').sectionPath).toEqual(['持续办好数字中国建设峰会'])
  })

  it('keeps the news summary and the plan’s own introduction out of the items of fuzhou-2019', () => {
    const doc = parseSeed('fuzhou-2019')
    const preamble = doc.regions
      .filter((r) => r.kind === 'preamble')
      .map((r) => doc.sourceText.slice(...r.span))
    expect(preamble.join('')).toContain('据消息报道称')
    expect(preamble.join('')).toContain('2019年,是全面实施')
    expect(doc.items.some((i) => i.text.includes('据消息报道称'))).toBe(false)
  })

  it('nests fuzhou-2025 items 9-24 under the sub-parts (一)…(六) of part 四', () => {
    const doc = parseSeed('fuzhou-2025')
    expect(doc.items).toHaveLength(29)
    expect(doc.items.map((i) => i.number)).toEqual(Array.from({ length: 29 }, (_, k) => k + 1))
    expect(item(doc, '4.(一).9').heading).toBe('提升核心产业规模能级')
    expect(item(doc, '4.(六).24').sectionPath).toEqual(['高质量推动数字赋能千行百业', '数字赋能两岸融合发展'])
    expect(item(doc, '5.29').heading).toBe('筑牢数字安全屏障')
    expect(item(doc, '2.3').id).toBe('fuzhou-2025#2.3')
    // the page chrome at the end is not part of item 29
    expect(item(doc, '5.29').text).not.toContain('扫一扫')
    expect(
      doc.regions.some((r) => r.kind === 'boilerplate' && doc.sourceText.slice(...r.span).includes('扫一扫')),
    ).toBe(true)
  })

  it('starts an inferred section at each numbering restart of xiamen-2022 instead of merging the runs', () => {
    const doc = parseSeed('xiamen-2022')
    expect(doc.items).toHaveLength(39)
    const inferred = doc.sections.filter((s) => s.inferred)
    expect(inferred.map((s) => s.path)).toEqual(['[1]', '[2]', '[3]', '[4]', '[5]', '[6]'])
    expect(doc.warnings.filter((w) => w.code === 'missing-heading')).toHaveLength(5)
    // items per area: 数字政府 13, 数字经济 7, 数据资源 3, 数字社会 7, 数字基础设施 4, 发展环境 5
    const perArea = inferred.map((s) => doc.items.filter((i) => i.path.startsWith(`${s.path}.`)).length)
    expect(perArea).toEqual([13, 7, 3, 7, 4, 5])
    expect(item(doc, '[3].2').heading).toBe('强化数据资源汇聚共享')
    expect(item(doc, '[5].1').text).toContain('力争2022年新建5G基站1万个')
    expect(item(doc, '[1].2.2').heading).toBe('打造市区两级城市治理平台')
  })

  it('names the inferred sections of xiamen-2022 after the six parts its summary lists', () => {
    const doc = parseSeed('xiamen-2022')
    const inferred = doc.sections.filter((s) => s.inferred)
    expect(inferred.map((s) => s.title)).toEqual([
      '数字政府',
      '数字经济',
      '数据资源',
      '数字社会',
      '数字基础设施',
      '数字化发展环境',
    ])
    expect(inferred.every((s) => s.titleSource === 'summary')).toBe(true)
    expect(item(doc, '[3].2').sectionPath).toEqual(['数据资源'])
    expect(item(doc, '[1].2.2').sectionPath).toEqual(['数字政府', '推进市域治理“一网统管”'])
  })

  it('splits fujian-2019’s run-on lines into its 20 printed items, once each, in label order', () => {
    const doc = parseSeed('fujian-2019')
    const printed = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 18, 21, 23, 25, 26, 28]
    expect(doc.items.map((i) => i.number)).toEqual(printed)
    expect(doc.items.map((i) => i.path.split('.')[0])).toEqual([
      ...['1', '1'],
      ...['2', '2', '2', '2', '2', '2'],
      ...['3', '3', '3', '3', '3'],
      ...['4', '4', '4', '4', '4'],
      ...['5', '5'],
    ])
    expect(item(doc, '2.(六)').heading).toBe('加大政务数据汇聚力度')
    expect(item(doc, '2.(六)').text).toContain('全面建成省级政务数据汇聚二期工程')
    expect(item(doc, '4.(二十一)').heading).toBe('扶持壮大物联网产业')
    // the plan printed again after its notice: its title is a heading, its introduction preamble
    expect(item(doc, '1.(二)').text).toContain('高起点建设数字中国研究院')
    expect(item(doc, '1.(二)').text).not.toContain('为指导')
    const missing = doc.warnings.find((w) => w.code === 'missing-label')
    expect(missing?.message).toContain('(十四) (十五) (十七) (十九) (二十) (二十二) (二十四) (二十七)')
    expect(doc.warnings.some((w) => w.code === 'text-after-duplicate-label')).toBe(true)
    expect(doc.warnings.some((w) => w.code === 'labels-out-of-order')).toBe(true)
  })

  it('sets aside fujian-2019’s repeated paragraphs as duplicates, keeping the first copy', () => {
    const doc = parseSeed('fujian-2019')
    const duplicates = doc.regions.filter((r) => r.kind === 'duplicate')
    expect(duplicates.length).toBeGreaterThan(10)
    // the 通知 is printed twice; the second copy is a duplicate
    const notice = '省人民政府各部门、各直属机构，各大企业，各高等院校'
    const copies = doc.regions.filter((r) => doc.sourceText.slice(...r.span).includes(notice))
    expect(copies.map((r) => r.kind)).toEqual(['preamble', 'duplicate'])
    // no item holds a sentence twice
    for (const i of doc.items) {
      const sentences = i.text.split('。').filter((s) => s.length > 12)
      expect(new Set(sentences).size, i.id).toBe(sentences.length)
    }
  })

  it('reads cangshan-2022’s chapters and sections, taking missing titles from the table of contents', () => {
    const doc = parseSeed('cangshan-2022')
    const section = (path: string) => doc.sections.find((s) => s.path === path)
    expect(doc.sections.filter((s) => s.style === 'chapter')).toHaveLength(8)
    expect(section('2')?.title).toBe('总体要求')
    expect(section('2')?.titleSource).toBe('toc')
    expect(section('2.3')?.title).toBe('建设目标')
    expect(section('3')?.title).toBe('加快新型信息基础设施建设')
    expect(section('3')?.titleSource).toBe('printed')
    expect(section('4.2')?.title).toBe('加强城市运行“一网统管”')
    expect(doc.regions.some((r) => r.kind === 'toc')).toBe(true)
  })

  it('makes each lead-phrase paragraph of cangshan-2022 an item with its lead phrase as heading', () => {
    const doc = parseSeed('cangshan-2022')
    const inNetworks = doc.items.filter((i) => i.sectionId === 'cangshan-2022#3.2')
    expect(inNetworks.map((i) => i.heading)).toEqual(['', '5G网络', '物联网', '云计算'])
    expect(inNetworks[1]?.text).toContain('推进“5G+光网”双千兆城市建设')
    expect(inNetworks.every((i) => i.kind === 'paragraph')).toBe(true)
  })

  it('makes the 重点工程 boxes of cangshan-2022 key-project items that end where the body resumes', () => {
    const doc = parseSeed('cangshan-2022')
    const boxes = doc.items.filter((i) => i.kind === 'key-project')
    expect(boxes.map((b) => b.label)).toEqual([
      '重点工程1:',
      '重点工程2:',
      '重点工程3:',
      '重点工程4:',
      '重点工程5:',
      '重点工程6:',
    ])
    expect(boxes[0]?.heading).toBe('城市感知元和行动元建设工程')
    expect(boxes[0]?.text).toContain('提升城市行动能力')
    // the box restates a task of the body: the author's repetition, not the scraper's, so it stays
    expect(boxes[0]?.text).toContain('推进水、电、气、通信等地下管网设施智能化改造')
    expect(doc.regions.some((r) => r.kind === 'duplicate')).toBe(false)
    expect(boxes[0]?.text).not.toContain('不动产投资信托基金')
    expect(item(doc, '3.3.p5').text).toContain('不动产投资信托基金')
  })

  it('marks the web-page chrome of cangshan-2022 as boilerplate', () => {
    const doc = parseSeed('cangshan-2022')
    const boilerplate = doc.regions
      .filter((r) => r.kind === 'boilerplate')
      .map((r) => doc.sourceText.slice(...r.span))
    expect(boilerplate.join('')).toContain('欢迎访问仓山区人民政府门户网站')
    expect(boilerplate.join('')).toContain('加大字体 缩小字体')
    expect(boilerplate.join('')).toContain('来源:仓山区')
  })
})

describe('layouts of other plans', () => {
  it('takes the lead phrase of a dash-led principle without its dash', () => {
    const doc = parseDocument(
      '二、基本原则\n——统筹规划,集约建设。坚持全市一盘棋,避免重复建设。\n——需求导向,注重实效。坚持从群众需求出发。\n',
      { id: 'principles' },
    )
    expect(doc.items.map((i) => i.heading)).toEqual(['统筹规划,集约建设', '需求导向,注重实效'])
  })

  it('reads an item whose heading stands on a line of its own, its text in the paragraph below', () => {
    const doc = parseDocument(
      '一、加快数字基础设施建设\n1.推进5G网络建设\n加快5G基站建设,全年新建5G基站2000个。(责任单位:市工信局)\n2.深化政务服务改革\n推行一网通办。\n',
      { id: 'headed' },
    )
    expect(doc.items.map((i) => [i.path, i.label, i.heading])).toEqual([
      ['1.1', '1.', '推进5G网络建设'],
      ['1.2', '2.', '深化政务服务改革'],
    ])
    expect(doc.items[0]?.text).toContain('全年新建5G基站2000个')
    expect(doc.sections.map((s) => s.path)).toEqual(['1'])
  })

  it('sets aside a task table flattened one cell per line instead of making each cell an item', () => {
    const doc = parseDocument(
      '一、重点任务\n1.建设政务云平台。年内完成迁移。\n附件\n重点任务分工表\n序号\n任务\n牵头单位\n完成时限\n1\n政务云迁移\n市大数据局\n2025年底\n',
      { id: 'cells' },
    )
    expect(doc.items.map((i) => i.heading)).toEqual(['建设政务云平台'])
    expect(doc.warnings.map((w) => w.code)).toContain('unrecognized-table')
    expect(
      doc.regions.some((r) => r.kind === 'table' && doc.sourceText.slice(...r.span).includes('牵头单位')),
    ).toBe(true)
  })

  it('keeps paragraphs with lead phrases as items of their own under a heading', () => {
    const doc = parseDocument('(一)优化网络设施\n5G网络。加快5G基站建设。\n物联网。部署物联感知终端。\n', {
      id: 'leads',
    })
    expect(doc.items.map((i) => i.heading)).toEqual(['5G网络', '物联网'])
  })

  it('reads decimal numbering as a hierarchy, and a decimal inside a sentence as a figure', () => {
    const doc = parseDocument(
      '1.总体目标\n1.1网络设施。建成5G基站5000个。\n1.2数据资源。归集数据1.5亿条。\n2.保障措施\n2.1组织保障。成立工作专班。\n',
      { id: 'decimal' },
    )
    expect(doc.items.map((i) => [i.path, i.label, i.heading])).toEqual([
      ['1.1', '1.1', '网络设施'],
      ['1.2', '1.2', '数据资源'],
      ['2.1', '2.1', '组织保障'],
    ])
    expect(doc.items[1]?.text).toContain('1.5亿条')
  })

  it('nests 第X部分 parts, (一) sub-parts and 1) items', () => {
    const doc = parseDocument(
      '第一部分 发展目标\n(一)网络设施\n1)建成5G基站5000个。\n2)实现千兆光网全覆盖。\n第二部分 保障措施\n(一)组织保障\n1)建立工作专班。\n',
      { id: 'parts' },
    )
    expect(doc.items.map((i) => i.path)).toEqual(['第1部分.(一).(1)', '第1部分.(一).(2)', '第2部分.(一).(1)'])
    expect(doc.items[0]?.sectionPath).toEqual(['发展目标', '网络设施'])
  })

  it('sets aside a publication line whatever the spacing of its date', () => {
    const doc = parseDocument(
      '某市数字政府建设行动方案\n发布日期: 2022- 04- 27 浏览次数:\n一、总体要求\n1.建设政务云平台。\n',
      {
        id: 'spacing',
      },
    )
    const boilerplate = doc.regions
      .filter((r) => r.kind === 'boilerplate')
      .map((r) => doc.sourceText.slice(...r.span))
    expect(boilerplate.join('')).toContain('发布日期: 2022- 04- 27')
  })

  it('reads a notice in traditional characters followed by its plan', () => {
    const text =
      '各縣(市、區)人民政府,市人民政府各部門:\n現將《某市加強數字政府建設實施方案》印發給你們,請認真貫徹執行。\n2024年1月13日\n某市加強數字政府建設實施方案\n一、總體要求\n(一)指導思想。以數據為驅動,全面推進政府數字化轉型。\n二、重點任務\n1.提升政務服務效能。到2025年,全程網辦率達到80%以上。(責任單位:市大數據管理局)\n'
    const doc = parseDocument(text, { id: 'traditional' })
    expect(doc.source.convertedFromTraditional).toBe(true)
    expect(doc.items.map((i) => i.heading)).toEqual(['指导思想', '提升政务服务效能'])
    expect(doc.regions.find((r) => r.kind === 'preamble')).toBeDefined()
  })
})

describe('nothing is lost', () => {
  it.each(SEEDS)('%s: regions cover the source text exactly once', (id) => {
    expectRegionsCoverSource(parseSeed(id))
  })

  it.each(SEEDS)('%s: every item’s text is found in its regions and no two items overlap', (id) => {
    const doc = parseSeed(id)
    const itemRegions = doc.regions.filter((r) => r.kind === 'item')
    const ids = new Set(doc.items.map((i) => i.id))
    for (const region of itemRegions) expect(ids.has(region.ref ?? ''), region.ref).toBe(true)
    const spans = doc.items.flatMap((i) => i.parts).sort((a, b) => a[0] - b[0])
    for (let k = 1; k < spans.length; k++)
      expect(spans[k]?.[0]).toBeGreaterThanOrEqual(spans[k - 1]?.[1] ?? 0)
    expect(new Set(doc.items.map((i) => i.id)).size).toBe(doc.items.length)
  })

  it.each(SEEDS)('%s: items are leaves (no item contains another item’s text)', (id) => {
    const doc = parseSeed(id)
    const texts = doc.items.map((i) => i.text).filter((t) => t.length > 30)
    for (const a of texts) {
      const containing = texts.filter((b) => b !== a && b.includes(a))
      expect(containing, a.slice(0, 30)).toEqual([])
    }
  })

  it.each(SEEDS)('%s: spans inside item texts map back to the same words in the source', (id) => {
    const doc = parseSeed(id)
    const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')
    for (const i of doc.items) {
      // a span inside one part: parts of a scrambled item are joined by line breaks
      const from = Math.floor(i.text.length / 3)
      const lineEnd = i.text.indexOf('\n', from)
      const to = Math.min(lineEnd < 0 ? i.text.length : lineEnd, from + 12)
      const span = itemSourceSpan(doc, i, [from, to])
      expect(fold(doc.sourceText.slice(...span)), i.id).toBe(fold(i.text.slice(from, to)))
    }
  })

  it('covers generated documents: shuffled lines, stray labels, junk', () => {
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const lines = SEEDS.flatMap((id) => seedText(id).split('\n'))
    for (let n = 0; n < 20; n++) {
      const picked = Array.from({ length: 30 }, () => lines[Math.floor(random() * lines.length)] as string)
      const junk = ['(一)', '1.', '  ', '第三章', '表2', '。。', '(责任单位:', '\r\n', '１２３、']
      const text = picked
        .map((l) => (random() < 0.2 ? `${junk[Math.floor(random() * junk.length)]}${l}` : l))
        .join(random() < 0.5 ? '\n' : '\r\n')
      const doc = parseDocument(text, { id: `generated-${n}` })
      expectRegionsCoverSource(doc)
    }
  })
})

describe('the same document in other clothes parses to the same items', () => {
  const signature = (doc: PlanDocument) => doc.items.map((i) => `${i.id}|${i.heading}|${i.text}`)

  it.each(SEEDS)('%s re-encoded as GB18030', (id) => {
    const bytes = iconv.encode(seedText(id), 'gb18030')
    const doc = parseDocument(readSource(new Uint8Array(bytes)), { id })
    expect(doc.source.encoding).toBe('gb18030')
    expect(signature(doc)).toEqual(signature(parseSeed(id)))
    expectRegionsCoverSource(doc)
  })

  it.each(SEEDS)('%s with CRLF line ends', (id) => {
    const doc = parseDocument(seedText(id).replace(/\n/g, '\r\n'), { id })
    expect(signature(doc)).toEqual(signature(parseSeed(id)))
    expectRegionsCoverSource(doc)
  })

  it.each(SEEDS)('%s with full-width digits and Latin letters', (id) => {
    const wide = seedText(id).replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    const doc = parseDocument(wide, { id })
    expect(signature(doc)).toEqual(signature(parseSeed(id)))
    expectRegionsCoverSource(doc)
  })

  it.each(SEEDS)('%s wrapped in an HTML page', (id) => {
    const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    const body = seedText(id)
      .split('\n')
      // pages indent paragraphs with ideographic spaces; keep that layout cue as they do
      .map((l) => `<p>${escapeHtml(l.replace(/^ +/, (spaces) => '\u3000'.repeat(spaces.length)))}</p>`)
      .join('\n')
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title><script>var x = "一、不是条目";</script></head><body><nav class="menu"><a href="/">首页</a></nav>${body}<footer>版权所有</footer></body></html>`
    const doc = parseDocument(readSource(new TextEncoder().encode(html)), { id })
    expect(doc.source.format).toBe('html')
    expect(doc.items.map((i) => `${i.id}|${i.heading}`)).toEqual(
      parseSeed(id).items.map((i) => `${i.id}|${i.heading}`),
    )
    expectRegionsCoverSource(doc)
  })

  it.each(SEEDS)('%s converted to traditional characters', (id) => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' })
    const doc = parseDocument(toTraditional(seedText(id)), { id })
    expect(doc.source.convertedFromTraditional).toBe(true)
    const original = parseSeed(id)
    expect(doc.items.map((i) => i.id)).toEqual(original.items.map((i) => i.id))
    // the round trip through traditional characters is not exact for a few characters
    const same = doc.items.filter((i, k) => i.heading === original.items[k]?.heading).length
    expect(same / doc.items.length).toBeGreaterThan(0.9)
    expectRegionsCoverSource(doc)
  })
})

describe('bad input', () => {
  it('rejects an empty document with a typed error', () => {
    expect(() => parseDocument('  \n \n', { id: 'empty' })).toThrowError(/no text/)
    try {
      parseDocument('', { id: 'empty' })
    } catch (error) {
      expect((error as { code?: string }).code).toBe('empty-input')
    }
  })

  it('rejects binary data when reading', () => {
    const bytes = new Uint8Array(256).map((_, k) => k)
    expect(() => readSource(bytes)).toThrowError(expect.objectContaining({ code: 'binary-input' }))
  })

  it('warns when a document has no numbered items, and keeps its paragraphs as items', () => {
    const doc = parseDocument(
      '关于数字政府建设的说明\n我们将加快推进政务数据共享。\n同时加强网络安全保障。\n',
      {
        id: 'plain',
      },
    )
    expect(doc.warnings.map((w) => w.code)).toContain('no-numbered-items')
    expect(doc.items.length).toBeGreaterThan(0)
    expectRegionsCoverSource(doc)
  })
})
