// Every example runs and prints what it promises, and the example notebook's code cells run in order,
// all as written: they import from 'plan-cascade', which resolves here to src/ (the `paths` of
// tsconfig.json, which tsx follows). test/package.test.ts runs them again against the packed tarball,
// installed: ESM, CommonJS, tsc --strict, tsx and ts-node.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EXPECTED, notebookCode, readNotebook, run, writeTslabStub } from './helpers/examples.js'

const tsx = (file: string, args: string[] = [], cwd?: string) => run(['--import', 'tsx', file, ...args], cwd)

const tmp = mkdtempSync(join(tmpdir(), 'plan-cascade-examples-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('examples', () => {
  it('has an expectation for every example', () => {
    const files = readdirSync('examples').filter((f) => f.endsWith('.ts'))
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.keys(EXPECTED))('runs %s', async (file) => {
    const result = await tsx(join('examples', file), [tmp])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    for (const pattern of EXPECTED[file]!) expect(result.stdout).toMatch(pattern)
  })

  it('writes CSV files pandas can read (UTF-8 with BOM)', () => {
    const items = readFileSync(join(tmp, 'csv', 'items.csv'), 'utf8')
    expect(items.startsWith('\ufeffid,doc_id,')).toBe(true)
  })
})

describe('example notebook', () => {
  const notebook = readNotebook()

  it('is an nbformat 4 notebook for the tslab kernel', () => {
    expect(notebook.nbformat).toBe(4)
    expect(notebook.metadata.kernelspec.name).toBe('tslab')
    expect(notebook.cells.filter((c) => c.cell_type === 'code').length).toBeGreaterThan(3)
  })

  it('runs its code cells in order, as written (tslab display stubbed)', async () => {
    // Inside the repository (test-output/ is ignored by git), so that tsconfig.json maps 'plan-cascade'.
    mkdirSync('test-output', { recursive: true })
    const dir = resolve(mkdtempSync(join('test-output', 'notebook-')))
    try {
      writeTslabStub(dir)
      writeFileSync(join(dir, 'notebook.mts'), `${notebookCode(notebook)}\nconsole.log('notebook done')\n`)
      const result = await tsx('notebook.mts', [], dir)
      expect(result.stderr).toBe('')
      expect(result.stdout).toContain('notebook done')
      expect(readdirSync(join(dir, 'out'))).toContain('report.html')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
