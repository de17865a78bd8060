// Every example runs, with tsx and with ts-node (ESM loader), and prints what it promises; the example
// notebook's code cells run too.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { hasCorpus } from './helpers/corpus.js'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      args,
      { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
      },
    )
  })
}

const tsx = (file: string, ...args: string[]) => run(['--import', 'tsx', file, ...args])
const tsNode = (file: string, ...args: string[]) =>
  run(['--no-warnings', '--loader', 'ts-node/esm', file, ...args], {
    TS_NODE_PROJECT: 'examples/tsconfig.json',
  })

const tmp = mkdtempSync(join(tmpdir(), 'plan-cascade-examples-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** What each example must print. */
const EXPECTED: Record<string, RegExp[]> = {
  'cascade-5g.ts': [
    /^Thread t\d+: .*5G/m,
    /福建省\(province\) 2019/,
    // a stock (建成3000个以上) and a flow (新建1万个) are listed, never compared
    /5G基站: 3000个以上 -> 1万个 \(stock -> flow, not compared\)/,
  ],
  'fuzhou-evolution.ts': [
    /2019年数字福州工作要点 → 2025年数字福州工作要点/,
    /\d+ continued, \d+ new, \d+ dropped/,
    /3000个以上 -> 3200个 \(stock -> flow, not compared\)/,
    /^New in 2025:/m,
  ],
  'hotline-12345.ts': [
    /fuzhou-2019#3\.12 +做大做优12345便民服务平台/,
    /\d+ items about the 12345 hotline in 5 documents/,
  ],
  'custom-taxonomy.ts': [/custom: data-governance \(数据治理与首席数据官\)/, /^12345热线\(自定义\):/m],
  'fulfilment-provinces.ts': hasCorpus
    ? [
        /^30 reports, \d+ targets of 2025 with a result, in \d+ provinces/m,
        /^gdp\|growth\|%: \d+ provinces/m,
        /河南省.*5\.5%左右 -> 5\.6% \(met/,
      ]
    : [/^no corpus at /m],
  'export-csv.ts': [/items\.csv +258 rows/, /targets\.csv +\d+ rows/, /links\.csv +\d+ rows/],
}

describe('examples', () => {
  it('has an expectation for every example', () => {
    const files = readdirSync('examples').filter((f) => f.endsWith('.ts'))
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.keys(EXPECTED))('runs %s with tsx and with ts-node', async (file) => {
    const path = join('examples', file)
    const [withTsx, withTsNode] = await Promise.all([
      tsx(path, join(tmp, 'tsx')),
      tsNode(path, join(tmp, 'ts-node')),
    ])
    for (const result of [withTsx, withTsNode]) {
      expect(result.stderr).toBe('')
      expect(result.code).toBe(0)
      for (const pattern of EXPECTED[file]!) expect(result.stdout).toMatch(pattern)
    }
    expect(withTsNode.stdout).toBe(withTsx.stdout.split(join(tmp, 'tsx')).join(join(tmp, 'ts-node')))
  })

  it('writes CSV files pandas can read (UTF-8 with BOM)', () => {
    const items = readFileSync(join(tmp, 'tsx', 'csv', 'items.csv'), 'utf8')
    expect(items.startsWith('\ufeffid,doc_id,')).toBe(true)
  })
})

describe('example notebook', () => {
  const notebook = JSON.parse(readFileSync('notebooks/plan-cascade.ipynb', 'utf8')) as {
    nbformat: number
    metadata: { kernelspec: { name: string } }
    cells: Array<{ cell_type: string; source: string[] }>
  }

  it('is an nbformat 4 notebook for the tslab kernel', () => {
    expect(notebook.nbformat).toBe(4)
    expect(notebook.metadata.kernelspec.name).toBe('tslab')
    expect(notebook.cells.filter((c) => c.cell_type === 'code').length).toBeGreaterThan(3)
  })

  it('runs its code cells in order (tslab display stubbed)', async () => {
    // Inside the repository (test-output/ is ignored by git), so that packages resolve from node_modules.
    mkdirSync('test-output', { recursive: true })
    const dir = resolve(mkdtempSync(join('test-output', 'notebook-')))
    try {
      // The package's public names, as `import … from 'plan-cascade'` gives them once built.
      writeFileSync(
        join(dir, 'plan-cascade.ts'),
        [
          `export * from '${resolve('src/index.ts')}'`,
          `export * from '${resolve('src/diff/index.ts')}'`,
          `export * from '${resolve('src/report/index.ts')}'`,
          '',
        ].join('\n'),
      )
      writeFileSync(
        join(dir, 'tslab.ts'),
        'export const display = { html(_: string) {}, markdown(_: string) {} }\n',
      )
      const code = notebook.cells
        .filter((c) => c.cell_type === 'code')
        .map((c) => c.source.join(''))
        .join('\n\n')
        .replace("from 'plan-cascade'", "from './plan-cascade.js'")
        .replace("from 'tslab'", "from './tslab.js'")
        .replace("const SEEDS = '../seeds'", `const SEEDS = '${resolve('seeds')}'`)
        .replace("writeReport(report, 'out',", `writeReport(report, '${join(dir, 'out')}',`)
      writeFileSync(join(dir, 'notebook.mts'), `${code}\nconsole.log('notebook done')\n`)
      const result = await tsx(join(dir, 'notebook.mts'))
      expect(result.stderr).toBe('')
      expect(result.stdout).toContain('notebook done')
      expect(readdirSync(join(dir, 'out'))).toContain('report.html')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
