// A ReDoS check of every regular expression of the library: the literals of src/ (read off the
// TypeScript syntax tree), the patterns of the data files a user can extend (taxonomy, metric
// families, boilerplate), and the expressions the code builds at run time (recorded while a seed is
// read). recheck (https://makenowjust-labs.github.io/recheck/) proves each one linear or gives an
// attack string. The few that are not linear in general must be listed below with the reason their
// input is bounded; a new one fails the test until it is rewritten or reasoned about here.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { check } from 'recheck'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

interface Found {
  where: string
  source: string
  flags: string
}

/**
 * Super-linear expressions whose input is bounded, by `where` and source. Each reason says what
 * bounds the input; the long-line tests (test/long-lines.test.ts) run the stages on 100,000-character
 * lines of the characters these expressions repeat.
 */
const BOUNDED: Record<string, string> = {
  '(00)+$': 'a division code: 6 or 12 digits (align/relation.ts)',
  '\\.?0+$': 'a number printed by toFixed: at most 25 characters (diff/targets.ts)',
  '^(.+?)分之(.+)$': 'anchored, and parseChineseNumber removes white space first, so (.+)$ never fails',
  '^(.+?)牵头(?:[,，;；、]\\s*(.+?))?\\s*(?:按职责分工负责|按职责分工落实|按职责负责|分工负责|配合|参与|协同推进|共同推进|负责)?\\s*$':
    'one piece of a responsibility clause, split at ;；。 and line breaks; anchored at both ends',
  '^(.+?)等((?:市直|省直|区直|县直|各|有关|相关|具有).+)$':
    'anchored, and the piece has no white space left, so .+$ never fails',
  '^\\s*(表\\s*[0-9一二三四五六七八九十]+)\\s*[:：.、]?\\s*(.*?)\\s*$':
    'a table label line, tried only on a line that starts with 表N',
  '^\\D*[0-9.]+\\s*(%|‰|个百分点|百分点)?(以上|以下|左右)?$':
    'one cell of a flattened table (one short line)',
  '[(（].*[)）]\\s*$': 'one cell of a flattened table (one short line)',
  '^(.*?)\\s*[(（]([^()（）]*)[)）]\\s*$': 'one cell of a flattened table (one short line)',
  '(全市|全区|全省|全国|排名|位居|位列|名列|居全|数量|约占|占).*$':
    'a clause subject: the text of one clause before a figure',
  '[^,，;；。、:：\\s]*?(项目|企业|平台|场景|应用|基站|事项|数据)':
    'the text between a sentence start and a clause start: the class stops at every comma and space',
  '(?:^|[,，;；。\\n])\\s*((?:19|20)\\d{2})(?=[我全本该各市区县省])':
    'every match starts at a separator, and normalized text has no long runs of spaces',
  '关于印发(.{2,80}?)的通知': 'the head of the document (its first characters) and a bounded repetition',
  '(印发|制订|制定|出台|发布|公布|颁布|出炉)了?《([^》\\n]{2,80})》': 'bounded repetition {2,80}',
  '《([^》\\n]{2,80})》(已经|已)[^。\\n]{0,20}(同意|通过)': 'bounded repetitions {2,80} and {0,20}',
  '(发布|印发|成文|发文|公布)(日期|时间)\\s*[:：]?\\s*(\\d{4})\\s*[-年./]':
    'every match starts at 发布日期 and the like; normalized text has no long runs of spaces',
  '(\\d{4})\\s*年?\\s*[-—–~～至到]\\s*(\\d{4})\\s*(?:年|(?=[)）]))':
    'a title or the head of a document; runs of spaces are normalized',
  '规划期(限)?(为|是|:|：)?\\s*(\\d{4})\\s*年?\\s*[-—–~～至到]\\s*(\\d{4})\\s*年':
    'starts at 规划期; runs of spaces are normalized',
  '(?:从|围绕|包括|涵盖|聚焦)([^。；：:]{4,160}?)(?:等)?(\\d{1,2}|[一二三四五六七八九十]{1,3})(?:个|大)(?:方面|领域|部分|板块)':
    'the preamble of a document, and a bounded repetition {4,160}',
  '\\s*[.…·]{2,}\\s*\\d*$': 'a line of the table of contents: at most 40 characters (checked before)',
  '@.*$': 'an item id (similarity/index.ts)',
  '^分别[^、和及与]*?(?:[\\d.]+[^、和及与\\d]{0,6}[、和及与])*$':
    'the list after 分别: at most 80 characters (extract/targets.ts, DISTRIBUTED_LIST_LENGTH)',
  '(?:年均|同比|环比|比上年|分别|实际)*(?:增长|下降|降低|提高|提升|上涨|减少|增加|压减|回落|上升|下跌|降|增)+了?$':
    'the end of a name: at most 24 characters (extract/metric.ts, CHANGE_WORDS_WINDOW)',
  '(?:年均|同比|环比|比上年|分别|实际)+(?=(?:增长|下降|降低|提高|提升|上涨)了?$)':
    'the end of a name: at most 24 characters (extract/metric.ts, CHANGE_WORDS_WINDOW)',
  '《[^》\\n]{1,80}\\n[^》\\n]{1,80}》':
    'the front matter of a document (its first 3,000 characters at most) and bounded repetitions {1,80}',
  '\\s*\\n\\s*': 'inside one 《…》 of at most 162 characters (parse/metadata.ts, joinBrokenBrackets)',
  '(\\d{4})\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日\\s*在\\s*([^\\n。，,]{0,40}?)\\s*第?[一二三四五六七八九十\\d]+\\s*届\\s*(?:\\n\\s*)?(?:全国)?人民代表大会':
    'the meeting line: tried on the head of a document (3,000 characters) and on title lines of at most 60',
}

/** Super-linear expressions recognised by how they begin, with the reason their input is bounded. */
const BOUNDED_PREFIXES: Array<[prefix: string, reason: string]> = [
  [
    '[\\u4e00-\\u9fff]{2,30}(?:人民政府办公厅',
    'boilerplate signature: a bounded repetition {2,30}, then an organ name',
  ],
  ['[\\u4e00-\\u9fa5()（） \\u3000]{0,40}?(', 'metadata: an organ at the end of one clause, bounded {0,40}'],
  ['([\\u4e00-\\u9fa5]{0,40}(', 'metadata: a signature date, bounded {0,40}, after an organ name'],
  [
    '([零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億\\d.]{1,16})分之',
    'fractions in words: numerals bounded {1,16}',
  ],
]

/** Why a super-linear expression is acceptable, or undefined. */
function reasonFor(r: Found): string | undefined {
  // metric family patterns (A.*B) are matched against a metric name: a few words, shortened
  if (r.where.startsWith('metrics ')) return 'a metric name'
  return BOUNDED[r.source] ?? BOUNDED_PREFIXES.find(([prefix]) => r.source.startsWith(prefix))?.[1]
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* sourceFiles(path)
    else if (path.endsWith('.ts')) yield path
  }
}

function literals(): Found[] {
  const found: Found[] = []
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8')
    const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(tree)
        const end = literal.lastIndexOf('/')
        const line = tree.getLineAndCharacterOfPosition(node.getStart()).line + 1
        found.push({ where: `${file}:${line}`, source: literal.slice(1, end), flags: literal.slice(end + 1) })
      }
      ts.forEachChild(node, visit)
    }
    visit(tree)
  }
  return found
}

function dataPatterns(): Found[] {
  const taxonomy = JSON.parse(readFileSync('data/lexicon/taxonomy.json', 'utf8')) as Array<{
    id: string
    patterns: string[]
    exclude?: string[]
  }>
  const metrics = JSON.parse(readFileSync('data/metrics.json', 'utf8')) as {
    families: Array<{ id: string; patterns: string[] }>
  }
  const boilerplate = JSON.parse(readFileSync('data/boilerplate.json', 'utf8')) as {
    rules: Array<{ id: string; pattern: string }>
  }
  return [
    ...taxonomy.flatMap((t) =>
      [...t.patterns, ...(t.exclude ?? [])].map((source) => ({
        where: `taxonomy ${t.id}`,
        source,
        flags: 'iu',
      })),
    ),
    ...metrics.families.flatMap((f) =>
      f.patterns.map((source) => ({ where: `metrics ${f.id}`, source, flags: 'iu' })),
    ),
    ...boilerplate.rules.map((r) => ({ where: `boilerplate ${r.id}`, source: r.pattern, flags: '' })),
  ]
}

/** Expressions built at run time (labels, numerals, dates): recorded while a seed is read and tagged. */
async function builtAtRunTime(): Promise<Found[]> {
  const found: Found[] = []
  const Original = globalThis.RegExp
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args: [string | RegExp, string?]) {
      const [pattern, flags] = args
      if (typeof pattern === 'string')
        found.push({ where: 'built at run time', source: pattern, flags: flags ?? '' })
      return Reflect.construct(target, args)
    },
  })
  try {
    const api = await import('../src/index.js')
    const doc = api.readDocument('seeds/fuzhou-2019.txt')
    const lexicon = api.loadLexicon()
    for (const item of doc.items.slice(0, 5)) api.tagTopics(item, lexicon)
  } finally {
    globalThis.RegExp = Original
  }
  return found
}

describe('regular expressions', () => {
  it('are linear, or their input is bounded and the reason is written here', async () => {
    const all = [...literals(), ...dataPatterns(), ...(await builtAtRunTime())]
    expect(all.length).toBeGreaterThan(400)
    const unique = new Map<string, Found>()
    for (const r of all) {
      const key = `/${r.source}/${r.flags.replace(/[gy]/g, '')}`
      if (!unique.has(key)) unique.set(key, r)
    }
    const unsafe: string[] = []
    const bounded = new Set<string>()
    const checked: Array<{ r: Found; result: Awaited<ReturnType<typeof check>> }> = []
    for (const r of unique.values()) {
      checked.push({ r, result: await check(r.source, r.flags.replace(/[gy]/g, ''), { timeout: 10_000 }) })
    }
    for (const { r, result } of checked) {
      if (result.status === 'safe') continue
      if (result.status === 'vulnerable' && reasonFor(r)) {
        bounded.add(r.source)
        continue
      }
      unsafe.push(`${r.where}: /${r.source}/${r.flags} is ${result.status}`)
    }
    expect(unsafe).toEqual([])
    // a reason for an expression that is gone is a stale reason
    expect(Object.keys(BOUNDED).filter((source) => !bounded.has(source))).toEqual([])
  }, 300_000)
})
