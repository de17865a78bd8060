// The README is the API's first documentation, so it is held to the package: every export has its
// heading (a function or a constant) or its row (a record or a type) in the API section, and every
// TypeScript block of the README type-checks under the project's strict options and runs, printing
// what its `// → …` comments say. Blocks run against src/ ('plan-cascade' is mapped by the `paths` of
// tsconfig.json); a block marked ```ts partial is a fragment and is left out.
import { readFileSync, rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as api from '../src/index.js'
import {
  type BlockResult,
  blocksFolder,
  documentedName,
  expectedOutput,
  exportedNames,
  isRunnable,
  placeInReadme,
  readSections,
  runBlocks,
  sectionsOf,
  typecheckBlocks,
} from './helpers/readme.js'

const readme = readFileSync('README.md', 'utf8')
const sections = readSections(readme)
const apiSections = sectionsOf(sections, 'API')
const runtime: Record<string, unknown> = api

/** A zod schema: a record (PlanDocument, Target …), documented in the table of records. */
const isSchema = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { safeParse?: unknown }).safeParse === 'function'

const names = exportedNames()
/** Functions, the error class and constants: each has a heading of its own with an example. */
const headed = names.filter((name) => name in runtime && !isSchema(runtime[name]))
/** Records (a zod schema and its type) and type-only exports: each has a row in a table. */
const tabled = names.filter((name) => !headed.includes(name))

describe('README', () => {
  it('keeps its sections in the order a newcomer needs them', () => {
    const order = [
      'What is this',
      'When to use it',
      'Quick start',
      'Use',
      'API',
      'CLI',
      'Data files',
      'Performance',
      'Limits',
    ]
    const titles = sections.filter((s) => s.level === 2).map((s) => s.title)
    expect(titles.filter((t) => order.includes(t))).toEqual(order)
  })

  it('reads the exports of the package, types included', () => {
    expect(names).toEqual(expect.arrayContaining(['analyze', 'PlanDocument', 'AlignOptions', 'Segmenter']))
    expect(headed).toContain('PlanCascadeError')
    expect(headed).toContain('SCHEMA_VERSION')
    expect(tabled).toContain('PlanItem')
    expect(tabled).toContain('LoadCorpusOptions')
    // every runtime export is among the names read from src/index.ts
    expect(Object.keys(api).filter((name) => !names.includes(name))).toEqual([])
  })

  it.each(headed)('has a heading for %s in the API section, with an example that uses it', (name) => {
    const section = apiSections.find((s) => s.level === 3 && documentedName(s.title) === name)
    expect(section, `no "### \`${name}…\`" in the README's API section`).toBeDefined()
    const examples = section?.blocks.filter(isRunnable) ?? []
    expect(examples.length, `no runnable ts example under "### ${section?.title}"`).toBeGreaterThan(0)
    expect(examples.some((b) => new RegExp(`\\b${name}\\b`).test(b.code))).toBe(true)
  })

  it('lists every record schema and type in a table of the API section', () => {
    const rows = new Set(apiSections.flatMap((s) => s.tableKeys.map(documentedName)))
    expect(tabled.filter((name) => !rows.has(name))).toEqual([])
  })

  it('documents nothing the package does not export', () => {
    const documented = apiSections.flatMap((s) => [
      ...(s.level === 3 ? [documentedName(s.title)] : []),
      ...s.tableKeys.map(documentedName),
    ])
    expect(documented.filter((name) => name !== null && !names.includes(name))).toEqual([])
    // one heading per export
    const headings = apiSections.filter((s) => s.level === 3).map((s) => documentedName(s.title))
    expect(headings.filter((name, k) => name !== null && headings.indexOf(name) !== k)).toEqual([])
  })

  it('names every subpath export of package.json', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, unknown> }
    const subpaths = Object.keys(manifest.exports).filter((p) => p !== '.' && p !== './package.json')
    expect(subpaths.length).toBeGreaterThan(0)
    for (const subpath of subpaths) expect(readme).toContain(`plan-cascade/${subpath.slice(2)}`)
  })
})

const blocks = sections.flatMap((section) =>
  section.blocks.filter(isRunnable).map((b) => ({ ...b, heading: section.title })),
)

describe('README TypeScript blocks', () => {
  let dir = ''
  let results: BlockResult[] = []
  let diagnostics: string[] = []

  // one tsx process for all blocks, and one tsc, side by side; generous bounds for a loaded machine
  beforeAll(async () => {
    const code = blocks.map((b) => b.code)
    dir = blocksFolder(code)
    const [ran, checked] = await Promise.all([runBlocks(code, dir), typecheckBlocks(code, dir)])
    results = ran
    diagnostics = checked
  }, 300_000)
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('are there to check', () => {
    expect(blocks.length).toBeGreaterThan(headed.length)
  })

  it.each(blocks.map((b, k) => [b.line, b.heading, k] as const))(
    'the block at line %i (%s) type-checks, runs and prints what it says',
    (_line, _heading, k) => {
      const block = blocks[k]!
      const fences = blocks.map((b) => b.line)
      expect(placeInReadme(diagnostics[k] ?? '', fences), 'tsc').toBe('')
      expect(placeInReadme(results[k]?.stderr ?? '', fences), 'stderr').toBe('')
      const expected = expectedOutput(block.code)
      if (expected.length > 0) {
        const printed = (results[k]?.stdout ?? '').split('\n').map((l) => l.trimEnd())
        if (printed.at(-1) === '') printed.pop()
        expect(printed).toEqual(expected)
      }
    },
  )
})
