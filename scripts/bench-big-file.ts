/**
 * One very large file through read -> parse -> extract -> segment -> report, with CPU seconds, wall
 * seconds, heap and RSS after each stage and the peak RSS of the run (issue 13: a 50 MB file in under
 * 2 minutes and 1.5 GB). The file is made deterministically from the real documents of
 * ../shared/corpus (or the seeds): their texts one after another, each copy after the first with its
 * figures changed (digits shifted, years kept) so that paragraphs are not verbatim repeats, until the
 * file has the size asked for. It is written to a temporary folder and removed afterwards.
 *
 *   npx tsx scripts/bench-big-file.ts            # 50 MB
 *   npx tsx scripts/bench-big-file.ts --mb 10    # another size
 *   npm run bench -- --big-file                  # the same, from the benchmark
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { listInputFiles, readSource } from '../src/io/index.js'
import { createSegmenter, loadLexicon } from '../src/lexicon/index.js'
import { parseDocument } from '../src/parse/index.js'
import { analyzeDocuments, extractDocument, tagDocuments } from '../src/pipeline/index.js'
import { buildReport, toCsv } from '../src/report/index.js'

/** Shifts every digit of figures by `k`, years (19xx, 20xx) kept: 增长6%左右 -> 增长7%左右. */
function vary(text: string, k: number): string {
  if (k === 0) return text
  return text.replace(/\d+/g, (run) =>
    /^(19|20)\d\d$/.test(run) ? run : run.replace(/\d/g, (d) => String((Number(d) + k) % 10)),
  )
}

/** The text of a file of about `bytes` UTF-8 bytes, made from the real documents (or the seeds). */
export function bigFileText(bytes: number): string {
  const catalog = '../shared/corpus/catalog.json'
  const files = existsSync(catalog)
    ? (JSON.parse(readFileSync(catalog, 'utf8')) as { documents: Array<{ file: string }> }).documents.map(
        (d) => join('../shared/corpus', d.file),
      )
    : listInputFiles('seeds')
  const texts = files.sort().map((f) => readSource(f).text)
  const parts: string[] = []
  let size = 0
  for (let k = 0; size < bytes; k++) {
    for (const text of texts) {
      const part = vary(text, k % 10)
      parts.push(part)
      size += Buffer.byteLength(part) + 1
      if (size >= bytes) break
    }
  }
  return parts.join('\n')
}

interface StageFigure {
  stage: string
  cpu: number
  wall: number
  heapMb: number
  rssMb: number
}

const mb = (n: number) => Math.round(n / 2 ** 20)

async function child(file: string): Promise<void> {
  const figures: StageFigure[] = []
  const time = <T>(stage: string, fn: () => T): T => {
    const cpu = process.cpuUsage()
    const wall = performance.now()
    const value = fn()
    const used = process.cpuUsage(cpu)
    const memory = process.memoryUsage()
    figures.push({
      stage,
      cpu: (used.user + used.system) / 1e6,
      wall: (performance.now() - wall) / 1000,
      heapMb: mb(memory.heapUsed),
      rssMb: mb(memory.rss),
    })
    const f = figures[figures.length - 1] as StageFigure
    process.stderr.write(
      `  ${stage.padEnd(8)} ${f.cpu.toFixed(1).padStart(7)} CPU s ${f.wall.toFixed(1).padStart(7)} s  heap ${String(f.heapMb).padStart(5)} MB  rss ${String(f.rssMb).padStart(5)} MB  peak ${mb(process.resourceUsage().maxRSS * 1024)} MB\n`,
    )
    return value
  }
  const lexicon = loadLexicon()
  const segmenter = createSegmenter({ dictionary: lexicon.dictionary })
  let source: ReturnType<typeof readSource> | null = time('read', () => readSource(file))
  const characters = source.text.length
  let parsed: ReturnType<typeof parseDocument> | null = time('parse', () =>
    parseDocument(source as ReturnType<typeof readSource>, { id: 'big', title: '大文件', year: 2025 }),
  )
  source = null
  const extracted = time('extract', () => extractDocument(parsed as ReturnType<typeof parseDocument>))
  parsed = null
  const analyses = time('segment', () => analyzeDocuments([extracted], { lexicon, segmenter }))
  const documents = time('tag', () => tagDocuments([extracted], { lexicon, segmenter, analyses }))
  const csv = time('report', () =>
    toCsv(buildReport(documents, { links: [], threads: [], evolution: [], changes: [] } as never)),
  )
  const result = {
    bytes: statSync(file).size,
    characters,
    items: documents[0]?.items.length ?? 0,
    csvBytes: Object.values(csv).reduce((n, s) => n + Buffer.byteLength(s), 0),
    figures,
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

/** Runs the case in a child process (its peak RSS its own) and prints the figures. */
export function benchBigFile(megabytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-big-'))
  try {
    const file = join(dir, 'big.txt')
    writeFileSync(file, bigFileText(megabytes * 2 ** 20))
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench-big-file.ts', '--child', file],
      { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const r = JSON.parse(out.trim().split('\n').pop() as string) as Awaited<ReturnType<typeof JSON.parse>>
    const lines = [
      `big file: ${(r.bytes / 2 ** 20).toFixed(1)} MB, ${r.characters.toLocaleString('en')} characters, ${r.items.toLocaleString('en')} items, CSV ${mb(r.csvBytes)} MB`,
      '',
      '| stage | CPU s | wall s | heap after (MB) | RSS after (MB) |',
      '|---|---|---|---|---|',
      ...(r.figures as StageFigure[]).map(
        (f) => `| ${f.stage} | ${f.cpu.toFixed(1)} | ${f.wall.toFixed(1)} | ${f.heapMb} | ${f.rssMb} |`,
      ),
      `| total | ${(r.figures as StageFigure[]).reduce((n, f) => n + f.cpu, 0).toFixed(1)} | ${(r.figures as StageFigure[]).reduce((n, f) => n + f.wall, 0).toFixed(1)} | | peak ${r.peakRssMb} |`,
    ]
    return lines.join('\n')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const args = process.argv.slice(2)
const isMain =
  import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench-big-file.ts')
if (isMain) {
  const k = args.indexOf('--child')
  if (k >= 0) await child(args[k + 1] as string)
  else {
    const m = args.indexOf('--mb')
    process.stdout.write(`${benchBigFile(m >= 0 ? Number(args[m + 1]) : 50)}\n`)
  }
}
