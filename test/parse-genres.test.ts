// Genres beyond the work plan: 政府工作报告 (parts, lead-sentence paragraphs, 一是 runs, dashes), 办法 and
// 措施, annexes, and the furniture of the pages they come from. Snippets are cut from real documents.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PlanDocument } from '../src/model/index.js'
import { parseDocument } from '../src/parse/index.js'
import { matchLabel } from '../src/parse/labels.js'
import { inferMetadata, kindOfTitle, readFileName } from '../src/parse/metadata.js'
import { selfWords } from '../src/parse/self-reference.js'

const report = [
  '2025年山东省政府工作报告',
  '来源：大众新闻客户端',
  '——2025年1月20日在山东省第十四届人民代表大会第三次会议上',
  '各位代表：',
  '现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员和各位列席人员提出意见。',
  '一、2024年工作回顾',
  '一年来，全市经济社会发展稳中有进、稳中向好。一是经济运行稳步恢复。全市生产总值达到4.72万亿元，增长5%。二是发展新动能稳步壮大。工业战略性新兴产业总产值占比达到43.9%。',
  '（一）产业升级成效显著。工业增势强劲，规上工业增加值增长8.3%，高于全国2.5个百分点。',
  '（二）科技创新成果丰硕。全社会研发投入增长9.4%，高于全国1个百分点。',
  '——经济运行整体向好。全市地区生产总值增长4.3%。',
  '——创新动能加快释放。新增国家级专精特新“小巨人”企业42家。',
  '二、2025年工作总体要求和主要目标',
  '经分析测算，建议今年经济社会发展主要预期目标是：地区生产总值增长5%以上，一般公共预算收入增长3%。',
  '三、2025年重点工作',
  '（一）在全方位扩大内需上下功夫、求实效。把激发消费活力和提高投资效益结合起来，畅通经济循环。',
  '着力实施提振消费行动。认真落实国家扩围支持消费品以旧换新等政策，制定扩大消费一揽子措施。',
  '着力扩大有效益的投资。继续实施15000个省市县重点项目，推动3900多个项目投产达效。',
  '（二）在因地制宜发展新质生产力上下功夫、求实效。推动科技创新与产业创新深度融合。',
  '大力提升科技创新水平。持续提高全社会研发投入强度，实施120项重大科技攻关。',
  '大力推进新型工业化。实施产业链高质量发展行动，整合建立18条标志性产业链。',
].join('\n')

const parsed = (text: string, fileName = 'report.txt'): PlanDocument =>
  parseDocument({ text, encoding: 'utf-8', format: 'text', path: fileName })

const textOf = (doc: PlanDocument, path: string) => doc.items.find((i) => i.path === path)?.text

describe('labels followed by a figure or a year', () => {
  it.each([
    ['一、2024年工作回顾', 'cn-dun', 1],
    ['三、2025年重点工作', 'cn-dun', 3],
    ['二、5G网络建设', 'cn-dun', 2],
    ['附件2 名词解释', 'annex', 2],
    ['附件：', 'annex', 1],
  ])('takes %s as a label', (text, style, number) => {
    expect(matchLabel(text, 0)).toMatchObject({ style, number })
  })

  it.each(['一.5亿元', '附件的格式'])('refuses %s', (text) => {
    expect(matchLabel(text, 0)?.style ?? null).not.toBe(text.startsWith('附') ? 'annex' : 'cn-dun')
  })
})

describe('a provincial work report', () => {
  const doc = parsed(report)

  it('reads its title from the first line, its year and place from the meeting line, its kind', () => {
    expect([doc.title, doc.year, doc.kind, doc.jurisdiction?.name]).toEqual([
      '2025年山东省政府工作报告',
      2025,
      'work-report',
      '山东省',
    ])
  })

  it('takes every 一、 part as a section, with the part it is', () => {
    expect(doc.sections.filter((s) => s.depth === 0).map((s) => [s.title, s.role])).toEqual([
      ['2024年工作回顾', 'review'],
      ['2025年工作总体要求和主要目标', 'goals'],
      ['2025年重点工作', 'tasks'],
    ])
  })

  it('cuts 一是…二是… runs inside a paragraph into items of their own, with their spans', () => {
    const runs = doc.items.filter((i) => /^[一二]是/.test(i.text))
    expect(runs.map((i) => i.heading)).toEqual(['一是经济运行稳步恢复', '二是发展新动能稳步壮大'])
    for (const run of runs) {
      const [start, end] = run.span
      expect(doc.sourceText.slice(start, end)).toBe(run.text)
      expect(run.role).toBe('review')
    }
    expect(doc.items.find((i) => i.text === '一年来，全市经济社会发展稳中有进、稳中向好。')).toBeDefined()
  })

  it('takes each —— dash line and each lead-sentence paragraph as an item', () => {
    const dashes = doc.items.filter((i) => i.text.startsWith('——'))
    expect(dashes.map((i) => i.heading)).toEqual(['经济运行整体向好', '创新动能加快释放'])
    const tasks = doc.items.filter((i) => i.role === 'tasks' && i.heading !== '')
    expect(tasks.map((i) => [i.path, i.heading])).toEqual([
      ['3.(一).p1', '着力实施提振消费行动'],
      ['3.(一).p2', '着力扩大有效益的投资'],
      ['3.(二).p1', '大力提升科技创新水平'],
      ['3.(二).p2', '大力推进新型工业化'],
    ])
    expect(textOf(doc, '3.(一).p0')).toBe('把激发消费活力和提高投资效益结合起来，畅通经济循环。')
    expect(doc.sections.find((s) => s.path === '3.(一)')?.title).toBe('在全方位扩大内需上下功夫、求实效')
  })

  it('keeps the goals paragraph, where the year’s targets are, an item of the goals part', () => {
    const goals = doc.items.filter((i) => i.role === 'goals')
    expect(goals.map((i) => i.text.slice(0, 10))).toEqual(['经分析测算，建议今年'])
  })

  it('sets the source line and the salutation aside as furniture', () => {
    const furniture = doc.regions
      .filter((r) => r.kind === 'boilerplate')
      .map((r) => [r.note, doc.sourceText.slice(...r.span).trim()])
    expect(furniture).toEqual([
      ['source-line', '来源：大众新闻客户端'],
      ['salutation', '各位代表：'],
    ])
  })

  it('does not join a line broken inside a sentence to the next item', () => {
    const broken = report.replace('制定扩大消费一揽子措施。', '制定扩大\n消费一揽子措施。')
    const items = parsed(broken).items.filter((i) => i.path.startsWith('3.(一).p'))
    expect(items.map((i) => i.path)).toEqual(['3.(一).p0', '3.(一).p1', '3.(一).p2'])
    expect(items[1]?.text).toContain('制定扩大\n消费一揽子措施。')
  })
})

describe('a city report without title, numbers or meeting line', () => {
  const text = [
    '各位代表：',
    '现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。',
    '2023年工作回顾',
    '一年来，我们坚持稳中求进工作总基调，经济运行持续回升向好。',
    '2024年工作安排建议',
    '（一）坚定推进制造强市，加快提振壮大工业经济。实施工业倍增计划。',
    '持之以恒加强政府自身建设',
    '（一）强化政治引领，铸牢忠诚之魂。坚持用习近平新时代中国特色社会主义思想凝心铸魂。',
  ].join('\n')
  const doc = parsed(text, 'corpus/2024_四川省_南充市_政府工作报告.txt')

  it('takes its part headings printed alone on their lines as the top-level parts', () => {
    expect(doc.sections.filter((s) => s.depth === 0).map((s) => [s.label, s.title, s.role])).toEqual([
      [null, '2023年工作回顾', 'review'],
      [null, '2024年工作安排建议', 'tasks'],
      [null, '持之以恒加强政府自身建设', 'tasks'],
    ])
    expect(doc.warnings.map((w) => w.code)).not.toContain('missing-heading')
  })

  it('reads the year from its parts and the city from the file name, and says so', () => {
    expect([doc.title, doc.year, doc.jurisdiction?.name, doc.jurisdiction?.parent]).toEqual([
      '2024年南充市政府工作报告',
      2024,
      '南充市',
      '四川省',
    ])
    const codes = doc.warnings.map((w) => w.code)
    expect(codes).toContain('inferred-title')
    expect(codes).toContain('jurisdiction-from-file-name')
    expect(codes).not.toContain('year-from-file-name')
  })
})

describe('a city report whose parts are headed by slogans', () => {
  // 2024_湖南省_益阳市: the two parts are unnumbered lines naming the year's tasks and goals, and the
  // 一、 points of the year's work must come under the second part, not under the review's (五)
  const text = [
    '各位代表：',
    '现在，我代表市人民政府，向大会作工作报告，请予审议。',
    '奋力完成2023年高质量发展的各项任务',
    '（一）突出产业立市，提升发展质效。一年来，我们坚持把产业作为立市之本。',
    '（二）突出民生改善，共享发展成果。一年来，我们坚持以人民为中心。',
    '全力实现2024年高质量发展的奋斗目标',
    '今年，我们将重点抓好以下八个方面工作：',
    '一、着力推进产业立市',
    '坚定不移实施产业立市战略，加快建设现代化产业体系。',
    '二、着力激发内需活力',
    '扩大有效投资，促进消费提质扩容。',
  ].join('\n')
  const doc = parsed(text, 'corpus/2024_湖南省_益阳市_政府工作报告.txt')

  it('takes both slogan lines as top-level parts, the earlier year as the review', () => {
    const top = doc.sections.filter((s) => s.depth === 0)
    expect(top.map((s) => [s.title, s.role])).toEqual([
      ['奋力完成2023年高质量发展的各项任务', 'review'],
      ['全力实现2024年高质量发展的奋斗目标', null],
    ])
    const points = doc.sections.filter((s) => s.style === 'cn-dun')
    expect(points.map((s) => s.parentId)).toEqual([top[1]?.id, top[1]?.id])
  })
})

describe('metadata from the file name', () => {
  it.each([
    [
      '2024_山东省_德州_政府工作报告.txt',
      { year: 2024, places: ['山东省', '德州'], words: ['政府工作报告'] },
    ],
    ['S007_city_济南市_2019-01-22.txt', { year: 2019, places: ['济南市'], words: [] }],
    ['province_北京市_FBM-CLI.12.5679380.txt', { year: null, places: ['北京市'], words: [] }],
  ])('reads %s', (name, facts) => {
    expect(readFileName(name)).toEqual(facts)
  })

  it('takes the city, never the province, when the file names both (德州 -> 德州市)', () => {
    const metadata = inferMetadata('各位代表：\n现在，我代表市人民政府向大会报告工作。', {
      fileName: '2024_山东省_德州_政府工作报告.txt',
    })
    expect(metadata.jurisdiction).toEqual({
      name: '德州市',
      level: 'city',
      code: '371400',
      parent: '山东省',
      parentCode: '370000',
    })
    expect([metadata.title, metadata.year, metadata.kind]).toEqual([
      '2024年德州市政府工作报告',
      2024,
      'work-report',
    ])
    expect(metadata.warnings.map((w) => w.code)).toEqual([
      'year-from-file-name',
      'jurisdiction-from-file-name',
      'inferred-title',
    ])
  })

  it('prefers what the document prints to what its file is called', () => {
    const metadata = inferMetadata(
      '2025年江苏省政府工作报告\n2025年1月19日在江苏省第十四届人民代表大会第三次会议上',
      {
        fileName: '2024_浙江省_杭州_政府工作报告.txt',
      },
    )
    expect([metadata.title, metadata.year, metadata.jurisdiction?.name]).toEqual([
      '2025年江苏省政府工作报告',
      2025,
      '江苏省',
    ])
    expect(metadata.warnings).toEqual([])
  })
})

describe('kinds of documents', () => {
  it.each([
    ['2025年山东省政府工作报告', 'work-report'],
    ['关于加快“科创济南”建设全面提升科技创新能力的若干政策措施', 'measures'],
    ['济南市智能网联汽车道路测试与示范应用管理办法(试行)', 'rules'],
    ['青岛市支持省级数字经济园区建设等奖补政策实施细则', 'rules'],
    ['加快数字化高质量发展打造数字先锋城市推进方案', 'implementation-plan'],
    ['山东省“十四五”科技创新规划', 'five-year-plan'],
  ] as const)('%s is a %s', (title, kind) => {
    expect(kindOfTitle(title)).toBe(kind)
  })
})

describe('rules with articles and annexes', () => {
  const text = [
    '中山市政务数据管理办法',
    '第一章 总则',
    '第一条 为了加强政务数据管理，根据有关法律法规，结合本市实际，制定本办法。',
    '第二条 本办法适用于本市行政区域内政务数据的管理活动。',
    '第二章 数据采集',
    '第三条 政务部门应当按照一数一源的原则采集数据。',
    '附件1',
    '一、数据目录编制要求',
    '二、数据共享申请表',
    '附件2 名词解释',
    '一、政务数据：政务部门在履行职责过程中产生的数据。',
  ].join('\n')
  const doc = parsed(text)

  it('reads the articles under their chapters and each annex as a part of its own', () => {
    expect(doc.kind).toBe('rules')
    expect(doc.sections.filter((s) => s.depth === 0).map((s) => [s.style, s.title])).toEqual([
      ['chapter', '总则'],
      ['chapter', '数据采集'],
      ['annex', ''],
      ['annex', '名词解释'],
    ])
    expect(doc.items.map((i) => i.path)).toContain('2.第3条')
    expect(doc.warnings.map((w) => w.code)).not.toContain('missing-heading')
  })
})

describe('page furniture from the data file', () => {
  it.each([
    ['下载', 'page-control'],
    ['【字号：', 'page-control'],
    ['】', 'page-control'],
    ['首页', 'breadcrumb'],
    ['【法宝引证码】 CLI.11.1598088', 'citation-code'],
    ['原文链接：https://www.pkulaw.com/lar/0dc4a42aa439a46d1bcb31e8423e6a87bdfb.html', 'source-link'],
    ['2026年02月10日 07时41分', 'publish-time'],
    ['2026-02-03 09:02:33', 'publish-time'],
    ['相关报道：', 'related-links'],
    ['— 7 —', 'page-number'],
    ['Public domain', 'licence'],
  ])('sets %s aside as %s', (line, rule) => {
    const doc = parsed(`${line}\n一、总体要求\n以习近平新时代中国特色社会主义思想为指导，推进数字政府建设。`)
    const region = doc.regions.find((r) => doc.sourceText.slice(...r.span).trim() === line)
    expect(region?.kind).toBe('boilerplate')
    expect(region?.note).toBe(rule)
  })

  it('cuts a newspaper’s (下转第3版) out of the sentence it interrupts', () => {
    const doc = parsed(
      '一、2023年工作回顾\n五尖山成功创建4A级景区，(下转第3版)君山获评中国最佳休闲度假旅游目的地。',
    )
    const cut = doc.regions.find((r) => r.note === 'page-continuation')
    expect(cut && doc.sourceText.slice(...cut.span)).toBe('(下转第3版)')
  })
})

describe('what a document calls itself', () => {
  it.each([
    ['为加快推进数字山东建设，制定本行动方案。\n一、打造协同高效的数字政府', 'action-plan'],
    [
      '第一章 总则\n第一条 为加快青岛市人工智能产业园建设，制定本细则。\n第二条 本实施细则适用于智算谷。',
      'rules',
    ],
    ['为深入实施创新驱动发展战略，现提出如下意见。\n一、总体要求', 'opinion'],
  ] as const)('reads the genre of an untitled text from its own words (%#)', (text, kind) => {
    const doc = parsed(text, 'S006_province_山东省_2019-03-21.txt')
    expect(doc.kind).toBe(kind)
    expect(doc.warnings.map((w) => w.code)).not.toContain('unknown-layout')
  })

  it('says so when it names no genre the parser knows', () => {
    const doc = parsed(
      '今年以来，青岛市行政审批服务局立足于政务服务数字化供给。\n一、推行“零材料+自动获取”申报模式',
    )
    expect(doc.kind).toBe('other')
    expect(doc.warnings.map((w) => w.code)).toContain('unknown-layout')
  })

  it.each([
    [
      '青岛市支持省级数字经济园区建设等\n\n奖补政策实施细则\n\n第一章 总则',
      '青岛市支持省级数字经济园区建设等奖补政策实施细则',
    ],
    [
      '济南市工业和信息化局\n关于印发《济南市智能网联汽车道路测试与\n示范应用管理办法（试行）》的通知\n各区县：',
      '济南市智能网联汽车道路测试与示范应用管理办法(试行)',
    ],
    [
      '欢迎访问仓山区人民政府门户网站\n福州市仓山区“十四五”智能仓山专项规划',
      '福州市仓山区“十四五”智能仓山专项规划',
    ],
  ])('reads a title printed over two lines (%#)', (text, title) => {
    expect(parsed(text).title).toBe(title)
  })
})

describe('the government a text is about, from the places it names', () => {
  it('takes the city whose counties a report names, when nothing else names it', () => {
    const text = [
      '各位代表：',
      '现在，我代表市人民政府向大会报告工作。',
      '一、2023年工作回顾',
      '隆昌市、威远县、资中县经济总量稳步增长，东兴区、市中区城市品质持续提升，隆昌市入选全国县域经济百强，四川省重点项目加快建设。',
    ].join('\n')
    const doc = parsed(text, 'report.txt')
    expect(doc.jurisdiction).toMatchObject({ name: '内江市', level: 'city', parent: '四川省' })
    expect(doc.warnings.map((w) => w.code)).toContain('jurisdiction-from-places-named')
  })

  it('takes no province from a text that names one city of it over and over', () => {
    const text =
      '为推动济南市人工智能产业发展，济南市、山东省各有关部门协同，济南市历下区、济南市市中区、山东省重点园区共同推进。'
    expect(parsed(text, 'policy.txt').jurisdiction?.level).not.toBe('province')
  })
})

describe('parts of a plan', () => {
  it('takes the topical parts after the goals part as tasks, and the 发展基础 item as a review', () => {
    const text = [
      '山东省“十四五”教育事业发展规划',
      '一、发展基础',
      '“十三五”时期，全省教育事业取得显著成就，学前教育毛入园率达到90%。',
      '二、总体要求',
      '（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导。',
      '（二）主要目标。到2025年，学前教育毛入园率达到92%以上。',
      '三、全面落实立德树人根本任务',
      '（一）加强思想政治教育。完善大中小学思政课一体化建设。',
      '四、强化组织领导和实施',
      '（一）加强党的领导。健全党委统一领导的教育领导体制。',
    ].join('\n')
    const doc = parsed(text)
    expect(doc.sections.filter((s) => s.depth === 0).map((s) => s.role)).toEqual(['goals', 'tasks', 'tasks'])
    const target = doc.items.find((i) => i.text.includes('92%'))
    expect([target?.role, doc.items.find((i) => i.text.includes('90%'))?.role]).toEqual(['goals', 'review'])
    expect(doc.items.find((i) => i.text.includes('思政课'))?.role).toBe('tasks')
  })
})

describe('parts of a work report, from lines cut from real reports', () => {
  it('takes 2024年主要工作 printed alone on its line as the tasks part (德阳 2024)', () => {
    const text = [
      '各位代表：',
      '现在，我代表市人民政府，向大会报告工作，请予审议。',
      '2023年工作回顾',
      '刚刚过去的2023年，是全面贯彻党的二十大精神的开局之年。',
      '2024年主要工作',
      '今年是中华人民共和国成立75周年，是实施“十四五”规划的关键一年。',
      '一、推动同城融圈走深走实，持续增强区域发展势能。坚定实施“同城融圈”战略，深度融入现代化成都都市圈。',
    ].join('\n')
    const doc = parsed(text)
    expect(doc.sections.filter((s) => s.depth === 0).map((s) => [s.title, s.role])).toEqual([
      ['2023年工作回顾', 'review'],
      ['2024年主要工作', 'tasks'],
    ])
  })

  it('reads a part on the work of the year before the report’s as its review (浙江 2026)', () => {
    const text = [
      '2026年浙江省政府工作报告',
      '2026年1月14日在浙江省第十四届人民代表大会第四次会议上',
      '一、2025年主要工作和“十四五”发展成就',
      '2025年是极不平凡的一年，面对错综复杂的外部环境和艰巨繁重的改革发展稳定任务，全省经济稳中有进。',
      '二、“十五五”时期的主要目标任务',
      '今后五年，全省经济社会发展的主要目标是：经济保持合理增长。',
      '三、2026年重点工作',
      '（一）着力提振市场信心增强社会预期。坚持稳中求进工作总基调。',
    ].join('\n')
    const doc = parsed(text)
    expect(doc.year).toBe(2026)
    expect(doc.sections.filter((s) => s.depth === 0).map((s) => s.role)).toEqual(['review', 'goals', 'tasks'])
  })

  it('takes no 第一、 inside a heading’s words for a label (广州 2024)', () => {
    const text = [
      '一、2023年工作回顾',
      '一年来，我们全力以赴推动经济回升向好。',
      '二、2024年工作安排',
      '（一）纵深推进新阶段粤港澳大湾区建设，强化引领高质量发展的核心引擎功能。坚持以大湾区建设为纲。',
      '（二）坚持产业第一、制造业立市，厚植经济发展优势。坚持把发展经济的着力点放在实体经济上，加快形成新质生产力。',
    ].join('\n')
    const items = parsed(text).items.filter((i) => i.path.startsWith('2.'))
    expect(items.map((i) => [i.path, i.heading])).toEqual([
      ['2.(一)', '纵深推进新阶段粤港澳大湾区建设，强化引领高质量发展的核心引擎功能'],
      ['2.(二)', '坚持产业第一、制造业立市，厚植经济发展优势'],
    ])
  })
})

describe('words ending in 一 from data/layouts.json', () => {
  // 河南 2026: “五统一、一开放” is a word and a quote, not the label 一、
  const text = [
    '一、2025年工作回顾',
    '一年来，我们全力以赴推动经济回升向好。',
    '二、2026年工作安排',
    '（一）落实“五统一、一开放”要求，融入服务全国统一大市场建设。建立150项年度任务清单，开展10项重点事项攻坚。',
  ].join('\n')
  const source = { text, encoding: 'utf-8', format: 'text', path: 'report.txt' } as const
  const headings = (doc: PlanDocument) =>
    doc.items.filter((i) => i.path.startsWith('2.')).map((i) => [i.path, i.heading])

  it('keeps 统一、 inside a heading as words', () => {
    expect(headings(parseDocument(source))).toEqual([
      ['2.(一)', '落实“五统一、一开放”要求，融入服务全国统一大市场建设'],
    ])
  })

  it('reads the words from the layouts file: without 统一 the 一、 is taken for a label', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-layouts-'))
    const data = JSON.parse(readFileSync(join('data', 'layouts.json'), 'utf8'))
    data.wordsEndingInOne.words = data.wordsEndingInOne.words.filter((w: string) => w !== '统一')
    const file = join(dir, 'layouts.json')
    writeFileSync(file, JSON.stringify(data))
    try {
      expect(headings(parseDocument(source, { layoutsFile: file }))).not.toEqual(
        headings(parseDocument(source)),
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('what a text calls itself by 本市, 全省', () => {
  it.each([
    [
      '强化银行信贷、担保和保险、创业投资、资本市场等多元化资本对数字经济领域科技型中小企业融资支持力度。',
      [],
    ],
    ['力争三年内，数字经济占全省GDP比重超过50%。', ['省']],
    ['结合本市实际，制定本办法。', ['市']],
  ])('reads %s', (text, words) => {
    expect(selfWords(text)).toEqual(words)
  })
})

describe('lead sentences inside a paragraph', () => {
  // 2026年山东省政府工作报告: three tasks run into one paragraph, each opened by a short sentence naming it
  const paragraph =
    '做强现代化产业体系重要载体。坚持智能化、绿色化、融合化方向，推进产业结构优化升级，加快构建以先进制造业为骨干的现代化产业体系。优化提升传统产业。实施产业提质升级“1+9”行动和12个重点产业稳增长方案，实施补链强链重点项目1900个。实施工业企业规模跃升行动，新培育独角兽、小巨人、单项冠军企业300家以上。培育壮大新兴产业和未来产业。集中要素资源打造高端装备、信息技术服务、新能源、新材料等4个万亿级新兴支柱产业。'
  const text = [
    '2026年山东省政府工作报告',
    '——2026年1月在山东省第十四届人民代表大会第五次会议上',
    '三、2026年重点工作',
    '（二）在因地制宜发展新质生产力上下功夫、求实效。推动科技创新与产业创新深度融合。',
    paragraph,
  ].join('\n')
  const doc = parsed(text)

  it('cuts the paragraph before each sentence, a short sentence naming a task staying with the one after it', () => {
    const items = doc.items.filter((i) => i.span[0] >= text.indexOf(paragraph))
    expect(items.map((i) => i.heading)).toEqual([
      '做强现代化产业体系重要载体',
      '优化提升传统产业',
      '',
      '培育壮大新兴产业和未来产业',
    ])
    expect(items[2]?.text).toBe('实施工业企业规模跃升行动，新培育独角兽、小巨人、单项冠军企业300家以上。')
    expect(items.map((i) => i.text).join('')).toBe(paragraph)
    for (const item of items) expect(doc.sourceText.slice(...item.span)).toBe(item.text)
    expect(items.every((i) => i.role === 'tasks')).toBe(true)
  })

  it('keeps a short sentence with a figure (a result) in the item it reports on', () => {
    // 2025年云南省政府工作报告: 新晋国家等级博物馆8个。 is a result of the lead before it, not a task
    const review = [
      '一、2024年工作回顾',
      '（七）民生保障扎实有力。全民健身公共服务体系不断完善。高标准承办第三届全民阅读大会。新晋国家等级博物馆8个。3部作品荣获第十七届精神文明建设“五个一工程”优秀作品奖。',
    ].join('\n')
    const items = parsed(review).items
    expect(items.map((i) => i.text.slice(0, 6))).toEqual(['全民健身公共', '高标准承办第'])
    expect(items.at(-1)?.text).toBe(
      '高标准承办第三届全民阅读大会。新晋国家等级博物馆8个。3部作品荣获第十七届精神文明建设“五个一工程”优秀作品奖。',
    )
  })
})

describe('paragraphs too long to be one item', () => {
  // 2025年广东省政府工作报告: a review paragraph of 1,280 characters states a result in each sentence
  const paragraph =
    '二是加力提速实施“百县千镇万村高质量发展工程”，城乡区域发展协调性不断增强。推进优势塑造、结构调整、动力增强、价值实现，城乡居民收入比缩小至2.31:1，17个区、2个县(市)、124个镇获评全国百强区、百强县、千强镇，东莞长安成为全省第3个地区生产总值超千亿元镇。推动县域特色、集聚、联动发展，支持珠三角与粤东粤西粤北在项目导入、园区开发、招商引资、利益共享等方面加强协同联动，培育壮大县域特色优势产业，推动出台促进产业有序转移条例，15个主平台新承接产业转移项目约700个、总投资约3000亿元。开展首批15个以县城为重要载体的新型城镇化建设试点，57个县(市)整体经济增速快于全省，县域的人口集聚效应增强。处置批而未供土地33.2万亩、闲置土地2.8万亩。统筹推进纵向横向帮扶和驻镇帮镇扶村，形成各方力量踊跃参与“百千万工程”的生动局面。海上新广东画卷徐徐铺展。'
  const text = ['2025年广东省政府工作报告', '一、2024年工作回顾', paragraph].join('\n')
  const doc = parsed(text)
  const items = doc.items.filter((i) => i.span[0] >= text.indexOf(paragraph))

  it('cuts it before each sentence, keeping every character once and each span on its text', () => {
    expect(paragraph.length).toBeGreaterThan(300)
    expect(items.map((i) => i.text).join('')).toBe(paragraph)
    for (const item of items) expect(doc.sourceText.slice(...item.span)).toBe(item.text)
    expect(items.map((i) => i.text.slice(0, 6))).toEqual([
      '二是加力提速',
      '推进优势塑造',
      '推动县域特色',
      '开展首批15',
      // 处置批而未供土地…。 is shorter than a part: the sentence after it goes with it
      '处置批而未供',
    ])
    expect(items.at(-1)?.text).toContain('统筹推进纵向横向帮扶')
    // the closing sentence is too short to stand alone and stays with the last result
    expect(items.at(-1)?.text.endsWith('海上新广东画卷徐徐铺展。')).toBe(true)
    expect(items.every((i) => i.role === 'review')).toBe(true)
  })

  it('does not cut inside a quotation, nor between two sentence ends', () => {
    // 2026年重庆市政府工作报告: the ！ of “你好！重庆” ends no sentence of the paragraph
    const quoted =
      '推进“文旅+百业”融合发展，做靓“渝味360碗”美食品牌，升级“新韵重庆”无人机灯光秀展演品牌。深化数字文化建设，优化“AI+智慧文旅”等综合场景。开展“你好！重庆”“向世界讲述重庆”等品牌推介，落地澜湄旅游城市合作联盟总部。'
    // 2026年重庆市政府工作报告 as published: 前1?。 (a character lost in conversion) before the next result
    const garbled =
      '85个学科进入ESI世界学科排名前1%、1个学科进入前1?。医疗服务更加优质高效，新增2个国家区域医疗中心、40个国家临床重点专科。'
    const doc = parsed(['2026年重庆市政府工作报告', '三、2026年重点工作', quoted, garbled].join('\n'))
    const texts = doc.items.map((i) => i.text)
    expect(texts.some((t) => t.startsWith('重庆”'))).toBe(false)
    expect(texts.some((t) => t.includes('开展“你好！重庆”“向世界讲述重庆”等品牌推介'))).toBe(true)
    expect(texts).toContain('医疗服务更加优质高效，新增2个国家区域医疗中心、40个国家临床重点专科。')
    expect(texts.join('')).toBe(quoted + garbled)
  })

  it('keeps a sentence shorter than minPartChars with the next', () => {
    const short = '推动县域特色、集聚、联动发展。开展首批15个以县城为重要载体的新型城镇化建设试点。'
    const one = parsed(['2025年广东省政府工作报告', '一、2024年工作回顾', short].join('\n'))
    expect(one.items.filter((i) => i.text.includes('县域')).map((i) => i.text)).toEqual([short])
  })

  it('keeps a paragraph no longer than a user layout’s maxChars whole', () => {
    const two =
      '推动县域特色、集聚、联动发展，支持珠三角与粤东粤西粤北在项目导入、园区开发、招商引资、利益共享等方面加强协同联动。开展首批15个以县城为重要载体的新型城镇化建设试点，57个县(市)整体经济增速快于全省。'
    const source = ['2025年广东省政府工作报告', '一、2024年工作回顾', two].join('\n')
    const texts = (d: PlanDocument) => d.items.filter((i) => i.text.includes('县')).map((i) => i.text)
    // the shipped layout cuts every paragraph before each sentence
    expect(texts(parsed(source))).toEqual([two.slice(0, two.indexOf('开展')), two.slice(two.indexOf('开展'))])
    const layouts = JSON.parse(readFileSync('data/layouts.json', 'utf8'))
    for (const layout of layouts.layouts)
      if (layout.longParagraph) layout.longParagraph = { ...layout.longParagraph, maxChars: 300 }
    const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-layouts-'))
    const layoutsFile = join(dir, 'layouts.json')
    writeFileSync(layoutsFile, JSON.stringify(layouts))
    try {
      const whole = parseDocument(
        { text: source, encoding: 'utf-8', format: 'text', path: 'report.txt' },
        { layoutsFile },
      )
      expect(texts(whole)).toEqual([two])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
