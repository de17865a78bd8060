import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { DocumentKind, Jurisdiction, Period } from '../src/model/index.js'
import { NATIONAL } from '../src/parse/divisions.js'
import {
  type InferredMetadata,
  inferMetadata,
  kindOfTitle,
  titleWithoutDraftNote,
} from '../src/parse/metadata.js'

/** What the normalize stage hands over: full-width ASCII half-width, CRLF -> LF. */
function normalized(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\r\n?/g, '\n')
}

const seed = (name: string) =>
  normalized(readFileSync(new URL(`../seeds/${name}.txt`, import.meta.url), 'utf8'))

const fujian: Jurisdiction = {
  name: '福建省',
  level: 'province',
  code: '350000',
  parent: '中华人民共和国',
  parentCode: null,
}
const fuzhou: Jurisdiction = {
  name: '福州市',
  level: 'city',
  code: '350100',
  parent: '福建省',
  parentCode: '350000',
}
const xiamen: Jurisdiction = {
  name: '厦门市',
  level: 'city',
  code: '350200',
  parent: '福建省',
  parentCode: '350000',
}
const cangshan: Jurisdiction = {
  name: '仓山区',
  level: 'district',
  code: '350104',
  parent: '福州市',
  parentCode: '350100',
}

type Expected = Omit<InferredMetadata, 'warnings'> & { warnings: string[] }

function summary(metadata: InferredMetadata) {
  return { ...metadata, warnings: metadata.warnings.map((w) => w.code) }
}

describe('inferMetadata on the seeds (see seeds/README.md)', () => {
  it.each<[string, Expected]>([
    [
      'fujian-2019',
      {
        title: '2019年数字福建工作要点',
        issuer: '福建省人民政府办公厅',
        jurisdiction: fujian,
        year: 2019,
        period: { from: 2019, to: 2019 },
        kind: 'work-plan',
        warnings: [],
      },
    ],
    [
      'fuzhou-2019',
      {
        title: '2019年数字福州工作要点',
        issuer: null,
        jurisdiction: fuzhou,
        year: 2019,
        period: { from: 2019, to: 2019 },
        kind: 'work-plan',
        warnings: [],
      },
    ],
    [
      'fuzhou-2025',
      {
        title: '2025年数字福州工作要点',
        issuer: null,
        jurisdiction: fuzhou,
        year: 2025,
        period: { from: 2025, to: 2025 },
        kind: 'work-plan',
        warnings: ['inferred-title'],
      },
    ],
    [
      'xiamen-2022',
      {
        title: '2022年数字厦门工作要点',
        issuer: '厦门市人民政府办公厅',
        jurisdiction: xiamen,
        year: 2022,
        period: { from: 2022, to: 2022 },
        kind: 'work-plan',
        warnings: [],
      },
    ],
    [
      'cangshan-2022',
      {
        title: '福州市仓山区“十四五”智能仓山专项规划(征求意见稿)',
        issuer: '福州市仓山区人民政府',
        jurisdiction: cangshan,
        year: 2022,
        period: { from: 2021, to: 2025 },
        kind: 'five-year-plan',
        warnings: ['draft'],
      },
    ],
  ])('reads %s', (name, expected) => {
    expect(summary(inferMetadata(seed(name), { fileName: `${name}.txt` }))).toEqual(expected)
  })
})

describe('inferMetadata on the openings of other plans', () => {
  it.each<[string, string, Partial<Expected>]>([
    [
      'takes the plan a State Council notice issues, and the whole country',
      '国务院关于印发“十四五”数字经济发展规划的通知\n国发〔2021〕29号\n各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n现将《“十四五”数字经济发展规划》印发给你们,请认真贯彻执行。\n国务院\n2021年12月12日\n(此件公开发布)\n“十四五”数字经济发展规划\n数字经济是继农业经济、工业经济之后的主要经济形态。',
      {
        title: '“十四五”数字经济发展规划',
        issuer: '国务院',
        jurisdiction: NATIONAL,
        year: 2021,
        period: { from: 2021, to: 2025 },
        kind: 'five-year-plan',
      },
    ],
    [
      'strips the 《》 of a plan a provincial notice issues',
      '上海市人民政府办公厅关于印发《上海市全面推进城市数字化转型“十四五”规划》的通知\n各区人民政府,市政府各委、办、局:\n经市政府同意,现将《上海市全面推进城市数字化转型“十四五”规划》印发给你们,请认真按照执行。',
      {
        title: '上海市全面推进城市数字化转型“十四五”规划',
        issuer: '上海市人民政府办公厅',
        jurisdiction: {
          name: '上海市',
          level: 'province',
          code: '310000',
          parent: '中华人民共和国',
          parentCode: null,
        },
        period: { from: 2021, to: 2025 },
        kind: 'five-year-plan',
      },
    ],
    [
      'reads the year of a work plan from its title',
      '广东省人民政府办公厅关于印发广东省数字政府改革建设2021年工作要点的通知\n各地级以上市人民政府,省政府各部门、各直属机构:',
      {
        title: '广东省数字政府改革建设2021年工作要点',
        issuer: '广东省人民政府办公厅',
        jurisdiction: {
          name: '广东省',
          level: 'province',
          code: '440000',
          parent: '中华人民共和国',
          parentCode: null,
        },
        year: 2021,
        period: { from: 2021, to: 2021 },
        kind: 'work-plan',
      },
    ],
    [
      'takes the first line that looks like a title, and the period of its brackets',
      '仓山区智能产业发展三年行动计划(2020-2022年)\n为加快智能产业发展,制定本行动计划。',
      {
        title: '仓山区智能产业发展三年行动计划(2020-2022年)',
        issuer: null,
        jurisdiction: cangshan,
        year: 2020, // estimated: the first year of its period (warning year-estimated)
        period: { from: 2020, to: 2022 },
        kind: 'action-plan',
      },
    ],
    [
      'counts a 十四五 纲要 of a municipality as a five-year plan of a province-level place',
      '北京市“十四五”时期智慧城市发展行动纲要\n一、发展基础',
      {
        title: '北京市“十四五”时期智慧城市发展行动纲要',
        jurisdiction: {
          name: '北京市',
          level: 'province',
          code: '110000',
          parent: '中华人民共和国',
          parentCode: null,
        },
        period: { from: 2021, to: 2025 },
        kind: 'five-year-plan',
      },
    ],
    [
      'reads 十三五 as 2016-2020 and a 数字X short name in a title',
      '福建省“十三五”数字福建专项规划\n前言',
      { jurisdiction: fujian, period: { from: 2016, to: 2020 }, kind: 'five-year-plan' },
    ],
    [
      'reads a city of another province',
      '深圳市数字政府和智慧城市“十四五”发展规划\n第一章 发展基础',
      {
        jurisdiction: {
          name: '深圳市',
          level: 'city',
          code: '440300',
          parent: '广东省',
          parentCode: '440000',
        },
        kind: 'five-year-plan',
      },
    ],
    [
      'takes the issuer heading an opinion and its date line',
      '中共中央 国务院关于构建数据基础制度更好发挥数据要素作用的意见\n(2022年12月2日)\n数据作为新型生产要素,是数字化、网络化、智能化的基础。',
      {
        title: '中共中央 国务院关于构建数据基础制度更好发挥数据要素作用的意见',
        issuer: '中共中央 国务院',
        jurisdiction: NATIONAL,
        year: 2022,
        period: null,
        kind: 'opinion',
      },
    ],
    [
      'counts a ministry as national',
      '工业和信息化部关于印发“十四五”信息化和工业化深度融合发展规划的通知\n工信部规〔2021〕182号',
      {
        title: '“十四五”信息化和工业化深度融合发展规划',
        issuer: '工业和信息化部',
        jurisdiction: NATIONAL,
        kind: 'five-year-plan',
      },
    ],
    [
      'takes whatever a notice issues, a 指南 too',
      '国务院办公厅关于印发全国一体化政务大数据体系建设指南的通知\n国办函〔2022〕102号',
      {
        title: '全国一体化政务大数据体系建设指南',
        issuer: '国务院办公厅',
        jurisdiction: NATIONAL,
        kind: 'other',
      },
    ],
    [
      'skips a breadcrumb and tells a namesake district by the issuer under its title',
      '首页 > 政务公开 > 规划计划\n鼓楼区“十四五”数字鼓楼专项规划\n福州市鼓楼区人民政府\n2021年12月\n第一章 发展基础',
      {
        title: '鼓楼区“十四五”数字鼓楼专项规划',
        issuer: '福州市鼓楼区人民政府',
        jurisdiction: {
          name: '鼓楼区',
          level: 'district',
          code: '350102',
          parent: '福州市',
          parentCode: '350100',
        },
        year: 2021,
      },
    ],
    [
      'never takes a cited plan for the title',
      '根据《福州市“十四五”数字福州专项规划》《2025年数字福建工作要点》,现将有关事项通知如下:\n一、工作目标',
      { title: 'notes', jurisdiction: null, year: null, period: null, kind: 'other' },
    ],
    [
      'never takes a plan to be issued by a task (出台《…》) for the title',
      '2025年是数字福建建设25周年。今年数字福州建设工作的总体目标是:加快建设。\n一、夯实基础\n1.出台《福州市“数据要素×”三年行动计划》,拓展数据要素应用广度和深度。',
      { title: '2025年数字福州工作要点', jurisdiction: fuzhou, kind: 'work-plan' },
    ],
  ])('%s', (_, text, expected) => {
    const metadata = summary(inferMetadata(normalized(text), { fileName: 'corpus/notes.txt' }))
    expect(metadata).toMatchObject(expected)
  })

  // the year of issue where the text prints it in a way other than an Arabic date near the title
  it.each<[string, string, number | null, string[]]>([
    [
      'a meeting line in Chinese numerals (2026年甘肃省政府工作报告)',
      '——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上\n各位代表：\n现在，我代表省人民政府，向大会报告工作，请予审议。',
      2026,
      [],
    ],
    [
      "the notice's own number on its line (国发〔2021〕29号), not the period's first year",
      '国务院关于印发“十四五”数字经济发展规划的通知\n国发〔2021〕29号\n各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n现将《“十四五”数字经济发展规划》印发给你们,请认真贯彻执行。',
      2021,
      [],
    ],
    [
      'the number of the notice under a wrapper (包府办发〔2022〕43号)',
      '包头市人民政府办公室关于印发数字政府建设考评办法的通知\n包府办发〔2022〕43号\n各旗、县、区人民政府，稀土高新区管委会，市直有关部门、单位：',
      2022,
      [],
    ],
    [
      'never the number of a document cited in a sentence (建市〔2020〕60号)',
      '为贯彻落实住房城乡建设部等部门《关于推动智能建造与建筑工业化协同发展的指导意见》（建市〔2020〕60号）文件精神，加快推进智能建造与建筑工业化协同发展。',
      null,
      ['missing-year'],
    ],
    [
      'the date line the text ends with (an issuer printed as a seal is lost)',
      '一、总体要求\n对接“一带一路”倡议，支持有实力的企业积极参加国内外大型人工智能等展览会、博览会。\n2019年5月17日\n',
      2019,
      [],
    ],
    [
      'a report that names its own year as the present (2024年绵阳市政府工作报告)',
      '各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。2023年是全面贯彻党的二十大精神的开局之年，也是对绵阳具有特殊重要意义的一年。\n2024年是实施“十四五”规划的关键一年，做好今年工作至关重要。',
      2024,
      [],
    ],
    [
      'never the year reviewed, with no 今年 near it',
      '各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。2023年是全面贯彻党的二十大精神的开局之年，也是对绵阳具有特殊重要意义的一年。',
      null,
      ['missing-year'],
    ],
    [
      'never a target year alone (到2025年)',
      '为加快推进人工智能岛建设，制定本方案。\n一、主要目标\n到2025年，人工智能产业规模突破100亿元。',
      null,
      ['missing-year'],
    ],
  ])('reads the year from %s', (_, text, year, yearWarnings) => {
    const metadata = summary(inferMetadata(normalized(text), { fileName: 'doc-001.txt' }))
    expect(metadata.year).toBe(year)
    expect(metadata.warnings.filter((w) => w.includes('year'))).toEqual(yearWarnings)
  })

  it.each<[string, string[]]>([
    ['浙江省数字政府建设“十四五”规划\n一、发展基础', ['year-estimated']],
    [
      '根据有关要求,现将有关事项通知如下:\n一、工作目标',
      ['missing-title', 'missing-year', 'missing-jurisdiction'],
    ],
    ['朝阳区“十四五”时期新型智慧城市建设规划\n第一章 发展基础', ['year-estimated', 'ambiguous-jurisdiction']],
  ])('warns about what it cannot find in %j: %j', (text, codes) => {
    expect(summary(inferMetadata(text, { fileName: 'x.txt' })).warnings).toEqual(codes)
  })
})

describe('options override what is inferred', () => {
  const text = seed('fuzhou-2019')
  it.each<[string, Parameters<typeof inferMetadata>[1], Partial<InferredMetadata>]>([
    ['the title', { title: '数字福州2019' }, { title: '数字福州2019' }],
    ['the year', { year: 2020 }, { year: 2020 }],
    ['the period', { period: { from: 2018, to: 2020 } }, { period: { from: 2018, to: 2020 } }],
    ['the kind', { kind: 'action-plan' }, { kind: 'action-plan' }],
    ['the jurisdiction by name', { jurisdiction: '仓山区' }, { jurisdiction: cangshan }],
    ['the jurisdiction by short name', { jurisdiction: '厦门' }, { jurisdiction: xiamen }],
    [
      'the jurisdiction field by field',
      { jurisdiction: { name: '福州新区', level: 'district', parent: '福州市' } },
      {
        jurisdiction: { name: '福州新区', level: 'district', code: null, parent: '福州市', parentCode: null },
      },
    ],
    [
      'one field of the inferred jurisdiction',
      { jurisdiction: { parent: '中华人民共和国' } },
      { jurisdiction: { ...fuzhou, parent: '中华人民共和国' } },
    ],
  ])('%s', (_, options, expected) => {
    expect(inferMetadata(text, options)).toMatchObject(expected)
  })

  it('throws bad-option for a jurisdiction it cannot place without a level', () => {
    expect(() => inferMetadata(text, { jurisdiction: '数字福州' })).toThrow(
      expect.objectContaining({ code: 'bad-option' }),
    )
  })
})

describe('titles, kinds and periods', () => {
  it.each<[string, string]>([
    ['福州市仓山区“十四五”智能仓山专项规划(征求意见稿)', '福州市仓山区“十四五”智能仓山专项规划'],
    ['XX市数字经济发展规划(草案)', 'XX市数字经济发展规划'],
    ['XX县数字乡村建设实施方案(试行)', 'XX县数字乡村建设实施方案(试行)'],
  ])('compares %s as %s', (title, plain) => {
    expect(titleWithoutDraftNote(title)).toBe(plain)
  })

  it.each<[string, Period | null, DocumentKind]>([
    ['2019年数字福建工作要点', null, 'work-plan'],
    ['福建省“十四五”数字福建专项规划', { from: 2021, to: 2025 }, 'five-year-plan'],
    ['数字中国建设整体布局规划', null, 'special-plan'],
    ['数字福州建设三年行动计划(2018-2020年)', { from: 2018, to: 2020 }, 'action-plan'],
    ['关于加快数字经济发展的实施方案', null, 'implementation-plan'],
    ['关于加快推进数字政府建设的指导意见', null, 'opinion'],
    ['关于做好2023年数字经济工作的通知', null, 'notice'],
    ['数字福建建设白皮书', null, 'other'],
  ])('calls %s a %2$s', (title, period, kind) => {
    expect(kindOfTitle(title, period)).toBe(kind)
  })

  it.each<[string, Period]>([
    ['“十一五”规划', { from: 2006, to: 2010 }],
    ['“十二五”规划', { from: 2011, to: 2015 }],
    ['“十三五”规划', { from: 2016, to: 2020 }],
    ['“十四五”规划', { from: 2021, to: 2025 }],
    ['“十五五”规划', { from: 2026, to: 2030 }],
    ['国民经济和社会发展第十四个五年规划', { from: 2021, to: 2025 }],
    ['智慧城市建设规划(2021—2025年)', { from: 2021, to: 2025 }],
    ['智慧城市建设规划(2021年-2023年)', { from: 2021, to: 2023 }],
    // 山东省服务业数字化转型行动方案(2021—2023): the bracket closes with no 年
    ['山东省服务业数字化转型行动方案(2021—2023)', { from: 2021, to: 2023 }],
  ])('reads the period of %s', (title, period) => {
    expect(inferMetadata('', { title }).period).toEqual(period)
  })
})
