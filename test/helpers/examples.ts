/**
 * What the examples and the notebook are checked against, shared by test/examples.test.ts (the source,
 * through tsconfig paths) and test/package.test.ts (the packed tarball, installed).
 */
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hasCorpus } from './corpus.js'

export interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs a command (node by default) and resolves to its exit code and output; never rejects. */
export function run(
  args: string[],
  cwd = process.cwd(),
  command = process.execPath,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Run> {
  return new Promise((done) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024, cwd, env }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
  })
}

/** What each example must print. */
export const EXPECTED: Record<string, RegExp[]> = {
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

/** The example notebook. */
export interface Notebook {
  nbformat: number
  metadata: { kernelspec: { name: string } }
  cells: Array<{ cell_type: string; source: string[] }>
}

export function readNotebook(): Notebook {
  return JSON.parse(readFileSync('notebooks/plan-cascade.ipynb', 'utf8')) as Notebook
}

/** The notebook's code cells, in order, as one module. */
export function notebookCode(notebook: { cells: Array<{ cell_type: string; source: string[] }> }): string {
  return notebook.cells
    .filter((c) => c.cell_type === 'code')
    .map((c) => c.source.join(''))
    .join('\n\n')
}

/** A stand-in for the tslab kernel's module (display does nothing), in `dir`/node_modules/tslab. */
export function writeTslabStub(dir: string): void {
  const stub = join(dir, 'node_modules', 'tslab')
  mkdirSync(stub, { recursive: true })
  writeFileSync(join(stub, 'package.json'), '{ "name": "tslab", "version": "0.0.0", "main": "index.js" }\n')
  writeFileSync(join(stub, 'index.js'), 'exports.display = { html() {}, markdown() {}, text() {} }\n')
  writeFileSync(
    join(stub, 'index.d.ts'),
    'export declare const display: { html(html: string): void; markdown(md: string): void; text(text: string): void }\n',
  )
}
