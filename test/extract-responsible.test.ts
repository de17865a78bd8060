import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { extractResponsible, findResponsibleClauses, loadUnitAliases, splitUnits } from '../src/extract'

/** What the pipeline's normalizer does before the extract stage, one character for one. */
function normalizeLike(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ（）％．＋]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

describe('extractResponsible reads every printed form', () => {
  it.each([
    [
      '办好峰会。努力把它打造成为数字经济领域最高级别峰会。(责任单位:市大数据委、市直各有关单位)',
      ['市大数据委', '市直各有关单位'],
      [],
    ],
    [
      '进一步提高企业参与度。(牵头责任单位:市数据管理局;相关责任单位:市工信局等市直有关单位,福州古厝集团、数字福州集团)',
      ['市数据管理局'],
      ['市工信局', '市直有关单位', '福州古厝集团', '数字福州集团'],
    ],
    [
      '项目签约数保持全省双第一。〔牵头责任单位:市数据管理局;相关责任单位:福州新区管委会,市工信局、市国资委等市直有关单位,市招商服务中心,各县(市)区政府、高新区管委会,数字福州集团〕',
      ['市数据管理局'],
      [
        '福州新区管委会',
        '市工信局',
        '市国资委',
        '市直有关单位',
        '市招商服务中心',
        '各县(市)区政府',
        '高新区管委会',
        '数字福州集团',
      ],
    ],
    [
      '探索建立行政审批服务事项信息共享存档机制。［责任单位：省数字办、经济信息中心，省直各部门，各市、县（区）人民政府，平潭综合实验区管委会，数字中国研究院］',
      [
        '省数字办',
        '经济信息中心',
        '省直各部门',
        '各市、县(区)人民政府',
        '平潭综合实验区管委会',
        '数字中国研究院',
      ],
      [],
    ],
    [
      '完善信用中国(福建)功能。（责任单位：省直有关部门，省经济信息中心，福州、厦门市人民政府）',
      ['省直有关部门', '省经济信息中心', '福州市人民政府', '厦门市人民政府'],
      [],
    ],
    [
      '增强网络安全防护。(牵头单位:区“智慧仓山”管理服务中心;责任单位:区移动公司、区电信公司、区联通公司、区铁塔公司)',
      ['区“智慧仓山”管理服务中心'],
      ['区移动公司', '区电信公司', '区联通公司', '区铁塔公司'],
    ],
    [
      '科学配置执法资源。(牵头单位:区市场监管局;责任单位:、区商务局、区建设局等具有市场监管职能的部门)',
      ['区市场监管局'],
      ['区商务局', '区建设局', '具有市场监管职能的部门'],
    ],
    ['推进窄带物联网建设和应用。(责任单位:区工信局等)', ['区工信局'], []],
    [
      '加强关键信息基础设施保护。(牵头单位:区委网信办;责任部门:区大数据中心、仓山公安分局、区金融办等)',
      ['区委网信办'],
      ['区大数据中心', '仓山公安分局', '区金融办'],
    ],
    [
      '完善工作机制。【牵头单位：市发改委；配合单位：市财政局，市统计局】',
      ['市发改委'],
      ['市财政局', '市统计局'],
    ],
    [
      '深化应用。（责任单位：市行政（市民）服务中心管委会、市大数据服务中心，各县（市）区政府）',
      ['市行政(市民)服务中心管委会', '市大数据服务中心', '各县(市)区政府'],
      [],
    ],
    ['加快推进。\n责任单位：市工信局、市商务局', ['市工信局', '市商务局'], []],
    [
      '推进数据要素市场化配置改革。（省发展改革委牵头，省工业和信息化厅、省大数据局等按职责分工负责）',
      ['省发展改革委'],
      ['省工业和信息化厅', '省大数据局'],
    ],
    ['完善县级融媒体中心。（各设区市人民政府负责）', ['各设区市人民政府'], []],
    ['推进网络安全建设。(市委网信办牵头,市公安局配合)', ['市委网信办'], ['市公安局']],
  ])('reads %s', (text, lead, related) => {
    const r = extractResponsible(normalizeLike(text))
    expect(r).not.toBeNull()
    expect(r?.lead).toEqual(lead)
    expect(r?.related).toEqual(related)
    expect(normalizeLike(text).slice(r?.span[0], r?.span[1])).toBe(r?.text)
  })

  it('takes the last clause when an item has several', () => {
    const text = '(一)推进A。(责任单位:市工信局)(二)推进B。(责任单位:市商务局、市财政局)'
    expect(findResponsibleClauses(text)).toHaveLength(2)
    expect(extractResponsible(text)?.lead).toEqual(['市商务局', '市财政局'])
  })

  it('gives null when there is no clause, and ignores brackets without a label', () => {
    expect(extractResponsible('加快5G(第五代移动通信系统)试验网建设。')).toBeNull()
    expect(findResponsibleClauses('启动城市大脑(一期)建设,推动IPv6(互联网协议第六版)部署')).toEqual([])
    expect(findResponsibleClauses('支持企业(含个体工商户)发展,由政府负责兜底(试点)')).toEqual([])
  })

  it('applies aliases when asked, by jurisdiction', () => {
    const aliases = loadUnitAliases()
    const text = '(责任单位:市大数据委、市财政局)'
    expect(extractResponsible(text, { aliases, jurisdiction: '福州市' })?.lead).toEqual([
      '市数据管理局',
      '市财政局',
    ])
    expect(extractResponsible(text, { aliases, jurisdiction: '厦门市' })?.lead).toEqual([
      '市大数据委',
      '市财政局',
    ])
    expect(extractResponsible(text)?.lead).toEqual(['市大数据委', '市财政局'])
  })

  it('splits units only outside brackets', () => {
    expect(splitUnits('市行政(市民)服务中心管委会、各县(市、区)政府;市直有关单位')).toEqual([
      '市行政(市民)服务中心管委会',
      '各县(市、区)政府',
      '市直有关单位',
    ])
  })
})

// ---------------------------------------------------------------------------------------------------

interface GoldClause {
  doc: string
  passage: string
  occurrence?: number
  lead: string[]
  related: string[]
}

const gold = JSON.parse(
  readFileSync(new URL('./fixtures/responsible-gold.json', import.meta.url), 'utf8'),
) as {
  clauses: GoldClause[]
}
const seed = (id: string) =>
  normalizeLike(readFileSync(new URL(`../seeds/${id}.txt`, import.meta.url), 'utf8'))

describe('responsibility clauses of the seeds, against the gold fixture', () => {
  it('has every clause of fuzhou-2019 (28), fuzhou-2025 (29) and fujian-2019', () => {
    const count = (doc: string) => gold.clauses.filter((c) => c.doc === doc).length
    expect(count('fuzhou-2019')).toBe(28)
    expect(count('fuzhou-2025')).toBe(29)
    expect(count('fujian-2019')).toBeGreaterThanOrEqual(25)
    expect(gold.clauses.length).toBeGreaterThanOrEqual(100)
  })

  it.each(['fuzhou-2019', 'fuzhou-2025', 'fujian-2019'])('finds exactly the gold clauses of %s', (doc) => {
    const text = seed(doc)
    const found = findResponsibleClauses(text).map((c) => text.slice(c.span[0], c.span[1]))
    expect(found).toEqual(gold.clauses.filter((c) => c.doc === doc).map((c) => normalizeLike(c.passage)))
  })

  it.each(gold.clauses.map((c) => [`${c.doc}: ${c.passage}`, c] as const))('reads %s', (_, c) => {
    const text = seed(c.doc)
    const passage = normalizeLike(c.passage)
    let at = text.indexOf(passage)
    for (let k = 0; k < (c.occurrence ?? 0); k++) at = text.indexOf(passage, at + 1)
    expect(at).toBeGreaterThanOrEqual(0)
    const r = extractResponsible(text.slice(0, at + passage.length))
    expect(r?.span).toEqual([at, at + passage.length])
    expect({ lead: r?.lead, related: r?.related }).toEqual({ lead: c.lead, related: c.related })
  })
})
