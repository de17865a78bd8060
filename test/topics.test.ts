import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findPackageRoot, loadLexicon, maskResponsibility, tagTopics } from '../src/lexicon/index.js'

const root = findPackageRoot()
const lexicon = loadLexicon()

interface GoldPassage {
  doc: string
  anchor: string
  topics: string[]
}
const gold = JSON.parse(readFileSync(join(root, 'test/fixtures/topics-gold.json'), 'utf8')) as GoldPassage[]

/** The lead phrase: the first sentence when it is short and has no comma (推进数字乡村建设。). */
function leadPhrase(text: string): string {
  const end = text.indexOf('。')
  const first = end < 0 ? '' : text.slice(0, end)
  return first.length > 0 && first.length <= 30 && !/[,，;；]/.test(first) ? first : ''
}

function ids(heading: string, text: string): string[] {
  return tagTopics({ heading, text }, lexicon).map((tag) => tag.id)
}

/** A taxonomy file of the user's, in a folder of its own. */
function writeTaxonomy(topics: unknown[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'plan-cascade-topics-')), 'taxonomy.json')
  writeFileSync(file, JSON.stringify(topics))
  return file
}

describe('taxonomy', () => {
  it('has at least 30 topics with distinct ids, both labels, keywords and patterns', () => {
    expect(lexicon.taxonomy.length).toBeGreaterThanOrEqual(30)
    expect(new Set(lexicon.taxonomy.map((topic) => topic.id)).size).toBe(lexicon.taxonomy.length)
    for (const topic of lexicon.taxonomy) {
      expect(topic.zh).not.toBe('')
      expect(topic.en).not.toBe('')
      expect(topic.keywords.length).toBeGreaterThan(3)
      expect(topic.patterns.length).toBeGreaterThan(0)
    }
  })

  it('covers the topics of digital-government plans', () => {
    expect(lexicon.taxonomy.map((topic) => topic.id)).toEqual(
      expect.arrayContaining([
        'networks-5g',
        'ipv6',
        'data-sharing',
        'open-data',
        'data-market',
        'hotline-12345',
        'online-services',
        'e-licences',
        'mobile-apps',
        'city-brain',
        'gov-cloud',
        'computing-power',
        'ai',
        'blockchain',
        'iot',
        'industrial-internet',
        'digital-economy',
        'industry-digitalization',
        'credit',
        'cybersecurity',
        'xinchuang',
        'smart-healthcare',
        'smart-education',
        'elderly-care',
        'culture-tourism',
        'digital-countryside',
        'ecology',
        'satellite',
        'talent',
        'summit',
      ]),
    )
  })

  it('lets the user add and replace topics', () => {
    const taxonomyFile = writeTaxonomy([
      {
        id: 'cross-strait',
        zh: '两岸融合',
        en: 'cross-strait integration',
        keywords: ['两岸', '闽台', '台胞'],
        patterns: ['两岸.{0,4}融合'],
      },
      { id: 'summit', zh: '峰会', en: 'summit', keywords: ['峰会'], patterns: [] },
    ])
    const extended = loadLexicon({ taxonomyFile })
    expect(extended.taxonomy.length).toBe(lexicon.taxonomy.length + 1)
    expect(extended.taxonomy.find((topic) => topic.id === 'summit')?.zh).toBe('峰会')
    expect(
      tagTopics(
        { heading: '推动数字赋能两岸融合发展', text: '推动数字赋能两岸融合发展。进一步创新两岸交流模式。' },
        extended,
      )[0]?.id,
    ).toBe('cross-strait')
    expect(loadLexicon({ taxonomyFile, replace: true }).taxonomy.map((topic) => topic.id)).toEqual([
      'cross-strait',
      'summit',
    ])
  })

  it('finds keywords holding a blank, keywords two topics share, and not a keyword inside a longer one', () => {
    const taxonomyFile = writeTaxonomy([
      {
        id: 'smart-city',
        zh: '智慧城市',
        en: 'smart city',
        keywords: ['smart city', '城市大脑'],
        patterns: [],
      },
      { id: 'brain', zh: '大脑', en: 'brain', keywords: ['大脑', '城市大脑'], patterns: [] },
    ])
    const own = loadLexicon({ taxonomyFile, replace: true })
    const tagged = (text: string) =>
      tagTopics({ heading: '', text }, own, { threshold: 0, relativeThreshold: 0 })
    expect(tagged('建设Smart City示范区。').map((tag) => tag.id)).toEqual(['smart-city'])
    // 城市大脑 is both topics' keyword; the 大脑 inside it does not count again for the second
    const both = tagged('建成城市大脑。')
    expect(both.map((tag) => tag.id)).toEqual(['brain', 'smart-city'])
    expect(both[0]?.score).toBe(both[1]?.score)
    expect(tagged('建成城市大脑,大脑中枢上线。')[0]?.id).toBe('brain')
  })
})

describe('tagTopics', () => {
  it.each([
    [
      '做大做优12345便民服务平台',
      '做大做优12345便民服务平台。不断扩展12345平台服务内容,建设企业服务平台。',
      'hotline-12345',
    ],
    ['推进数字乡村建设', '推进数字乡村建设。实施数字乡村战略,开展数字农业平台建设。', 'digital-countryside'],
    ['', '加快工业互联网网络建设布局,支持工业互联网标识解析二级节点建设。', 'industrial-internet'],
    ['加快培育区块链产业', '加快培育区块链产业。筹建区块链研究中心,开展区块链技术示范应用。', 'blockchain'],
  ])('tags %s', (heading, text, id) => {
    expect(ids(heading, text)[0]).toBe(id)
  })

  it('does not take the 12320 health line for the 12345 hotline', () => {
    const text = '升级健康福建12320公众服务平台和医疗保障综合管理信息系统,推进互联网医院建设。'
    expect(ids('', text)).not.toContain('hotline-12345')
    expect(ids('', text)).toContain('smart-healthcare')
  })

  it('does not take the 5G industry for 5G network build-out', () => {
    const text =
      '5G产业。重点发展5G手机等智能终端、5G射频和基带芯片等核心器件、光纤光缆和光模块等5G网络设备。规划建设5G产业园。'
    expect(ids('5G产业', text)).not.toContain('networks-5g')
    expect(ids('5G产业', text)).toContain('electronics')
    expect(ids('', '力争新建5G基站1万个、5G虚拟专网50个,推进5G网络深度覆盖。')).toContain('networks-5g')
  })

  it('ignores the units of a responsibility clause', () => {
    const clause = '〔牵头责任单位:市数据管理局;相关责任单位:市卫健委、市教育局、市文旅局(市智慧旅游中心)〕'
    expect(maskResponsibility(`推进数联网试点。${clause}`)).toBe(
      `推进数联网试点。${' '.repeat(clause.length)}`,
    )
    expect(ids('', `积极开展数联网试点建设。${clause}`)).toEqual(['data-market'])
  })

  it('does not count a statistic listed in passing', () => {
    expect(
      ids('', '推动云计算、大数据、物联网、人工智能、区块链等新一代信息技术和实体经济融合发展。'),
    ).not.toContain('blockchain')
  })

  it('scores in [0, 1], best first, ties by id, the same every time', () => {
    for (const passage of gold.slice(0, 40)) {
      const tags = tagTopics({ heading: leadPhrase(passage.anchor), text: passage.anchor }, lexicon)
      for (const tag of tags) {
        expect(tag.score).toBeGreaterThanOrEqual(0)
        expect(tag.score).toBeLessThanOrEqual(1)
        expect(tag.label).toBe(lexicon.taxonomy.find((topic) => topic.id === tag.id)?.zh)
      }
      const sorted = [...tags].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      expect(tags).toEqual(sorted)
      expect(tagTopics({ heading: leadPhrase(passage.anchor), text: passage.anchor }, loadLexicon())).toEqual(
        tags,
      )
    }
  })

  it('returns nothing for text about nothing', () => {
    expect(tagTopics({ heading: '', text: '' }, lexicon)).toEqual([])
    expect(tagTopics({ heading: '营造良好氛围', text: '营造良好氛围。' }, lexicon)).toEqual([])
  })
})

describe('hand-labelled passages of the seeds', () => {
  const known = new Set(lexicon.taxonomy.map((topic) => topic.id))

  it('are at least 60 exact passages labelled with known topics', () => {
    expect(gold.length).toBeGreaterThanOrEqual(60)
    for (const passage of gold) {
      expect(readFileSync(join(root, 'seeds', `${passage.doc}.txt`), 'utf8')).toContain(passage.anchor)
      expect(passage.topics.length).toBeGreaterThan(0)
      for (const id of passage.topics) expect(known.has(id)).toBe(true)
    }
  })

  it('are tagged with precision and recall of at least 0.8', () => {
    let truePositives = 0
    let predicted = 0
    let expected = 0
    for (const passage of gold) {
      const tags = ids(leadPhrase(passage.anchor), passage.anchor)
      predicted += tags.length
      expected += passage.topics.length
      truePositives += tags.filter((id) => passage.topics.includes(id)).length
    }
    expect(truePositives / predicted).toBeGreaterThanOrEqual(0.8)
    expect(truePositives / expected).toBeGreaterThanOrEqual(0.8)
  })
})
