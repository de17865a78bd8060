// The package as users get it: `npm pack` (prepack builds dist/), the tarball installed with npm into a
// fresh folder outside the repository, and there the examples and the notebook's cells run against the
// installed package as written — as ES modules (tsx, and ts-node the way the docs say:
// `node --loader ts-node/esm`), as CommonJS (the same files in a "type": "commonjs" folder, where tsx
// turns their imports into require), under `tsc --strict` with the published declarations, and from
// plain JavaScript (import and require). The CLI runs from node_modules/.bin.
//
// The install is `npm install --prefer-offline`: the dependencies come from npm's cache, which this
// checkout's `npm ci` filled, so no network is needed; the tools (typescript, tsx, ts-node,
// @types/node) are pinned to the versions installed here, so that they are in the cache too.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { corpusDir } from './helpers/corpus.js'
import { EXPECTED, notebookCode, type Run, readNotebook, run, writeTslabStub } from './helpers/examples.js'

// The examples that read the development corpus run in a folder far from it: say where it is.
process.env.PLAN_CASCADE_CORPUS = corpusDir

const ROOT = resolve('.')
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const TOOLS = ['typescript', 'tsx', 'ts-node', '@types/node']
const EXAMPLES = Object.keys(EXPECTED)

/** npm's environment without the variables of the `npm test` that runs this file. */
function npmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_(package|lifecycle)_/.test(key)),
  )
}

function installedVersion(name: string): string {
  return (
    JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
  ).version
}

/** Runs at most `limit` tasks at a time (the machine has two cores). */
async function pool<T>(tasks: Array<() => Promise<T>>, limit = 2): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  const worker = async () => {
    while (next < tasks.length) {
      const k = next++
      results[k] = await tasks[k]!()
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker))
  return results
}

/** Lines of stderr that are not Node's note that --loader is experimental. */
function realErrors(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter(
      (line) =>
        line.trim() !== '' &&
        !/ExperimentalWarning: `--experimental-loader`|^--import 'data:text\/javascript|--trace-warnings/.test(
          line,
        ),
    )
}

function expectExample(file: string, result: Run, errors: string[] = realErrors(result.stderr)): void {
  expect(errors, `${file}: stderr`).toEqual([])
  expect(result.code, `${file}: exit code`).toBe(0)
  for (const pattern of EXPECTED[file]!) expect(result.stdout, file).toMatch(pattern)
}

const project = mkdtempSync(join(tmpdir(), 'plan-cascade-user-'))
afterAll(() => rmSync(project, { recursive: true, force: true }))

describe('the packed package, installed in a fresh folder', () => {
  let tarball: string
  const outputs: Record<string, Record<string, string>> = { tsx: {}, 'ts-node': {}, cjs: {} }

  beforeAll(async () => {
    const packed = await run(['pack', '--pack-destination', project], ROOT, NPM, npmEnv())
    expect(packed.code, packed.stderr).toBe(0)
    tarball = readdirSync(project).find((f) => f.endsWith('.tgz'))!
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify(
        {
          name: 'plan-cascade-user',
          private: true,
          type: 'module',
          dependencies: { 'plan-cascade': `file:./${tarball}` },
          devDependencies: Object.fromEntries(TOOLS.map((name) => [name, installedVersion(name)])),
        },
        null,
        2,
      )}\n`,
    )
    // What the README tells a TypeScript user to put in tsconfig.json.
    writeFileSync(
      join(project, 'tsconfig.json'),
      `${JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            types: ['node'],
          },
        },
        null,
        2,
      )}\n`,
    )
    const installed = await run(
      ['install', '--prefer-offline', '--no-audit', '--no-fund'],
      project,
      NPM,
      npmEnv(),
    )
    expect(installed.code, installed.stderr).toBe(0)
    // The examples as they are, once as ES modules and once in a CommonJS folder.
    for (const folder of ['examples', 'cjs']) {
      mkdirSync(join(project, folder, 'data'), { recursive: true })
      for (const file of EXAMPLES) copyFileSync(join(ROOT, 'examples', file), join(project, folder, file))
    }
    copyFileSync(
      join(ROOT, 'examples/data/my-taxonomy.json'),
      join(project, 'examples/data/my-taxonomy.json'),
    )
    writeFileSync(join(project, 'cjs', 'package.json'), '{ "type": "commonjs" }\n')
    writeTslabStub(project)
    writeFileSync(
      join(project, 'notebook.mts'),
      `${notebookCode(readNotebook())}\nconsole.log('notebook done')\n`,
    )
  }, 300_000)

  it('ships the build, the data, the schema and the seeds, and no sources or tests', async () => {
    const listed = await run(['-tzf', join(project, tarball)], project, 'tar')
    const files = listed.stdout.split('\n').filter(Boolean)
    expect(files).toEqual(expect.arrayContaining(['package/dist/index.js', 'package/dist/index.cjs']))
    expect(files).toEqual(expect.arrayContaining(['package/dist/index.d.ts', 'package/dist/index.d.cts']))
    expect(files).toEqual(expect.arrayContaining(['package/dist/cli.js', 'package/data/boilerplate.json']))
    // the worker of loadCorpusAsync's pool, beside each build that starts it
    expect(files).toEqual(expect.arrayContaining(['package/dist/worker.js', 'package/dist/worker.cjs']))
    expect(files).toEqual(expect.arrayContaining(['package/seeds/fuzhou-2019.txt', 'package/README.md']))
    expect(files.filter((f) => /^package\/(src|test|scripts)\//.test(f))).toEqual([])
  })

  it('runs every example with tsx', { timeout: 180_000 }, async () => {
    const results = await pool(
      EXAMPLES.map((file) => () => run(['--import', 'tsx', join('examples', file), 'out-tsx'], project)),
    )
    EXAMPLES.forEach((file, k) => {
      expectExample(file, results[k]!)
      outputs.tsx![file] = results[k]!.stdout.replaceAll('out-tsx', 'OUT')
    })
    expect(readFileSync(join(project, 'out-tsx', 'csv', 'items.csv'), 'utf8')).toMatch(/^\ufeffid,doc_id,/)
  })

  it('runs every example with ts-node, as the docs say: node --loader ts-node/esm', {
    timeout: 180_000,
  }, async () => {
    // Type-checking is left to the tsc test below; ts-node only runs the files here.
    const env = { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' }
    const results = await pool(
      EXAMPLES.map(
        (file) => () =>
          run(
            ['--loader', 'ts-node/esm', join('examples', file), 'out-ts-node'],
            project,
            process.execPath,
            env,
          ),
      ),
    )
    EXAMPLES.forEach((file, k) => {
      expectExample(file, results[k]!)
      outputs['ts-node']![file] = results[k]!.stdout.replaceAll('out-ts-node', 'OUT')
    })
    expect(outputs['ts-node']).toEqual(outputs.tsx)
  })

  it('runs every example as CommonJS (the require build)', { timeout: 180_000 }, async () => {
    const results = await pool(
      EXAMPLES.map((file) => () => run(['--import', 'tsx', join('cjs', file), 'out-cjs'], project)),
    )
    EXAMPLES.forEach((file, k) => {
      expectExample(file, results[k]!)
      outputs.cjs![file] = results[k]!.stdout.replaceAll('out-cjs', 'OUT')
    })
    expect(outputs.cjs).toEqual(outputs.tsx)
  })

  it('type-checks the examples (ESM and CommonJS) and the notebook under tsc --strict', {
    timeout: 180_000,
  }, async () => {
    // tsconfig.json includes every .ts and .mts file of the folder: examples/, cjs/ and notebook.mts.
    const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc')
    const listed = await run([tsc, '-p', 'tsconfig.json', '--listFilesOnly'], project)
    for (const file of [
      ...EXAMPLES.map((f) => `examples/${f}`),
      ...EXAMPLES.map((f) => `cjs/${f}`),
      'notebook.mts',
    ])
      expect(listed.stdout).toContain(join(project, file))
    expect(listed.stdout).toContain('node_modules/plan-cascade/dist/index.d.ts')
    expect(listed.stdout).toContain('node_modules/plan-cascade/dist/index.d.cts')
    const checked = await run([tsc, '-p', 'tsconfig.json'], project)
    expect(checked.stdout + checked.stderr).toBe('')
    expect(checked.code).toBe(0)
  })

  it("runs the notebook's code cells in order, as written (tslab display stubbed)", {
    timeout: 180_000,
  }, async () => {
    const result = await run(['--import', 'tsx', 'notebook.mts'], project)
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('notebook done')
    expect(readdirSync(join(project, 'out'))).toContain('report.html')
  })

  it('works from plain JavaScript: import, require, and the CLI', { timeout: 180_000 }, async () => {
    writeFileSync(
      join(project, 'plain.mjs'),
      [
        "import { join } from 'node:path'",
        "import { loadCorpus, seedsDir, toTables } from 'plan-cascade'",
        "const { documents } = loadCorpus(join(seedsDir(), 'fuzhou-2025.txt'))",
        'const { targets } = toTables({ documents })',
        'console.log(documents.length, documents[0].items.length > 0, targets.rows.length > 0)',
        '',
      ].join('\n'),
    )
    writeFileSync(
      join(project, 'plain.cjs'),
      [
        "const { join } = require('node:path')",
        "const { analyze, buildReport, seedsDir, toHtml } = require('plan-cascade')",
        "const result = analyze(['fuzhou-2019.txt', 'fuzhou-2025.txt'].map((f) => join(seedsDir(), f)))",
        '// the charts load vega, an ES module, from the CommonJS build',
        "toHtml(buildReport(result.documents, result)).then((html) => console.log(result.documents.length, html.includes('chart-svg'), require.resolve('plan-cascade')))",
        '',
      ].join('\n'),
    )
    const cliPath = join('node_modules', '.bin', 'plan-cascade')
    const [esm, cjs, cli] = (await pool([
      () => run(['plain.mjs'], project),
      () => run(['plain.cjs'], project),
      () => run([cliPath, 'parse', join('node_modules', 'plan-cascade', 'seeds')], project),
    ])) as [Run, Run, Run]
    expect(esm.stderr).toBe('')
    expect(esm.stdout.trim()).toBe('1 true true')
    expect(cjs.stderr).toBe('')
    expect(cjs.stdout.trim()).toMatch(/^2 true .*node_modules\/plan-cascade\/dist\/index\.cjs$/)
    expect(cli.stderr).toBe('')
    expect(cli.stdout).toMatch(/fuzhou-2019 +2019年数字福州工作要点/)
  })

  it("reads files in the installed package's worker pool, from import, require and the CLI", {
    timeout: 180_000,
  }, async () => {
    // two workers on two files: the pool's result beside the one-thread read of the same files
    const body = [
      "const files = ['fuzhou-2019.txt', 'fuzhou-2025.txt'].map((f) => join(seedsDir(), f))",
      'loadCorpusAsync(files, { workers: 2 }).then((pooled) => {',
      '  const plain = loadCorpus(files)',
      '  const same = JSON.stringify(pooled.documents) === JSON.stringify(plain.documents) &&',
      '    JSON.stringify([...pooled.analyses]) === JSON.stringify([...plain.analyses])',
      '  console.log(pooled.documents.length, same)',
      '})',
      '',
    ]
    writeFileSync(
      join(project, 'pool.mjs'),
      [
        "import { join } from 'node:path'",
        "import { loadCorpus, loadCorpusAsync, seedsDir } from 'plan-cascade'",
        ...body,
      ].join('\n'),
    )
    writeFileSync(
      join(project, 'pool.cjs'),
      [
        "const { join } = require('node:path')",
        "const { loadCorpus, loadCorpusAsync, seedsDir } = require('plan-cascade')",
        ...body,
      ].join('\n'),
    )
    const seeds = join('node_modules', 'plan-cascade', 'seeds')
    const cliPath = join('node_modules', '.bin', 'plan-cascade')
    const [esm, cjs, pooledCli, plainCli] = (await pool([
      () => run(['pool.mjs'], project),
      () => run(['pool.cjs'], project),
      () => run([cliPath, 'parse', seeds, '--json', '--workers', '2'], project),
      () => run([cliPath, 'parse', seeds, '--json', '--workers', '0'], project),
    ])) as [Run, Run, Run, Run]
    expect(esm.stderr).toBe('')
    expect(esm.stdout.trim()).toBe('2 true')
    expect(cjs.stderr).toBe('')
    expect(cjs.stdout.trim()).toBe('2 true')
    expect(pooledCli.stderr).toBe('')
    expect(pooledCli.code).toBe(0)
    expect(pooledCli.stdout.length).toBeGreaterThan(1000)
    expect(pooledCli.stdout).toBe(plainCli.stdout)
  })
})
