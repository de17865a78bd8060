import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { analyse } from 'chardet'
import iconv from 'iconv-lite'
import * as OpenCC from 'opencc-js'
import { afterAll, describe, expect, it } from 'vitest'
import { PlanCascadeError } from '../src/errors.js'
import * as io from '../src/io/index.js'
import {
  decodeBytes,
  htmlToText,
  listInputFiles,
  loadHtmlChrome,
  looksLikeHtml,
  readSource,
} from '../src/io/index.js'
import { parseDocument } from '../src/parse/index.js'
import { loadCorpus } from '../src/pipeline/index.js'

const seedNames = ['cangshan-2022', 'fujian-2019', 'fuzhou-2019', 'fuzhou-2025', 'xiamen-2022']
const seeds = Object.fromEntries(
  seedNames.map((name) => [name, readFileSync(new URL(`../seeds/${name}.txt`, import.meta.url), 'utf8')]),
)
const seed = (name: string) => seeds[name] as string
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' })

/** Bytes of a text in an encoding, with or without a byte order mark. */
function encode(text: string, encoding: string, bom = false): Uint8Array {
  return iconv.encode(text, encoding, { addBOM: bom })
}

/** What the bytes really say: GBK has no U+00A0, so the seeds' no-break spaces come back as "?". */
function roundTrip(text: string, encoding: string): string {
  return iconv.decode(iconv.encode(text, encoding), encoding)
}

function thrown(run: () => unknown): PlanCascadeError {
  try {
    run()
  } catch (error) {
    if (error instanceof PlanCascadeError) return error
    throw error
  }
  throw new Error('expected a PlanCascadeError')
}

const workDir = mkdtempSync(join(tmpdir(), 'plan-cascade-io-'))
afterAll(() => rmSync(workDir, { recursive: true, force: true }))

it('exports the io stage', () => {
  expect(Object.keys(io).sort()).toEqual([
    'canonicalEncoding',
    'decodeBytes',
    'htmlToText',
    'listInputFiles',
    'loadHtmlChrome',
    'looksLikeHtml',
    'readSource',
    'scoreText',
  ])
})

describe('decodeBytes finds the encoding', () => {
  const encodings: [label: string, encoding: string, bom: boolean, expected: string][] = [
    ['UTF-8', 'utf8', false, 'utf-8'],
    ['UTF-8 with a BOM (stripped)', 'utf8', true, 'utf-8'],
    ['GB18030', 'gb18030', false, 'gb18030'],
    ['GBK', 'gbk', false, 'gb18030'],
    ['UTF-16 LE with a BOM', 'utf-16le', true, 'utf-16le'],
    ['UTF-16 BE with a BOM', 'utf-16be', true, 'utf-16be'],
    ['UTF-16 LE without a BOM', 'utf-16le', false, 'utf-16le'],
    ['UTF-16 BE without a BOM', 'utf-16be', false, 'utf-16be'],
  ]
  const texts = seedNames.flatMap((name) => [
    [`${name} whole`, seed(name)],
    [`${name} first 40 characters`, seed(name).slice(0, 40)],
    [`${name} a line from its middle`, seed(name).slice(2000, 2060)],
  ])
  for (const [label, encoding, bom, expected] of encodings) {
    it.each(texts)(`reads ${label}: %s`, (_, text) => {
      const source = decodeBytes(encode(text, encoding, bom))
      expect(source.encoding).toBe(expected)
      expect(source.text).toBe(roundTrip(text, encoding))
      expect(source.format).toBe('text')
      expect(source.path).toBeNull()
    })
  }

  it.each([
    ['2019年数字福州工作要点', 'Shift_JIS'],
    ['2022年数字厦门工作要点', 'Shift_JIS'],
    ['福州市', 'Big5'],
    ['仓山区', 'ISO-8859-6'],
    ['智能仓山专项规划', 'KOI8-R'],
    ['福州市仓山区人民政府', 'ISO-8859-6'],
    ['建成5G基站3000个以上', 'Shift_JIS'],
    ['目录', 'UTF-8'],
  ])('reads the short GBK text %s as GB18030 where chardet guesses %s', (text, guess) => {
    const bytes = encode(text, 'gbk')
    expect(analyse(bytes)[0]?.name).toBe(guess)
    expect(decodeBytes(bytes)).toMatchObject({ encoding: 'gb18030', text })
  })

  it.each([
    ['gbk', (s: string) => s],
    ['big5', (s: string) => toTraditional(s)],
    ['utf-16le', (s: string) => s],
    ['utf-16be', (s: string) => s],
  ])('reads every 6-character slice of the seeds (every 997th position) in %s', (encoding, convert) => {
    const misread: string[] = []
    for (const text of Object.values(seeds)) {
      for (let at = 0; at + 6 <= text.length; at += 997) {
        const slice = convert(text.slice(at, at + 6))
        if (!slice.trim()) continue
        const bytes = encode(slice, encoding)
        if (decodeBytes(bytes).text !== roundTrip(slice, encoding)) misread.push(slice)
      }
    }
    expect(misread).toEqual([])
  })

  it.each([
    ['國家發展委員會推動數位轉型工作計畫，建設智慧城市。'],
    ['臺北市政府資訊局一百一十年度施政計畫'],
    ['香港特別行政區政府資訊科技總監辦公室'],
    ['數位政府'],
  ])('reads traditional Chinese in Big5: %s', (text) => {
    expect(decodeBytes(encode(text, 'big5'))).toMatchObject({ encoding: 'big5', text })
  })

  it('always reads valid UTF-8 Chinese as UTF-8, whatever chardet would rank second', () => {
    const text = seed('fuzhou-2019').slice(0, 12)
    expect(decodeBytes(encode(text, 'utf8')).encoding).toBe('utf-8')
  })

  it.each([['5G 2019-2025'], ['planning'], ['The quick brown fox jumps over the lazy dog.']])(
    'reads plain ASCII as UTF-8, never as UTF-16 (%s)',
    (text) => {
      expect(decodeBytes(encode(text, 'utf8'))).toMatchObject({ encoding: 'utf-8', text })
    },
  )

  it.each([
    ['gbk', 'gb18030'],
    ['GB2312', 'gb18030'],
    ['big5', 'big5'],
    ['UTF-16LE', 'utf-16le'],
  ])('uses the encoding option %s when given, named %s', (option, name) => {
    const text = '2019年数字福建工作要点'
    const bytes = encode(text, option === 'GB2312' ? 'gbk' : option)
    const source = decodeBytes(bytes, { encoding: option })
    expect(source.encoding).toBe(name)
    expect(source.text).toBe(option === 'big5' ? roundTrip(text, 'big5') : text)
  })
})

describe('decodeBytes refuses what is not a document', () => {
  const png = Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
  ])
  const controls = Uint8Array.from({ length: 200 }, (_, i) =>
    i % 3 === 0 ? 0x01 + (i % 7) : 0x41 + (i % 26),
  )
  it.each([
    ['an empty file', new Uint8Array(0), 'empty-input', 'file.txt: the file is empty'],
    [
      'a file of white space',
      encode(' \n\t\u3000\n', 'utf8'),
      'empty-input',
      'file.txt: the file holds only white space',
    ],
    ['a PNG image (NUL bytes)', png, 'binary-input', 'file.txt: the file holds binary data, not text'],
    [
      'bytes full of control characters',
      controls,
      'binary-input',
      'file.txt: the file holds binary data, not text',
    ],
  ])('throws on %s, naming the file', (_, bytes, code, message) => {
    const error = thrown(() => decodeBytes(bytes, { file: 'file.txt' }))
    expect(error.code).toBe(code)
    expect(error.message).toBe(message)
    expect(error.place.file).toBe('file.txt')
  })

  it('throws bad-option for an encoding it does not know', () => {
    const error = thrown(() =>
      decodeBytes(encode('数字福建', 'utf8'), { encoding: 'klingon-8', file: 'a.txt' }),
    )
    expect(error.code).toBe('bad-option')
    expect(error.message).toBe('a.txt: unknown encoding "klingon-8"')
  })

  it('says the page is empty when a web page has no text outside its chrome', () => {
    const page = '<html><body><nav>首页</nav><script>var a = 1</script></body></html>'
    const error = thrown(() => decodeBytes(encode(page, 'utf8'), { file: 'page.html' }))
    expect(error.code).toBe('empty-input')
    expect(error.message).toBe('page.html: the web page holds no text')
  })
})

/** A government page as such pages are built: chrome all around, the plan in the middle. */
const govPage = (charset: string) => `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>2019年数字福州工作要点_福州市人民政府</title>
<script type="text/javascript">var menu = "<p>不是正文</p>";</script>
<style>p { text-indent: 2em }</style>
</head>
<body>
<div class="header"><a href="/">福州市人民政府门户网站</a></div>
<div id="nav" class="main-nav"><ul><li><a href="/">首页</a></li><li>政务公开</li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 规划计划</div>
<div class="article">
  <h1>2019年数字福州工作要点</h1>
  <p>一、持续办好数字中国建设峰会</p>
  <p>&nbsp;&nbsp;1、办好峰会。充分发挥峰会信息化发展政策发布平台、电子政务和数字经济发展成果展示平台、
  数字中国建设理论经验交流平台作用。(责任单位:市大数据委)</p>
  <p>计划今年建成5G基站3000个以上<br>归集信用数据9亿条以上&amp;</p>
  <table>
    <tr><th>指标名称</th><th>单位</th></tr>
    <tr><td>5G基站</td><td>个</td></tr>
  </table>
  <p style="display:none">隐藏的文字</p>
</div>
<div class="bdsharebuttonbox"><a>分享到微信</a></div>
<div class="footer">主办：福州市人民政府办公厅</div>
</body>
</html>`

const govPageText = [
  '2019年数字福州工作要点',
  '一、持续办好数字中国建设峰会',
  '\u00a0\u00a01、办好峰会。充分发挥峰会信息化发展政策发布平台、电子政务和数字经济发展成果展示平台、数字中国建设理论经验交流平台作用。(责任单位:市大数据委)',
  '计划今年建成5G基站3000个以上',
  '归集信用数据9亿条以上&',
  '指标名称',
  '单位',
  '5G基站',
  '个',
].join('\n')

describe('web pages', () => {
  it('decodes a page as the charset its meta tag declares and keeps only the plan', () => {
    const source = decodeBytes(encode(govPage('gb2312'), 'gbk'), { file: 'fuzhou.html' })
    expect(source).toEqual({
      text: govPageText,
      encoding: 'gb18030',
      format: 'html',
      path: 'fuzhou.html',
      pageTitle: '2019年数字福州工作要点_福州市人民政府',
    })
  })

  it('honours <meta charset> even when the page is short and not named .html', () => {
    const page = '<html><head><meta charset="big5"></head><body><p>數位政府</p></body></html>'
    expect(decodeBytes(encode(page, 'big5'))).toMatchObject({
      encoding: 'big5',
      format: 'html',
      text: '數位政府',
    })
  })

  it('reads a page saved as UTF-8 as UTF-8 even when it still says gb2312', () => {
    const source = decodeBytes(encode(govPage('gb2312'), 'utf8'), { file: 'fuzhou.htm' })
    expect(source.encoding).toBe('utf-8')
    expect(source.text).toBe(govPageText)
  })

  it.each([
    ['a doctype', '<!doctype html><p>数字福建</p>', true],
    ['an html tag', '<html lang="zh"><p>数字福建</p></html>', true],
    ['a body tag', '<body>数字福建</body>', true],
    ['many tags', '<div><p>一</p><p>二</p><p>三</p><p>四</p></div>', true],
    ['a plan that mentions one tag', '一、推进<数字福建>建设\n二、完善平台', false],
    ['a plain plan', seed('fuzhou-2025').slice(0, 500), false],
  ])('tells a page by its look: %s', (_, text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected)
  })

  it.each([
    [
      'drops scripts, styles, navigation and share bars',
      '<nav>首页</nav><p>正文</p><div class="share-box">分享</div>',
      '正文',
    ],
    ['drops navigation named in camelCase', '<div class="topNavBar">首页 | 机构</div><p>正文</p>', '正文'],
    ['drops elements with a navigation role', '<div role="navigation">首页</div><p>正文</p>', '正文'],
    [
      'keeps the header of an article',
      '<article><header><h1>数字福建</h1></header><p>正文</p></article>',
      '数字福建\n正文',
    ],
    ['drops the page header', '<header>门户网站</header><main><p>正文</p></main>', '正文'],
    [
      'puts table cells on lines of their own',
      '<table><tr><td>5G基站</td><td>3000</td></tr></table>',
      '5G基站\n3000',
    ],
    ['joins Chinese broken across source lines', '<p>数字\n  福州</p>', '数字福州'],
    [
      'keeps the ideographic spaces that indent a paragraph',
      '<p>\u3000\u3000一、总体要求</p>',
      '\u3000\u3000一、总体要求',
    ],
    [
      'keeps &nbsp; as printed but drops a line of nothing else',
      '<p>&nbsp;</p><p>A&nbsp; B</p>',
      'A\u00a0 B',
    ],
    ['keeps a space between Latin words broken across lines', '<p>e\nFuzhou app</p>', 'e Fuzhou app'],
    ['decodes entities', '<p>A&amp;B &lt;规划&gt; &#25968;&#23383;</p>', 'A&B <规划> 数字'],
    ['keeps the lines of <pre>', '<pre>一、总体要求\n二、主要任务</pre>', '一、总体要求\n二、主要任务'],
  ])('%s', (_, html, text) => {
    expect(htmlToText(`<html><body>${html}</body></html>`).text).toBe(text)
  })
})

describe('the chrome rules are data', () => {
  it('ships data/html-chrome.json', () => {
    expect(loadHtmlChrome().dropTags).toEqual(
      expect.arrayContaining(['script', 'style', 'nav', 'iframe', 'svg']),
    )
  })

  it('drops what a replaced rule file names', () => {
    const page = '<html><body><p>正文</p><div class="related">相关链接</div></body></html>'
    const chrome = { ...loadHtmlChrome(), classWords: ['related'] }
    expect(decodeBytes(encode(page, 'utf8'), { htmlChrome: chrome }).text).toBe('正文')
    expect(decodeBytes(encode(page, 'utf8')).text).toBe('正文\n相关链接')
  })
})

describe('readSource and listInputFiles', () => {
  it('reads a file, names its path and tells a page by its extension', () => {
    const file = join(workDir, 'fuzhou-2019.html')
    writeFileSync(file, encode(govPage('gbk'), 'gbk'))
    expect(readSource(file)).toMatchObject({
      path: file,
      format: 'html',
      encoding: 'gb18030',
      text: govPageText,
    })
  })

  it('reads bytes given directly', () => {
    expect(readSource(encode('数字厦门', 'utf-16le', true))).toMatchObject({ text: '数字厦门', path: null })
  })

  it('throws unreadable-file with the reason of the system for a missing file', () => {
    const file = join(workDir, 'missing.txt')
    const error = thrown(() => readSource(file))
    expect(error.code).toBe('unreadable-file')
    expect(error.message).toBe(`${file}: cannot read the file (ENOENT: no such file or directory)`)
    expect(error.place.file).toBe(file)
  })

  it('throws unreadable-file for a directory', () => {
    expect(thrown(() => readSource(workDir)).code).toBe('unreadable-file')
  })

  it('lists the seeds directory: its .txt files, sorted', () => {
    const dir = new URL('../seeds/', import.meta.url).pathname
    expect(listInputFiles(dir).map((f) => f.slice(dir.length))).toEqual(seedNames.map((n) => `${n}.txt`))
  })

  it('reads a directory whole but skips other extensions, hidden files and subdirectories', () => {
    const dir = join(workDir, 'corpus')
    mkdirSync(join(dir, 'sub.txt'), { recursive: true })
    for (const name of ['b.html', 'a.txt', 'C.HTM', 'notes.md', '.hidden.txt'])
      writeFileSync(join(dir, name), '数字福建')
    expect(listInputFiles(dir)).toEqual(['C.HTM', 'a.txt', 'b.html'].map((n) => join(dir, n)))
  })

  it('keeps files as given, in the order given, whatever their extension', () => {
    const files = ['z.md', 'a.txt'].map((n) => join(workDir, n))
    for (const file of files) writeFileSync(file, '数字福建')
    expect(listInputFiles(files)).toEqual(files)
  })

  it('throws for a path that does not exist and for a directory with no input', () => {
    expect(thrown(() => listInputFiles(join(workDir, 'nowhere'))).code).toBe('unreadable-file')
    const empty = join(workDir, 'empty')
    mkdirSync(empty)
    const error = thrown(() => listInputFiles(empty))
    expect(error.code).toBe('empty-input')
    expect(error.message).toBe(`${empty}: the directory holds no .txt, .html or .htm file`)
  })
})

describe('a UTF-8 file that is cut or damaged stays UTF-8, with a warning', () => {
  const plan = seed('fuzhou-2019')
  const bytes = new Uint8Array(Buffer.from(plan, 'utf8'))
  const withBytes = (...extra: number[]) => new Uint8Array([...bytes, ...extra])
  const codes = (source: { warnings?: Array<{ code: string }> }) => (source.warnings ?? []).map((w) => w.code)

  it('reads a plan whose last character is cut (one trailing E5) as UTF-8 and says so', () => {
    const source = decodeBytes(withBytes(0xe5))
    expect(source.encoding).toBe('utf-8')
    expect(source.text).toBe(`${plan}\ufffd`)
    expect(codes(source)).toEqual(['replacement-characters'])
    expect(source.warnings?.[0]?.message).toMatch(/ends in the middle of a character/)
    expect(source.warnings?.[0]?.span).toEqual([plan.length, plan.length + 1])
  })

  it('reads a plan cut two bytes into its last character (E5 8F) as UTF-8', () => {
    const source = decodeBytes(withBytes(0xe5, 0x8f))
    expect(source.encoding).toBe('utf-8')
    expect(source.text).toBe(`${plan}\ufffd`)
  })

  it('reads a tiny UTF-8 text cut in its last character as UTF-8', () => {
    const source = decodeBytes(new Uint8Array([...Buffer.from('数字福州', 'utf8'), 0xe5]))
    expect(source.encoding).toBe('utf-8')
    expect(source.text).toBe('数字福州\ufffd')
  })

  it('reads a plan with a few damaged bytes in its middle as UTF-8 and counts them', () => {
    const damaged = new Uint8Array(bytes)
    for (const at of [3000, 6001, 9002]) damaged[at] = 0xff
    const source = decodeBytes(damaged)
    expect(source.encoding).toBe('utf-8')
    expect(codes(source)).toEqual(['replacement-characters'])
    expect(source.warnings?.[0]?.message).toMatch(/could not be decoded as utf-8/)
    expect(source.text.slice(0, 500)).toBe(plan.slice(0, 500))
  })

  it('keeps title, year, place and every item of the cut plan (28, as uncut)', () => {
    const whole = parseDocument(readSource(bytes), { id: 'fuzhou-2019' })
    const cut = parseDocument(readSource(withBytes(0xe5)), { id: 'fuzhou-2019' })
    expect(cut.title).toBe('2019年数字福州工作要点')
    expect(cut.year).toBe(2019)
    expect(cut.jurisdiction?.name).toBe('福州市')
    expect(cut.items.length).toBe(whole.items.length)
    expect(cut.items.length).toBe(28)
    expect(cut.warnings.map((w) => w.code)).toContain('replacement-characters')
  })

  it('reads a file of half GBK and half UTF-8 lines line by line, and warns that it mixes encodings', () => {
    const lines = plan.split('\n')
    const half = Math.floor(lines.length / 2)
    const mixed = Buffer.concat([
      iconv.encode(lines.slice(0, half).join('\n'), 'gbk'),
      Buffer.from(`\n${lines.slice(half).join('\n')}`, 'utf8'),
    ])
    const source = decodeBytes(new Uint8Array(mixed))
    expect(codes(source)).toEqual(['mixed-encoding'])
    expect(source.warnings?.[0]?.message).toMatch(/gb18030/)
    expect(source.text).toBe(
      `${roundTrip(lines.slice(0, half).join('\n'), 'gbk')}\n${lines.slice(half).join('\n')}`,
    )
    const doc = parseDocument(source, { id: 'fuzhou-2019' })
    expect(doc.title).toBe('2019年数字福州工作要点')
    expect(doc.items.length).toBe(28)
  })

  it('still reads GBK as GBK, with no warning, however short', () => {
    for (const text of [plan, '数', '数字福州', plan.slice(0, 200)]) {
      const source = decodeBytes(encode(text, 'gbk'))
      expect(source.encoding, text.slice(0, 10)).toBe('gb18030')
      expect(source.warnings, text.slice(0, 10)).toBeUndefined()
    }
  })

  it('warns when an encoding given by the user needs replacement characters', () => {
    const source = decodeBytes(encode(plan, 'gbk'), { encoding: 'utf-8' })
    expect(codes(source)).toEqual(['replacement-characters'])
  })

  it('does not warn for a U+FFFD the file itself spells out', () => {
    const source = decodeBytes(new Uint8Array(Buffer.from(`${plan}\ufffd`, 'utf8')))
    expect(source.warnings).toBeUndefined()
  })
})

describe('paths that are not files', () => {
  const dir = join(workDir, 'bad-paths')
  mkdirSync(dir)
  writeFileSync(join(dir, 'good.txt'), seed('xiamen-2022'))
  symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt'))
  symlinkSync(join(dir, 'loop-b.txt'), join(dir, 'loop-a.txt'))
  symlinkSync(join(dir, 'loop-a.txt'), join(dir, 'loop-b.txt'))
  const fifo = join(dir, 'pipe.txt')
  execFileSync('mkfifo', [fifo])
  symlinkSync('/dev/zero', join(dir, 'zero.txt'))
  // root may read anything: a file whose read fails for root too is /proc/self/mem at offset 0 (EIO)
  symlinkSync('/proc/self/mem', join(dir, 'memory.txt'))

  it('refuses a FIFO given directly with not-a-file, without opening it for reading', () => {
    const error = thrown(() => readSource(fifo))
    expect(error.code).toBe('not-a-file')
    expect(error.message).toBe(`${fifo}: cannot read: it is a FIFO (named pipe), not a file`)
  })

  it('refuses devices given directly', () => {
    expect(thrown(() => readSource('/dev/zero')).code).toBe('not-a-file')
    expect(thrown(() => readSource('/dev/null')).message).toMatch(/a character device/)
  })

  it('says a dangling link and a link loop are what they are', () => {
    expect(thrown(() => readSource(join(dir, 'dangling.txt'))).message).toMatch(
      /cannot read the file \(a dangling symbolic link to .*gone\.txt\)$/,
    )
    const loop = thrown(() => readSource(join(dir, 'loop-a.txt')))
    expect(loop.code).toBe('unreadable-file')
    expect(loop.message).toMatch(/a symbolic link loop/)
  })

  it('turns a file the system cannot read into unreadable-file', () => {
    const error = thrown(() => readSource(join(dir, 'memory.txt')))
    expect(error.code).toBe('unreadable-file')
    expect(error.message).toMatch(/EIO/)
  })

  it('lists every entry of a folder, the bad ones too, so that each is reported on its own', () => {
    expect(listInputFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual([
      'dangling.txt',
      'good.txt',
      'loop-a.txt',
      'loop-b.txt',
      'memory.txt',
      'pipe.txt',
      'zero.txt',
    ])
  })

  it('loadCorpus reads the good file and puts every bad path in errors, without hanging', () => {
    const corpus = loadCorpus(dir)
    expect(corpus.documents.map((d) => d.id)).toEqual(['good'])
    expect(corpus.errors.map((e) => [e.file.slice(dir.length + 1), e.error.code])).toEqual([
      ['dangling.txt', 'unreadable-file'],
      ['loop-a.txt', 'unreadable-file'],
      ['loop-b.txt', 'unreadable-file'],
      ['memory.txt', 'unreadable-file'],
      ['pipe.txt', 'not-a-file'],
      ['zero.txt', 'not-a-file'],
    ])
  })
})
