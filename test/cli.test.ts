// The CLI is tested by running it: `node --import tsx src/cli/main.ts …` in a child process.
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AlignOutput, ParseOutput } from '../src/model/index.js'
import { ItemDiff } from '../src/model/report.js'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

const FUZHOU = ['seeds/fuzhou-2019.txt', 'seeds/fuzhou-2025.txt']
const tmp = mkdtempSync(join(tmpdir(), 'plan-cascade-cli-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('usage', () => {
  it('prints help with examples and exits 0', async () => {
    const { code, stdout } = await cli('--help')
    expect(code).toBe(0)
    for (const command of ['parse', 'align', 'topics', 'diff', 'report']) expect(stdout).toContain(command)
    expect(stdout).toContain('Examples:')
    expect(stdout).toContain('plan-cascade report seeds/ -o out/')
  })

  it('prints the help of a command', async () => {
    const { code, stdout } = await cli('report', '--help')
    expect(code).toBe(0)
    expect(stdout).toContain('--format <formats>')
    expect(stdout).toContain('--manifest <file>')
    expect(stdout).toContain('--taxonomy <file>')
  })

  it('prints the version', async () => {
    const { code, stdout } = await cli('--version')
    expect(code).toBe(0)
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
  })

  it.each([
    [['parse', '--bogus', 'seeds/'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['parse'], /missing required argument 'inputs'/],
    [['report', 'seeds/'], /required option '-o, --out <dir>' not specified/],
    [['report', 'seeds/', '-o', 'x', '--format', 'html,pdf'], /unknown format pdf/],
    [['align', 'seeds/', '--threshold', '2'], /between 0 and 1/],
    [['parse', 'seeds/', '--segmenter', 'ltp'], /Allowed choices are node-rs, nodejieba/],
    [[], /Usage: plan-cascade/],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const { code, stderr } = await cli(...args)
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
  })
})

describe('parse', () => {
  it('prints a summary table per document', async () => {
    const { code, stdout, stderr } = await cli('parse', ...FUZHOU)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toMatch(
      /^id\s+title\s+jurisdiction\s+level\s+year\s+sections\s+items\s+targets\s+warnings$/,
    )
    expect(lines[2]).toMatch(/^fuzhou-2019\s+2019年数字福州工作要点\s+福州市\s+city\s+2019\s+5\s+28\s/)
    expect(lines).toHaveLength(4)
  })

  it('reports a file it cannot read on stderr, goes on with the others, and exits 1', async () => {
    const { code, stdout, stderr } = await cli('parse', 'seeds/fuzhou-2019.txt', 'seeds/missing.txt')
    expect(code).toBe(1)
    expect(stderr).toContain('seeds/missing.txt: cannot read')
    expect(stdout).toContain('fuzhou-2019')
  })

  it('reads a folder with a dangling link, a link loop and a FIFO: one stderr line each, the rest read, exit 1', async () => {
    const dir = join(tmp, 'bad-paths')
    mkdirSync(dir)
    writeFileSync(join(dir, 'good.txt'), readFileSync('seeds/fuzhou-2019.txt'))
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt'))
    symlinkSync(join(dir, 'loop.txt'), join(dir, 'loop.txt'))
    execFileSync('mkfifo', [join(dir, 'pipe.txt')])
    const { code, stdout, stderr } = await cli('parse', dir)
    expect(code).toBe(1)
    expect(stdout).toContain('good')
    const lines = stderr.trim().split('\n')
    expect(lines).toEqual([
      `plan-cascade: ${join(dir, 'dangling.txt')}: cannot read the file (a dangling symbolic link to ${join(dir, 'gone.txt')})`,
      `plan-cascade: ${join(dir, 'loop.txt')}: cannot read the file (a symbolic link loop (ELOOP))`,
      `plan-cascade: ${join(dir, 'pipe.txt')}: cannot read: it is a FIFO (named pipe), not a file`,
    ])
    expect(stderr).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('refuses a FIFO given directly, at once, with exit 1', async () => {
    const fifo = join(tmp, 'direct.fifo')
    execFileSync('mkfifo', [fifo])
    const { code, stderr } = await cli('parse', fifo)
    expect(code).toBe(1)
    expect(stderr).toContain(`${fifo}: cannot read: it is a FIFO (named pipe), not a file`)
  })

  it('exits 1 when no document can be read', async () => {
    const { code, stderr } = await cli('parse', 'seeds/missing.txt')
    expect(code).toBe(1)
    expect(stderr).toContain('no document to read')
  })

  it('prints { schemaVersion, documents } with --json: targets, table rows, responsible units', async () => {
    const { code, stdout } = await cli('parse', 'seeds/', '--json')
    expect(code).toBe(0)
    const output = ParseOutput.parse(JSON.parse(stdout))
    expect(output.schemaVersion).toBe(2)
    expect(output.documents.map((d) => d.id)).toEqual([
      'cangshan-2022',
      'fujian-2019',
      'fuzhou-2019',
      'fuzhou-2025',
      'xiamen-2022',
    ])
    const items = output.documents.flatMap((d) => d.items)
    expect(items.some((i) => i.targets.length > 0)).toBe(true)
    expect(items.some((i) => i.row !== null)).toBe(true)
    expect(items.some((i) => i.responsible !== null)).toBe(true)
  })

  it('takes titles, jurisdictions and years from a manifest', async () => {
    const manifest = join(tmp, 'manifest.json')
    writeFileSync(
      manifest,
      JSON.stringify({ 'fuzhou-2019.txt': { title: '福州2019要点', year: 2018, id: 'fz19' } }),
    )
    const { code, stdout } = await cli('parse', 'seeds/fuzhou-2019.txt', '--json', '--manifest', manifest)
    expect(code).toBe(0)
    const doc = ParseOutput.parse(JSON.parse(stdout)).documents[0]!
    expect([doc.id, doc.title, doc.year]).toEqual(['fz19', '福州2019要点', 2018])
  })

  it('exits 1 on a manifest that is not valid', async () => {
    const manifest = join(tmp, 'bad-manifest.json')
    writeFileSync(manifest, JSON.stringify({ 'fuzhou-2019.txt': { year: 'last year' } }))
    const { code, stderr } = await cli('parse', 'seeds/fuzhou-2019.txt', '--manifest', manifest)
    expect(code).toBe(1)
    expect(stderr).toMatch(/bad-manifest\.json:1:28: fuzhou-2019\.txt\.year/)
  })
})

describe('align, topics, diff', () => {
  it('prints the AlignOutput with --json', async () => {
    const { code, stdout } = await cli('align', ...FUZHOU, '--json')
    expect(code).toBe(0)
    const output = AlignOutput.parse(JSON.parse(stdout))
    expect(output.links.length).toBeGreaterThan(0)
    expect(output.evolution.map((e) => `${e.from}->${e.to}`)).toEqual(['fuzhou-2019->fuzhou-2025'])
  })

  it('prints the same records as JSON Lines with --jsonl, one typed record per line', async () => {
    const [lines, json] = await Promise.all([
      cli('align', ...FUZHOU, '--jsonl', '-q'),
      cli('align', ...FUZHOU, '--json', '-q'),
    ])
    expect(lines.code).toBe(0)
    const records = lines.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string })
    const output = AlignOutput.parse(JSON.parse(json.stdout))
    expect(records[0]).toEqual({ type: 'header', schemaVersion: output.schemaVersion })
    const count = (type: string) => records.filter((r) => r.type === type).length
    expect(count('document')).toBe(output.documents.length)
    expect(count('link')).toBe(output.links.length)
    expect(count('thread')).toBe(output.threads.length)
    expect(count('evolution')).toBe(output.evolution.length)
    const { type: _, ...firstLink } = records.find((r) => r.type === 'link') as { type: string }
    expect(firstLink).toEqual(output.links[0])
  })

  it('reads a corpus through a cache file with --cache, the same output the second time', async () => {
    const cache = join(tmp, 'seeds.cache')
    const first = await cli('align', ...FUZHOU, '--json', '-q', '--cache', cache)
    expect(first.code).toBe(0)
    expect(existsSync(cache)).toBe(true)
    const second = await cli('align', ...FUZHOU, '--json', '-q', '--cache', cache)
    expect(second.stdout === first.stdout).toBe(true)
  })

  it('keeps the alignment beside the cache and aligns an added document against it, saying when it cannot', async () => {
    const cache = join(tmp, 'grow.cache')
    const FUJIAN = ['seeds/fujian-2019.txt', 'seeds/xiamen-2022.txt', 'seeds/cangshan-2022.txt']
    const first = await cli('align', ...FUJIAN, ...FUZHOU.slice(0, 1), '--json', '-q', '--cache', cache)
    expect(first.code).toBe(0)
    expect(existsSync(`${cache}.alignment`)).toBe(true)
    const grown = await cli('align', ...FUJIAN, ...FUZHOU, '--json', '--no-progress', '--cache', cache)
    expect(grown.code).toBe(0)
    expect(grown.stderr).toBe('')
    const links = (JSON.parse(grown.stdout) as { links: Array<{ source: string; target: string }> }).links
    expect(
      links.some((l) => l.source.startsWith('fuzhou-2019#') && l.target.startsWith('fuzhou-2025#')),
    ).toBe(true)
    // one document fewer than the snapshot holds: aligned afresh, with a note on stderr
    const fewer = await cli('align', ...FUJIAN, '--json', '--no-progress', '--cache', cache)
    expect(fewer.code).toBe(0)
    expect(fewer.stderr).toMatch(
      /grow\.cache\.alignment: not reused \(document fuzhou-20\d\d of the snapshot is not in the corpus\); aligned afresh/,
    )
    const fresh = await cli('align', ...FUJIAN, '--json', '-q')
    expect(fewer.stdout === fresh.stdout).toBe(true)
  })

  it('prints links, threads and evolution in words without --json', async () => {
    const { code, stdout } = await cli('align', ...FUZHOU)
    expect(code).toBe(0)
    expect(stdout).toMatch(/^2 documents, 57 items: \d+ links, \d+ threads, 1 evolution pair\n/)
    expect(stdout).toMatch(/fuzhou-2019 → fuzhou-2025: \d+ continued, \d+ new, \d+ dropped/)
  })

  it('lists topics with their items per document', async () => {
    const { code, stdout } = await cli('topics', 'seeds/fuzhou-2019.txt')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^12345便民服务热线 \(hotline-12345\): \d+ items$/m)
    expect(stdout).toMatch(/^ {2}fuzhou-2019: .*3\.12/m)
  })

  it('takes a user taxonomy', async () => {
    const { code, stdout } = await cli(
      'topics',
      'seeds/',
      '--taxonomy',
      'examples/data/my-taxonomy.json',
      '--json',
    )
    expect(code).toBe(0)
    const topics = JSON.parse(stdout).topics as Array<{ id: string; label: string }>
    expect(topics.find((t) => t.id === 'data-governance')?.label).toBe('数据治理与首席数据官')
  })

  it('diffs two items word by word, with their targets and units', async () => {
    const { code, stdout } = await cli('diff', 'fuzhou-2019#2.3', 'fuzhou-2025#2.3', ...FUZHOU)
    expect(code).toBe(0)
    expect(stdout).toContain('fuzhou-2019#2.3 → fuzhou-2025#2.3')
    expect(stdout).toMatch(/\[-[^\]]+-\]/)
    expect(stdout).toMatch(/\{\+[^}]+\+\}/)
    expect(stdout).toContain('3000个以上 -> 3200个 (stock -> flow, not compared)')
    expect(stdout).toMatch(/kept\s+市通管办/)
  })

  it('prints the ItemDiff with --json', async () => {
    const { code, stdout } = await cli('diff', 'fuzhou-2019#2.3', 'fuzhou-2025#2.3', ...FUZHOU, '--json')
    expect(code).toBe(0)
    expect(ItemDiff.parse(JSON.parse(stdout)).from).toBe('fuzhou-2019#2.3')
  })

  it('reports decisions that name unknown items on stderr and exits 1, or 0 with --allow-unknown-items', async () => {
    const decisions = join(tmp, 'typo.csv')
    writeFileSync(decisions, 'action,source,target\nreject,fuzhou-2019#2.33,fuzhou-2025#2.3\n')
    const failed = await cli('align', ...FUZHOU, '--decisions', decisions)
    expect(failed.code).toBe(1)
    expect(failed.stderr).toContain(
      `plan-cascade: ${decisions}:2:1: reject names the item fuzhou-2019#2.33, which is not in the documents`,
    )
    const allowed = await cli('align', ...FUZHOU, '--decisions', decisions, '--allow-unknown-items')
    expect(allowed.code).toBe(0)
    expect(allowed.stderr).toContain('fuzhou-2019#2.33')
  })

  it('refuses decisions [null] with a typed message, no stack trace', async () => {
    const decisions = join(tmp, 'null.json')
    writeFileSync(decisions, '[null]')
    const { code, stderr } = await cli('align', ...FUZHOU, '--decisions', decisions)
    expect(code).toBe(1)
    expect(stderr.trim()).toBe(
      `plan-cascade: ${decisions}:1:2: expected a decision object ({ "action": "confirm", "source": …, "target": … }), got null`,
    )
  })

  it('exits 1 on an unknown item, suggesting the nearest ids', async () => {
    const typo = await cli('diff', 'fuzhou-2091#2.3', 'fuzhou-2025#2.3', ...FUZHOU)
    expect(typo.code).toBe(1)
    expect(typo.stderr).toMatch(/no item 'fuzhou-2091#2\.3'; did you mean fuzhou-2019#2\.3(, |\?)/)
    const { code, stderr } = await cli('diff', 'fuzhou-2019#2.30', 'fuzhou-2025#2.3', ...FUZHOU)
    expect(code).toBe(1)
    expect(stderr).toMatch(/did you mean fuzhou-2019#2\.3, /)
    expect(stderr).not.toMatch(/fuzhou-2025/)
  })
})

describe('report', () => {
  it('writes the formats asked for and says where the report is', async () => {
    const out = join(tmp, 'out')
    const { code, stdout } = await cli('report', ...FUZHOU, '-o', out, '--format', 'html,csv,json')
    expect(code).toBe(0)
    expect(stdout).toContain(`Report written to ${out}:`)
    expect(stdout).toContain(`Open ${join(out, 'report.html')} in a browser.`)
    for (const name of ['report.html', 'report.json', 'items.csv', 'links.csv']) {
      expect(existsSync(join(out, name)), name).toBe(true)
    }
    expect(existsSync(join(out, 'report.md'))).toBe(false)
    expect(readFileSync(join(out, 'items.csv'), 'utf8').startsWith('\ufeffid,')).toBe(true)
  })
})
