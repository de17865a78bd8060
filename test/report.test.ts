import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatJsonSchema, SCHEMA_PATH } from '../scripts/build-schema.js'
import { align, parseDecisions } from '../src/align/index.js'
import { PlanCascadeError } from '../src/errors.js'
import { itemBody } from '../src/extract/index.js'
import { AlignOutput, ParseOutput, SCHEMA_VERSION } from '../src/model/index.js'
import { ReportOutput } from '../src/model/report.js'
import { loadCorpus } from '../src/pipeline/index.js'
import { type ChartData, trajectoryChartData } from '../src/report/html/chart-data.js'
import { fillText } from '../src/report/html/strings.js'
import {
  buildReport,
  CSV_NAMES,
  escapeMarkdown,
  fulfilmentSpec,
  loadReportStrings,
  PARQUET_NAMES,
  prefixIds,
  renderCascade,
  renderDiff,
  robustDomain,
  toCsv,
  toDot,
  toGraphml,
  toHtml,
  toJson,
  toMarkdown,
  toParquet,
  toTables,
  trajectorySpec,
  writeReport,
} from '../src/report/index.js'
import { columnType, TABLE_NAMES } from '../src/report/tables.js'
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
      targets: [makeTarget({ text: '1390个', value: 1390, status: 'achieved' })],
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

/** A growth figure of a trajectory, as the charts' tests need one. */
function growthPoint(
  docId: string,
  jurisdiction: string,
  year: number,
  value: number,
  status: 'planned' | 'achieved',
  metric: string,
) {
  return {
    docId,
    itemId: `${docId}#1`,
    jurisdiction,
    level: 'province' as const,
    year,
    yearFrom: null,
    value,
    valueMax: null,
    unit: '%',
    normalized: value,
    normalizedMax: null,
    comparator: 'approx' as const,
    kind: 'growth' as const,
    status,
    direction: 'increase' as const,
    metric,
    text: `${value}%`,
  }
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
    const { diffs: _d, trajectories: _t, fulfilment: _f, ...alignOutput } = json
    const parseOutput = { schemaVersion: json.schemaVersion, documents: json.documents }
    expect(validate('ReportOutput', json)).toBe(true)
    expect(validate('AlignOutput', alignOutput)).toBe(true)
    expect(validate('ParseOutput', parseOutput)).toBe(true)
    expect(validate('AlignOutput', json)).toBe(false)
    expect(() => AlignOutput.parse(alignOutput)).not.toThrow()
    expect(() => ParseOutput.parse(parseOutput)).not.toThrow()
  })

  it('writes every table of the seeds to Parquet, read back cell for cell', async () => {
    const files = await toParquet(report)
    const tables = toTables(report)
    expect(tables.targets.rows.length).toBeGreaterThan(100)
    for (const [k, name] of TABLE_NAMES.entries()) {
      const bytes = files[PARQUET_NAMES[k]!]
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
      const rows = await parquetReadObjects({ file })
      expect(rows.length, name).toBe(tables[name].rows.length)
      expect(rows, name).toEqual(
        tables[name].rows.map((row) =>
          Object.fromEntries(tables[name].columns.map((c) => [c, row[c] ?? null])),
        ),
      )
    }
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
    expect(step.targets[0]?.summary).toBe('3000个以上 -> 3200个 (stock -> flow, not compared)')
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

  it('gives the same tables as rows for a DataFrame, document columns on every row', () => {
    const tables = toTables(report)
    const csv = toCsv(report)
    for (const [name, file] of [
      ['items', 'items.csv'],
      ['targets', 'targets.csv'],
      ['links', 'links.csv'],
      ['targetChanges', 'target-changes.csv'],
    ] as const) {
      const rows = readCsv(csv[file].slice(1))
      expect(tables[name].columns, name).toEqual(rows[0])
      expect(tables[name].rows, name).toHaveLength(rows.length - 1)
    }
    const target = tables.targets.rows.find((r) => r.text === '3200个')!
    expect(target).toMatchObject({ doc_id: 'fz-2025', jurisdiction: '福州市', level: 'city', doc_year: 2025 })
    expect(typeof target.normalized).toBe('number')
    const link = tables.links.rows[0]!
    expect(link.source_doc).not.toBe(link.target_doc)
  })

  it('makes tables of documents alone: the alignment tables are empty', () => {
    const tables = toTables({ documents: report.documents })
    expect(tables.items.rows).toHaveLength(6)
    expect(tables.links.rows).toEqual([])
    expect(tables.evolution.columns).toEqual([
      'from_doc',
      'to_doc',
      'status',
      'from_item',
      'to_item',
      'score',
    ])
    expect(tables.items.rows[0]!.threads).toBe('')
  })

  it('writes no cell that a spreadsheet would run as a formula, whatever the records hold', () => {
    // every string of the report begins with a formula character: ids, titles, texts, units, terms
    const starts = ['=', '+', '-', '@', '\t', '\r']
    let k = 0
    const hostile = JSON.parse(JSON.stringify(report), (key, value) =>
      typeof value === 'string' && key !== '' ? `${starts[k++ % starts.length]}${value}` : value,
    ) as typeof report
    const files = toCsv(hostile)
    let neutralised = 0
    for (const name of CSV_NAMES) {
      for (const row of readCsv(files[name].slice(1)).slice(1)) {
        for (const cell of row) {
          const runs = /^[=+\-@\t\r]/.test(cell) && !/^[-+]?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(cell)
          expect(runs, `${name}: ${JSON.stringify(cell)}`).toBe(false)
          if (cell.startsWith("'")) neutralised++
        }
      }
    }
    expect(neutralised).toBeGreaterThan(50)
    // what the cell says is kept after the quote: =HYPERLINK(…) reads '=HYPERLINK(…)
    const items = readCsv(files['items.csv'].slice(1))
    expect(items.slice(1).some((r) => r.some((c) => /^'[=+\-@\t\r]推进信息基础设施建设/.test(c)))).toBe(true)
  })

  it('writes the comparator as words and numbers as numbers, negative ones too', () => {
    const files = toCsv(report)
    const targets = readCsv(files['targets.csv'].slice(1))
    const column = targets[0]!.indexOf('comparator')
    expect(new Set(targets.slice(1).map((r) => r[column]))).toEqual(new Set(['at-least', 'exactly']))
    // a negative figure is a number to a spreadsheet, never neutralised into text: the small report's
    // figures are a stock and flows (not compared), so give its changes deltas of both signs
    const signed = [-7000, 200, -1810.5]
    let n = 0
    const withDeltas = {
      ...report,
      diffs: report.diffs.map((d) => ({
        ...d,
        targets: d.targets.map((t) => ({ ...t, delta: signed[n++ % signed.length] as number })),
      })),
    }
    const written = toCsv(withDeltas)['target-changes.csv']
    const changes = readCsv(written.slice(1))
    const delta = changes[0]!.indexOf('delta')
    const deltas = changes.slice(1).map((r) => r[delta])
    expect(deltas.length).toBeGreaterThanOrEqual(3)
    expect(deltas.slice(0, 3)).toEqual(['-7000', '200', '-1810.5'])
    expect(written).not.toContain("'-")
  })

  it('reads review.csv back as decisions with the ids as they were, quote dropped', () => {
    const ids = {
      ...report,
      links: report.links.map((l) => ({ ...l, source: `=${l.source}`, target: `-${l.target}` })),
    }
    const review = toCsv(ids)['review.csv'].replace(/^\ufeff"decision",/, '"decision",')
    const filled = review.replace(/\r\n,/g, '\r\nconfirm,')
    const decisions = parseDecisions(filled, 'review.csv')
    expect(decisions.map((d) => (d.action === 'confirm' ? [d.source, d.target] : []))).toEqual(
      report.links.map((l) => [`=${l.source}`, `-${l.target}`]),
    )
  })

  it('writes Parquet files with the columns and cells of the tables, read back by hyparquet', async () => {
    const files = await toParquet(report)
    expect(Object.keys(files)).toEqual([...PARQUET_NAMES])
    const tables = toTables(report)
    for (const [k, name] of TABLE_NAMES.entries()) {
      const bytes = files[PARQUET_NAMES[k]!]
      const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
      const metadata = parquetMetadata(file)
      // the same columns, in order, even for an empty table
      expect(
        parquetSchema(metadata).children.map((c) => c.element.name),
        name,
      ).toEqual(tables[name].columns)
      expect(Number(metadata.num_rows), name).toBe(tables[name].rows.length)
      const rows = await parquetReadObjects({ file })
      // the same cells: numbers as numbers (INT32 columns come back as numbers, DOUBLE as numbers)
      expect(rows, name).toEqual(
        tables[name].rows.map((row) =>
          Object.fromEntries(tables[name].columns.map((c) => [c, row[c] ?? null])),
        ),
      )
    }
    const [again] = [await toParquet(report)]
    expect(again['items.parquet']).toEqual(files['items.parquet'])
  })

  it('types every column by name: numbers where the tables hold numbers, text elsewhere', () => {
    const tables = toTables(report)
    for (const name of TABLE_NAMES) {
      for (const column of tables[name].columns) {
        const kind = columnType(column)
        for (const row of tables[name].rows) {
          const cell = row[column] ?? null
          if (cell === null) continue
          expect(typeof cell, `${name}.${column}`).toBe(kind === 'string' ? 'string' : 'number')
          if (kind === 'integer') expect(Number.isInteger(cell), `${name}.${column}`).toBe(true)
        }
      }
    }
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
    expect(md).toContain('3000个以上 -> 3200个 (stock -> flow, not compared)')
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
    // Each item's text once (#item-texts); a card's diff is the lengths of its parts over the texts of
    // its item (data-t) and the one it is compared with (data-b), each `length × 3 + op`.
    const texts = JSON.parse(
      /<script type="application\/json" id="item-texts">(.*?)<\/script>/.exec(html)?.[1] ?? '[]',
    ) as string[]
    const body = (id: string) => itemBody(report.documents.flatMap((d) => d.items).find((i) => i.id === id)!)
    expect(texts.filter((t) => t === body('fz-2019#2.3'))).toHaveLength(1)
    expect(texts.filter((t) => t === body('fz-2025#2.3'))).toHaveLength(1)
    const card = /<div class="text diff" lang="zh" data-t="(\d+)" data-b="(\d+)" data-d="([\d,]+)">/.exec(
      html.slice(html.indexOf('data-item="fz-2025#2.3"')),
    )
    expect(card).not.toBeNull()
    const [text, base] = [texts[Number(card![1])]!, texts[Number(card![2])]!]
    expect([text, base]).toEqual([body('fz-2025#2.3'), body('fz-2019#2.3')])
    let [i, j] = [0, 0]
    let spelled = ''
    for (const code of card![3]!.split(',').map(Number)) {
      const n = Math.floor(code / 3)
      const op = code % 3
      if (op === 1) spelled += `<del>${base.slice(i, i + n)}</del>`
      else if (op === 2) spelled += `<ins>${text.slice(j, j + n)}</ins>`
      else spelled += text.slice(j, j + n)
      if (op !== 2) i += n
      if (op !== 1) j += n
    }
    expect(spelled).toContain('<del>推进信息</del><ins>优化完善网络</ins>基础设施')
    expect(html).not.toContain('<del>推进信息</del>')
    expect(html).toContain('<article class="thread-detail" data-thread-id="t-5g" hidden>')
    // Inert until opened, and an item's text is not copied a second time for the plain-text switch.
    expect(html).toContain('<template class="thread-template" data-thread-id="t-5g">')
    expect(html).not.toContain('class="text plain"')
    expect(html).toContain('data-doc="fz-2019"')
    expect(html).toContain('class="flow flow-evolution"')
    expect(html).toContain('<span data-i18n="continued">延续</span><span class="n">1</span>')
    // charts as data the page's script draws (chart-data.ts), not as SVG
    expect(html).toContain('<script type="application/json" class="chart-data">{')
    expect(html.slice(0, html.lastIndexOf('<script>'))).not.toContain('<svg class="chart-svg"')
    // Ids are unique on the page.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('speaks Chinese by default and English when asked, with every word from the strings file', async () => {
    const strings = loadReportStrings()
    const zh = await toHtml(report)
    const en = await toHtml(report, { language: 'en' })
    expect(zh).toContain('<html lang="zh-CN" data-language="zh">')
    expect(zh).toContain('<h1 data-i18n="title">规划级联报告</h1>')
    expect(en).toContain('<html lang="en" data-language="en">')
    expect(en).toContain('<h1 data-i18n="title">Plan cascade report</h1>')
    expect(en).toContain('<span data-i18n="continued">Continued</span>')
    expect(en).toMatch(
      /<span data-i18n="thread-meta" data-i18n-args="\{&quot;n&quot;:(\d+)\}">\1 items<\/span>/,
    )
    expect(zh).toMatch(
      /<span data-i18n="thread-meta" data-i18n-args="\{&quot;n&quot;:(\d+)\}">\1 个条目<\/span>/,
    )
    // every key the page uses is in the file, in both languages
    // the page's markup, and the keys the script writes into it (t('…') / el('…'))
    const markup = zh.slice(0, zh.lastIndexOf('<script>'))
    const script = zh.slice(zh.lastIndexOf('<script>'))
    const keys = new Set([...markup.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]!))
    for (const m of script.matchAll(/\bel\('([a-z-]+)'/g)) keys.add(m[1]!)
    for (const m of markup.matchAll(/data-i18n-attr="([^"]+)"/g))
      for (const pair of m[1]!.split(' ')) keys.add(pair.split(':')[1]!)
    for (const key of keys) {
      expect(strings[key]?.zh, key).toBeTruthy()
      expect(strings[key]?.en, key).toBeTruthy()
    }
    expect(keys.size).toBeGreaterThan(40)
    // the page carries the strings for its switch
    expect(zh).toContain('<script type="application/json" id="report-strings">')
  })

  it('fills slots and picks singular or plural', () => {
    expect(fillText('{n} item|{n} items', { n: 1 })).toBe('1 item')
    expect(fillText('{n} item|{n} items', { n: 3 })).toBe('3 items')
    expect(fillText('{shown} / {total} 条主线', { shown: 2, total: 5 })).toBe('2 / 5 条主线')
  })

  it('lays a crowded cell out as a grid grouped by parent, boxes apart and full size', () => {
    const provinces = ['山东省', '四川省', '江苏省']
    const docs = Array.from({ length: 36 }, (_, k) =>
      makeDocument(
        `city-${String(k).padStart(2, '0')}`,
        { name: `城市${k}`, level: 'city', parent: provinces[k % 3]! },
        2024,
        [],
      ),
    )
    const svg = renderCascade(
      { ...report, documents: docs, links: [], threads: [], evolution: [], diffs: [] },
      [],
    )
    const boxes = [...svg.matchAll(/data-doc="([^"]+)"[^>]*transform="translate\(([\d.]+),([\d.]+)\)"/g)].map(
      (m) => ({
        id: m[1]!,
        x: Number(m[2]),
        y: Number(m[3]),
      }),
    )
    expect(boxes).toHaveLength(36)
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        expect(Math.abs(a.x - b.x) >= 176 || Math.abs(a.y - b.y) >= 64, `${a.id} ${b.id}`).toBe(true)
    // a grid, not a column of 36
    expect(new Set(boxes.map((b) => b.x)).size).toBeGreaterThan(4)
    expect(new Set(boxes.map((b) => b.y)).size).toBeLessThan(12)
    // groups by parent, each named
    expect([...svg.matchAll(/class="group-label"[^>]*>([^<]+)</g)].map((m) => m[1])).toEqual([
      '四川省',
      '山东省',
      '江苏省',
    ])
    // it never shrinks below three quarters of its size: it scrolls instead
    const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)![1])
    expect(svg).toContain(`min-width:${Math.round(width * 0.75)}px`)
  })

  it('renames the ids of a chart so that charts can share a page', () => {
    const svg =
      '<svg><defs><clipPath id="clip7"><rect/></clipPath></defs><g clip-path="url(#clip7)"></g></svg>'
    expect(prefixIds(svg, 'chart2')).toBe(
      '<svg><defs><clipPath id="chart2-1"><rect/></clipPath></defs><g clip-path="url(#chart2-1)"></g></svg>',
    )
  })

  it('charts stocks and flows apart: no line joins 建成3000个以上 (2019) and 新建3200个 (2025)', () => {
    const flow = report.trajectories.find((t) => t.id === '5g-base-stations@increment')!
    const stock = report.trajectories.find((t) => t.id === '5g-base-stations@level')!
    expect(flow.points.map((p) => p.text)).toEqual(['1万个', '3200个'])
    expect(stock.points.map((p) => p.text)).toEqual(['3000个以上', '1390个'])
    const spec = trajectorySpec(flow, new Map([['福州市', '#123456']])) as {
      data: { values: Array<{ jurisdiction: string; line: boolean }> }
    }
    expect(spec.data.values.map((v) => [v.jurisdiction, v.line])).toEqual([
      ['福建省', false],
      ['福州市', false],
    ])
  })

  it('draws planned targets hollow and achieved results filled, one line per status', () => {
    const point = (year: number, value: number, status: 'planned' | 'achieved') =>
      growthPoint(`hn-${year}`, '河南省', year, value, status, '地区生产总值')
    const trajectory = {
      id: 'gdp@growth',
      metricFamily: 'gdp',
      label: '地区生产总值',
      labelEn: null,
      kind: 'growth' as const,
      unit: '%',
      points: [point(2025, 5, 'planned'), point(2025, 5.6, 'achieved'), point(2026, 5, 'planned')],
    }
    const spec = trajectorySpec(trajectory, new Map()) as {
      data: { values: Array<{ status: string; line: boolean }> }
      layer: Array<{ mark: { type: string; filled?: boolean }; transform?: Array<{ filter: string }> }>
    }
    // the two targets are one dashed line; the lone result is not joined to them
    expect(spec.data.values.map((v) => [v.status, v.line])).toEqual([
      ['planned', true],
      ['achieved', false],
      ['planned', true],
    ])
    const points = spec.layer.filter((l) => l.mark.type === 'point')
    expect(points.map((l) => l.mark.filled)).toEqual([false, true])
    // the page's chart data says the same: one dashed line through the targets, hollow targets
    const chart = trajectoryChartData(trajectory, new Map())
    expect(chart.x).toEqual(['2025', '2026'])
    expect(chart.s).toEqual([
      [
        0,
        1,
        [
          [0, 5],
          [1, 5],
        ],
      ],
    ])
    expect(chart.p.map((p) => [p[1], p[3], p[4]])).toEqual([
      [5, 'circle', 1],
      [5.6, 'square', 0],
      [5, 'circle', 1],
    ])
    // round ticks over a domain from zero that holds every figure and every label
    expect(chart.d[0]).toBe(0)
    expect(chart.t.map((t) => t[1])).toEqual(['0', '1', '2', '3', '4', '5', '6'])
    expect(Math.max(...chart.f.map((f) => f[1]))).toBeLessThanOrEqual(chart.d[1])
  })

  it("draws an outlier of the page's charts at the edge of the axis as a triangle, with its figure", () => {
    const point = (docId: string, value: number) =>
      growthPoint(docId, docId, 2025, value, 'planned', '研发经费投入')
    const values = [5, 6.5, 8, 7, 57.3]
    const chart = trajectoryChartData(
      {
        id: 'rd@growth',
        metricFamily: 'rd',
        label: '研发经费投入',
        labelEn: null,
        kind: 'growth',
        unit: '%',
        points: values.map((v, k) => point(`p${k}`, v)),
      },
      new Map(),
    )
    expect(chart.d[1]).toBeLessThan(20)
    expect(chart.p.find((p) => p[1] === 57.3)?.[3]).toBe('triangle-up')
    expect(chart.f.filter((f) => f[4] === 1).map((f) => f[2])).toEqual(['57.3%'])
  })

  it('keeps an outlier from squashing the axis: 57.3% among rates of 5-8% sits at the edge', () => {
    expect(robustDomain([5, 6.5, 8, 7, 57.3])).toEqual({ domain: [0, 8], outliers: new Set([57.3]) })
    expect(robustDomain([5, 6.5, 8, 7, 9.5])).toBeNull()
    expect(robustDomain([3000, 3200, 1390])).toBeNull()
  })

  describe('writeReport', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-report-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('writes every format into a folder and says what it wrote', async () => {
      const steps: string[] = []
      const written = await writeReport(report, join(dir, 'all'), undefined, {
        onProgress: ({ stage, done, total, file }) =>
          steps.push(`${stage} ${done}/${total}${file ? ` ${file.split('/').pop()}` : ''}`),
      })
      const names = readdirSync(join(dir, 'all')).sort()
      expect(names).toEqual(
        [
          ...CSV_NAMES,
          ...PARQUET_NAMES,
          'report.html',
          'report.md',
          'report.json',
          'report.graphml',
          'report.dot',
        ].sort(),
      )
      expect(written.map((f) => f.path.split('/').pop()).sort()).toEqual(names)
      // one event per file written, with its name, after a first 0/n
      const n = names.length
      expect(steps[0]).toBe(`writing 0/${n}`)
      expect(steps[1]).toBe(`writing 1/${n} report.html`)
      expect(steps).toHaveLength(n + 1)
      expect(steps.at(-1)).toBe(`writing ${n}/${n} report.dot`)
      expect(JSON.parse(readFileSync(join(dir, 'all', 'report.json'), 'utf8'))).toEqual(report)
    })

    it("computes each link's evidence once for the CSV and Parquet links and review tables", async () => {
      // align's links compute their evidence when it is read; count the reads through a wrapper
      // (one getter for all, as align gives one per scorer)
      let reads = 0
      const original = new WeakMap<object, (typeof report.links)[number]>()
      const evidence = {
        enumerable: true,
        get(this: object) {
          reads++
          return original.get(this)?.evidence
        },
      }
      const links = report.links.map((l) => {
        const copy = { ...l }
        original.set(copy, l)
        return Object.defineProperty(copy, 'evidence', evidence)
      })
      await writeReport({ ...report, links }, join(dir, 'tables'), ['csv', 'parquet'])
      // one read per link, and the feature names read from the first one
      expect(reads).toBeLessThanOrEqual(links.length + 1)
      const review = readFileSync(join(dir, 'tables', 'review.csv'), 'utf8')
      const first = report.links[0]?.evidence.summary as string
      expect(review).toContain(first.split(/[,"\n]/)[0])
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

describe('targets against results in the report', () => {
  // Two provinces' 2025 goals and the results their 2026 reports give (figures of the corpus's reports).
  const gdp = (
    text: string,
    value: number,
    status: 'planned' | 'achieved',
    comparator: '=' | 'approx' | '>=',
  ) =>
    makeTarget({
      text,
      value,
      unit: '%',
      normalizedUnit: '%',
      comparator,
      kind: 'growth',
      status,
      direction: 'increase',
      year: 2025,
      metric: '地区生产总值',
      metricFamily: 'gdp',
    })
  const doc = (id: string, place: string, year: number, target: ReturnType<typeof gdp>) =>
    makeDocument(id, { name: place, level: 'province' }, year, [
      makeItem({ id: `${id}#1`, text: `地区生产总值增长${target.text}`, targets: [target] }),
    ])
  const documents = [
    doc('hn-2025', '河南省', 2025, gdp('5.5%左右', 5.5, 'planned', 'approx')),
    doc('hn-2026', '河南省', 2026, gdp('5.6%', 5.6, 'achieved', '=')),
    doc('yn-2025', '云南省', 2025, gdp('5%左右', 5, 'planned', 'approx')),
    doc('yn-2026', '云南省', 2026, gdp('4.1%', 4.1, 'achieved', '=')),
  ]
  const report = buildReport(
    documents,
    { links: [], threads: [], evolution: [] },
    {
      segmenter: fakeSegmenter(['地区生产总值', '增长']),
    },
  )

  it('pairs each target with its result, in the JSON', () => {
    expect(
      report.fulfilment.map((f) => [
        f.jurisdiction,
        f.planned.target.text,
        f.achieved.target.text,
        f.outcome,
      ]),
    ).toEqual([
      ['云南省', '5%左右', '4.1%', 'missed'],
      ['河南省', '5.5%左右', '5.6%', 'met'],
    ])
  })

  it('writes fulfilment.csv, one row per pair', () => {
    const rows = readCsv(toCsv(report)['fulfilment.csv'].slice(1))
    const header = rows[0] as string[]
    const col = (row: string[], name: string) => row[header.indexOf(name)]
    expect(rows).toHaveLength(3)
    expect(col(rows[2] as string[], 'jurisdiction')).toBe('河南省')
    expect(col(rows[2] as string[], 'planned_text')).toBe('5.5%左右')
    expect(col(rows[2] as string[], 'achieved_value')).toBe('5.6')
    expect(col(rows[2] as string[], 'outcome')).toBe('met')
  })

  it('draws them in the HTML: one chart of the indicator across the provinces, the target hollow', async () => {
    const html = await toHtml(report)
    const section = html.slice(
      html.indexOf('<section id="fulfilment">'),
      html.indexOf('<section id="documents">'),
    )
    const charts = [
      ...section.matchAll(/<script type="application\/json" class="chart-data">(.*?)<\/script>/g),
    ].map((m) => JSON.parse(m[1]!) as ChartData)
    expect(charts).toHaveLength(1)
    const chart = charts[0]!
    expect(chart.x).toContain('河南省')
    // each province: its target hollow, its result filled in the colour of its outcome, one line
    expect(chart.p).toHaveLength(2 * report.fulfilment.length)
    expect(chart.p.filter((p) => p[4] === 1)).toHaveLength(report.fulfilment.length)
    expect(chart.s).toHaveLength(report.fulfilment.length)
    expect(chart.l.map((l) => l[0])).toContain('missed')
    expect(section).toContain('outcome-missed')
    const spec = fulfilmentSpec(report.fulfilment, '地区生产总值') as {
      layer: Array<{ mark: { filled?: boolean }; transform?: Array<{ filter: string }> }>
    }
    expect(spec.layer.filter((l) => l.mark.filled !== undefined).map((l) => l.mark.filled)).toEqual([
      false,
      true,
    ])
  })
})
