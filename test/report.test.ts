import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatJsonSchema, SCHEMA_PATH } from '../scripts/build-schema.js'
import { align } from '../src/align/index.js'
import { PlanCascadeError } from '../src/errors.js'
import { AlignOutput, ParseOutput, SCHEMA_VERSION } from '../src/model/index.js'
import { ReportOutput } from '../src/model/report.js'
import { loadCorpus } from '../src/pipeline/index.js'
import {
  buildReport,
  CSV_NAMES,
  escapeMarkdown,
  prefixIds,
  renderDiff,
  toCsv,
  toDot,
  toGraphml,
  toHtml,
  toJson,
  toMarkdown,
  trajectorySpec,
  writeReport,
} from '../src/report/index.js'
import { fakeSegmenter, makeDocument, makeItem, makeLink, makeTarget } from './helpers/records.js'

/** A small report by hand: a province, a city in two years, a district; one thread, one evolution pair. */
function smallReport() {
  const province = makeDocument('fj-2019', { name: '福建省', level: 'province' }, 2019, [
    makeItem({
      id: 'fj-2019#1',
      heading: '推进5G建设',
      text: '推进5G建设。全省新建5G基站1万个。',
      targets: [makeTarget({ text: '1万个', value: 10000, kind: 'increment' })],
    }),
  ])
  const city19 = makeDocument('fz-2019', { name: '福州市', level: 'city', parent: '福建省' }, 2019, [
    makeItem({
      id: 'fz-2019#2.3',
      heading: '推进信息基础设施建设',
      // a comma, a quote and a line break: the CSV must quote them
      text: '推进信息基础设施建设,建成5G基站3000个以上。\n"双千兆"城市。(责任单位:市工信局、市通管办)',
      responsible: {
        lead: ['市工信局'],
        related: ['市通管办'],
        text: '(责任单位:市工信局、市通管办)',
        span: [0, 0],
      },
      targets: [makeTarget({ text: '3000个以上', value: 3000, comparator: '>=' })],
    }),
    makeItem({
      id: 'fz-2019#3.12',
      heading: '做大做优12345便民服务平台',
      text: '做大做优12345便民服务平台。',
    }),
  ])
  const city25 = makeDocument('fz-2025', { name: '福州市', level: 'city', parent: '福建省' }, 2025, [
    makeItem({
      id: 'fz-2025#2.3',
      heading: '优化完善网络基础设施',
      text: '优化完善网络基础设施,新建5G基站3200个。(责任单位:市数据管理局、市通管办)',
      responsible: {
        lead: ['市数据管理局'],
        related: ['市通管办'],
        text: '(责任单位:市数据管理局、市通管办)',
        span: [0, 0],
      },
      targets: [makeTarget({ text: '3200个', value: 3200, kind: 'increment' })],
    }),
    makeItem({ id: 'fz-2025#3.6', heading: '深化公共数据汇聚治理', text: '深化公共数据汇聚治理。' }),
  ])
  const district = makeDocument('cs-2022', { name: '仓山区', level: 'district', parent: '福州市' }, 2022, [
    makeItem({
      id: 'cs-2022#1.1',
      text: '全区已建成5G基站1390个。',
      targets: [makeTarget({ text: '1390个', value: 1390, kind: 'baseline' })],
    }),
  ])
  const documents = [province, city19, city25, district]
  const aligned = {
    links: [
      makeLink('fj-2019#1', 'fz-2019#2.3', 0.81),
      makeLink('fz-2019#2.3', 'fz-2025#2.3', 0.92, 'evolution'),
      makeLink('fz-2025#2.3', 'cs-2022#1.1', 0.64),
    ],
    threads: [
      {
        id: 't-5g',
        label: '5G · 基站',
        topic: null,
        terms: ['5G', '基站'],
        items: ['fj-2019#1', 'fz-2019#2.3', 'fz-2025#2.3', 'cs-2022#1.1'],
        documents: ['fj-2019', 'fz-2019', 'fz-2025', 'cs-2022'],
      },
    ],
    evolution: [
      {
        from: 'fz-2019',
        to: 'fz-2025',
        continued: [{ from: 'fz-2019#2.3', to: 'fz-2025#2.3', score: 0.92 }],
        new: ['fz-2025#3.6'],
        dropped: ['fz-2019#3.12'],
      },
    ],
  }
  const segmenter = fakeSegmenter([
    '推进',
    '信息',
    '基础设施',
    '建设',
    '5G基站',
    '优化完善',
    '网络',
    '新建',
    '建成',
  ])
  return buildReport(documents, aligned, { segmenter })
}

/** RFC 4180 reader, written here to check the quoting independently of the library that wrote it. */
function readCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}

describe('report of the seed corpus', () => {
  let report: ReturnType<typeof buildReport>
  beforeAll(() => {
    const { documents } = loadCorpus('seeds')
    report = buildReport(documents, align(documents))
  })

  it('is a ReportOutput: the alignment output plus diffs and trajectories', () => {
    expect(report.schemaVersion).toBe(SCHEMA_VERSION)
    expect(report.documents).toHaveLength(5)
    expect(report.diffs.length).toBeGreaterThan(0)
    expect(report.trajectories.some((t) => t.id.startsWith('5g-base-stations'))).toBe(true)
    expect(() => ReportOutput.parse(report)).not.toThrow()
  })

  it('writes JSON that validates against the JSON Schema (ajv, draft 2020-12)', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'))
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    const validateRoot = ajv.compile(schema)
    const json = JSON.parse(toJson(report))
    const valid = validateRoot(json)
    expect(validateRoot.errors ?? []).toEqual([])
    expect(valid).toBe(true)
    // Each output kind validates against its own definition, and only against it.
    const ajv2 = new Ajv2020({ strict: false })
    ajv2.addSchema(schema, 'plan-cascade')
    const validate = (name: string, data: unknown) => ajv2.validate(`plan-cascade#/$defs/${name}`, data)
    const { diffs: _d, trajectories: _t, ...alignOutput } = json
    const parseOutput = { schemaVersion: json.schemaVersion, documents: json.documents }
    expect(validate('ReportOutput', json)).toBe(true)
    expect(validate('AlignOutput', alignOutput)).toBe(true)
    expect(validate('ParseOutput', parseOutput)).toBe(true)
    expect(validate('AlignOutput', json)).toBe(false)
    expect(() => AlignOutput.parse(alignOutput)).not.toThrow()
    expect(() => ParseOutput.parse(parseOutput)).not.toThrow()
  })

  it('renders the HTML, and the same report gives the same bytes', async () => {
    const first = await toHtml(report)
    const second = await toHtml(report)
    expect(second).toBe(first)
    expect(first).toContain('class="cascade-svg"')
    expect(first).toContain('class="chart-svg"')
  })
})

describe('JSON Schema', () => {
  it('is up to date with the model (npm run schema)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(formatJsonSchema())
  })

  it('documents every field with its doc comment', () => {
    const schema = JSON.parse(formatJsonSchema())
    expect(schema.$defs.ItemDiff.properties.overlap.description).toMatch(/between 0/)
    expect(schema.$defs.PlanItem.properties.targets.description).toBe(
      'Quantitative targets, filled by the extract stage.',
    )
    expect(schema.anyOf).toHaveLength(3)
  })
})

describe('formats of a small report', () => {
  const report = smallReport()

  it('keeps the alignment as given and adds the diffs of thread steps and continued goals', () => {
    expect(report.diffs.map((d) => `${d.from}>${d.to}:${d.basis.join('+')}`)).toEqual([
      'fj-2019#1>fz-2019#2.3:thread',
      'fz-2019#2.3>fz-2025#2.3:thread+evolution',
      'fz-2025#2.3>cs-2022#1.1:thread',
    ])
    const step = report.diffs[1]!
    expect(step.targets[0]?.summary).toBe('3000个以上 -> 3200个 (+6.7%, level -> increment)')
    expect(step.units).toEqual({ kept: ['市通管办'], added: ['市数据管理局'], removed: ['市工信局'] })
  })

  it('writes CSV tables with a BOM, CRLF line ends and RFC 4180 quoting', () => {
    const files = toCsv(report)
    expect(Object.keys(files)).toEqual([...CSV_NAMES])
    for (const name of CSV_NAMES) {
      expect(files[name].startsWith('\ufeff'), name).toBe(true)
      expect(files[name]).toContain('\r\n')
    }
    const items = readCsv(files['items.csv'].slice(1))
    const header = items[0]!
    expect(header.slice(0, 4)).toEqual(['id', 'doc_id', 'jurisdiction', 'level'])
    expect(items).toHaveLength(1 + 6)
    const row = items.find((r) => r[0] === 'fz-2019#2.3')!
    expect(row[header.indexOf('text')]).toBe(
      '推进信息基础设施建设,建成5G基站3000个以上。\n"双千兆"城市。(责任单位:市工信局、市通管办)',
    )
    expect(row[header.indexOf('responsible_lead')]).toBe('市工信局')
    expect(row[header.indexOf('threads')]).toBe('t-5g')
    const targets = readCsv(files['targets.csv'].slice(1))
    expect(targets[0]).toContain('normalized_unit')
    expect(targets).toHaveLength(1 + 4)
    const threads = readCsv(files['threads.csv'].slice(1))
    expect(threads.slice(1).map((r) => r[threads[0]!.indexOf('item_id')])).toEqual(report.threads[0]!.items)
    const evolution = readCsv(files['evolution.csv'].slice(1))
    expect(evolution.slice(1).map((r) => r[2])).toEqual(['continued', 'new', 'dropped'])
    const links = readCsv(files['links.csv'].slice(1))
    expect(links[0]).toContain('feature_tfidf')
  })

  it('clips the texts of the review sheet (items.csv keeps them whole), marking the cut', () => {
    const long = '推进数据共享。'.repeat(100)
    const documents = report.documents.map((d) => ({
      ...d,
      items: d.items.map((item) => (item.id === report.links[0]?.source ? { ...item, text: long } : item)),
    }))
    const files = toCsv({ ...report, documents })
    const review = readCsv(files['review.csv'].slice(1))
    const text = review[1]?.[review[0]!.indexOf('source_text')] ?? ''
    expect([...text]).toHaveLength(241)
    expect(text.endsWith('…')).toBe(true)
    expect(long.startsWith(text.slice(0, -1))).toBe(true)
    const items = readCsv(files['items.csv'].slice(1))
    expect(items.some((row) => row.includes(long))).toBe(true)
  })

  it('writes a header even for an empty table', () => {
    const files = toCsv({ ...report, links: [], evolution: [] })
    expect(readCsv(files['evolution.csv'].slice(1))).toEqual([
      ['from_doc', 'to_doc', 'status', 'from_item', 'to_item', 'score'],
    ])
  })

  it('writes GraphML with declared attributes, documents, items, part-of, cascade and link edges', () => {
    const xml = toGraphml(report)
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
    expect(xml).toContain('<key id="e_score" for="edge" attr.name="score" attr.type="double"/>')
    const nodes = [...xml.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1])
    expect(nodes).toHaveLength(4 + 6)
    expect(new Set(nodes).size).toBe(nodes.length)
    const edges = [...xml.matchAll(/<edge id="[^"]+" source="([^"]+)" target="([^"]+)"/g)]
    for (const [, source, target] of edges) {
      expect(nodes).toContain(source)
      expect(nodes).toContain(target)
    }
    expect(xml).toContain('source="fj-2019" target="fz-2019"') // cascade: province to city
    expect(xml).toContain('source="fz-2019" target="fz-2025"') // evolution
    expect(xml).toContain('<data key="e_type">link</data>')
    expect((xml.match(/<graph /g) ?? []).length).toBe(1)
  })

  it('writes DOT with a cluster per document and the links', () => {
    const dot = toDot(report)
    expect(dot.startsWith('digraph "plan-cascade" {')).toBe(true)
    expect((dot.match(/subgraph "cluster_/g) ?? []).length).toBe(4)
    expect(dot).toContain('"fz-2019#2.3" -> "fz-2025#2.3" [label="0.92"')
    expect(dot.split('{').length).toBe(dot.split('}').length)
  })

  it('writes a Markdown summary with the evolution and the threads diffed', () => {
    const md = toMarkdown(report)
    expect(md).toContain('# Plan cascade report')
    expect(md).toContain('### 福州市 2019 → 福州市 2025')
    expect(md).toContain('1 continued, 1 new, 1 dropped goals.')
    expect(md).toContain('### 5G · 基站 (`t-5g`)')
    expect(md).toContain('~~推进信息~~**优化完善网络**基础设施')
    expect(md).toContain('**+市数据管理局**')
    expect(md).toContain('3000个以上 -> 3200个 (+6.7%, level -> increment)')
    expect(md).toContain('### 5G基站 (个)')
  })

  it.each([
    // plain words: ~~ and **
    [
      [
        { op: 'same', text: '推进' },
        { op: 'removed', text: '建设' },
        { op: 'added', text: '打造' },
      ],
      '推进~~建设~~**打造**',
    ],
    // Chinese punctuation at the edge of a change, after a word: CommonMark would not close it, so HTML
    [
      [
        { op: 'same', text: '数据' },
        { op: 'added', text: '，新增' },
      ],
      '数据<ins>，新增</ins>',
    ],
    [[{ op: 'removed', text: '5*3' }], '~~5\\*3~~'],
  ] as const)('renders a diff as Markdown (%#)', (parts, expected) => {
    expect(renderDiff(parts.map((p) => ({ ...p })))).toBe(expected)
  })

  it('escapes Markdown syntax in text', () => {
    expect(escapeMarkdown('a|b *c* [d]')).toBe('a\\|b \\*c\\* \\[d\\]')
  })

  it('writes a standalone HTML page: inline styles, script and SVG, no request, CJK fonts', async () => {
    const html = await toHtml(report, { title: '测试报告' })
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<title>测试报告</title>')
    expect(html).toContain("default-src 'none'")
    expect(html).toContain('"PingFang SC"')
    expect(html).toContain('"Noto Sans CJK SC"')
    expect(html).not.toMatch(/<script[^>]+src=/)
    expect(html).not.toMatch(/<link[^>]+stylesheet/)
    // No URL but the SVG and XML namespaces.
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0])
    expect(urls.filter((u) => !/^http:\/\/www\.w3\.org\//.test(u))).toEqual([])
    expect(html).toContain('<del>推进信息</del><ins>优化完善网络</ins>基础设施')
    expect(html).toContain('<article class="thread-detail" data-thread-id="t-5g" hidden>')
    expect(html).toContain('data-doc="fz-2019"')
    expect(html).toContain('class="flow flow-evolution"')
    expect(html).toContain('Continued<span class="n">1</span>')
    expect(html).toContain('class="chart-svg"')
    // Ids are unique on the page.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('renames the ids of a chart so that charts can share a page', () => {
    const svg =
      '<svg><defs><clipPath id="clip7"><rect/></clipPath></defs><g clip-path="url(#clip7)"></g></svg>'
    expect(prefixIds(svg, 'chart2')).toBe(
      '<svg><defs><clipPath id="chart2-1"><rect/></clipPath></defs><g clip-path="url(#chart2-1)"></g></svg>',
    )
  })

  it('charts a trajectory with one colour per jurisdiction and a line only within one metric', () => {
    const trajectory = report.trajectories.find((t) => t.id === '5g-base-stations')!
    const spec = trajectorySpec(trajectory, new Map([['福州市', '#123456']])) as {
      data: { values: Array<{ jurisdiction: string; line: boolean }> }
    }
    const fuzhou = spec.data.values.filter((v) => v.jurisdiction === '福州市')
    expect(fuzhou).toHaveLength(2)
    expect(fuzhou.every((v) => v.line)).toBe(true)
    expect(spec.data.values.find((v) => v.jurisdiction === '福建省')?.line).toBe(false)
  })

  describe('writeReport', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-report-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('writes every format into a folder and says what it wrote', async () => {
      const steps: string[] = []
      const written = await writeReport(report, join(dir, 'all'), undefined, {
        onProgress: (done, total, format) => steps.push(`${done}/${total} ${format}`),
      })
      const names = readdirSync(join(dir, 'all')).sort()
      expect(names).toEqual(
        [...CSV_NAMES, 'report.html', 'report.md', 'report.json', 'report.graphml', 'report.dot'].sort(),
      )
      expect(written.map((f) => f.path.split('/').pop()).sort()).toEqual(names)
      expect(steps[0]).toBe('0/6 html')
      expect(steps.at(-1)).toMatch(/^6\/6 /)
      expect(JSON.parse(readFileSync(join(dir, 'all', 'report.json'), 'utf8'))).toEqual(report)
    })

    it('writes only the formats asked for', async () => {
      const written = await writeReport(report, join(dir, 'some'), ['md', 'json'])
      expect(written.map((f) => f.format)).toEqual(['md', 'json'])
    })

    it('refuses an unknown format with a PlanCascadeError', async () => {
      await expect(writeReport(report, join(dir, 'bad'), ['pdf' as never])).rejects.toThrow(PlanCascadeError)
    })
  })
})
