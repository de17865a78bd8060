/**
 * npm run bench: figures, not assertions. For the seeds (N = 5), corpora of N documents generated from
 * the seeds (scripts/generate-corpus.ts) and the real documents of ../shared/corpus (all together, one
 * run), each in a child process of its own so that its peak RSS is its own, prints per stage the CPU
 * time (user + system, all threads) and wall time: read, parse, extract, segment (one segmentation and
 * topic scan per item), tag, features, candidates, score, links (selection, each link's evidence and
 * changes), threads, evolution, output (JSON Lines, or with --indented the indented JSON, written
 * piecewise), report (diffs, and the CSV tables
 * written piece by piece); documents/s, items/s, pairs scored, links kept,
 * peak RSS, and the ratio of the whole pipeline to segmentation alone of the same text (the floor).
 *
 *   npm run bench                         # seeds, 100, 1000, the real corpus
 *   npm run bench -- --sizes 100          # only these generated sizes (and the seeds)
 *   npm run bench -- --n10000             # also 10,000 generated documents (long: run on a quiet machine)
 *   npm run bench -- --recall             # at N = 100, the exhaustive scorer against the candidate index
 *   npm run bench -- --incremental        # N + 10 documents (--sizes, default 100): a full run against
 *                                         # a run with the first N in the cache file and the
 *                                         # alignment snapshot, and 10 new
 *   npm run bench -- --pool               # loading (read, parse, extract, segment) in one thread
 *                                         # against the worker pool, at 100 and 1,000 (--sizes)
 *   npm run bench -- --retained           # heap column after a full GC (--expose-gc): what is still
 *                                         # referenced after each stage, not garbage not yet collected
 *   npm run bench -- --indented           # output as indented JSON (align --json) instead of JSON
 *                                         # Lines (align --jsonl, the format for large corpora)
 *   npm run bench -- --no-report          # leave out the report stage (diffs and CSV tables)
 *   npm run bench -- --markdown out.md    # also write the tables as Markdown
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os'
import { basename, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { align, readAlignSnapshot, writeAlignSnapshot } from '../src/align/index.js'
import { itemBody } from '../src/extract/index.js'
import { readSource } from '../src/io/index.js'
import { createSegmenter, loadLexicon, tokenize } from '../src/lexicon/index.js'
import { SCHEMA_VERSION } from '../src/model/index.js'
import { parseDocument } from '../src/parse/index.js'
import {
  analyzeDocuments,
  extractDocument,
  loadCorpus,
  loadCorpusAsync,
  type Manifest,
  tagDocuments,
} from '../src/pipeline/index.js'
import { buildReport, csvTables, jsonLines, jsonPieces, writePieces } from '../src/report/index.js'
import { generateCorpus, writeCorpus } from './generate-corpus.js'

interface Stage {
  stage: string
  cpu: number
  wall: number
}

/** Each stage as it ends, on stderr (the table comes at the end). */
const report = (stage: Stage) => {
  // with --retained the child runs with --expose-gc: the heap column is then what is still
  // referenced after the stage, not that plus garbage not yet collected (which can lower peak RSS)
  ;(globalThis as { gc?: () => void }).gc?.()
  const memory = process.memoryUsage()
  process.stderr.write(
    `  ${stage.stage.padEnd(12)} ${stage.cpu.toFixed(2).padStart(8)} CPU s  ${stage.wall.toFixed(2).padStart(8)} s  heap ${(memory.heapUsed / 2 ** 20).toFixed(0).padStart(5)} MB  rss ${(memory.rss / 2 ** 20).toFixed(0).padStart(5)} MB\n`,
  )
}

interface CaseResult {
  name: string
  documents: number
  items: number
  characters: number
  stages: Stage[]
  /** CPU s of tokenize over every item (the floor). */
  floor: number
  /** CPU s of jieba's precise cut alone over every item. */
  jieba: number
  pairsToScore: number
  pairsScored: number
  linksKept: number
  threads: number
  outputBytes: number
  reviewBytes: number
  peakRssMb: number
  recall?: { exhaustiveLinks: number; found: number; exhaustiveCpu: number; indexCpu: number }
}

/** CPU seconds (user + system, every thread of the process) and wall seconds since `start`. */
function clock() {
  const cpu = process.cpuUsage()
  const wall = performance.now()
  return () => {
    const used = process.cpuUsage(cpu)
    return { cpu: (used.user + used.system) / 1e6, wall: (performance.now() - wall) / 1000 }
  }
}

function catalogManifest(dir: string): { files: string[]; manifest: Manifest } {
  const catalog = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as {
    documents: Array<{ file: string; title: string; jurisdiction: string; year: number }>
  }
  const manifest: Manifest = {}
  const files = catalog.documents.map((d) => {
    const path = join(dir, d.file)
    manifest[path] = { title: d.title, jurisdiction: d.jurisdiction, year: d.year }
    return path
  })
  return { files: files.sort(), manifest }
}

interface CaseOptions {
  recall: boolean
  /** Output as indented JSON (`align --json`) instead of JSON Lines (`align --jsonl`). */
  indented: boolean
  /** Run the report stage. */
  report: boolean
}

async function runCase(
  name: string,
  files: string[],
  manifest: Manifest,
  { recall, indented, report: withReport }: CaseOptions,
): Promise<CaseResult> {
  const stages: Stage[] = []
  const time = <T>(stage: string, fn: () => T): T => {
    const stop = clock()
    const value = fn()
    stages.push({ stage, ...stop() })
    report(stages[stages.length - 1] as Stage)
    return value
  }
  const lexicon = loadLexicon()
  const segmenter = createSegmenter({ dictionary: lexicon.dictionary })
  const entry = (file: string) => manifest[file] ?? manifest[basename(file)] ?? {}
  // stages hand their output on and drop their input, as the pipeline does
  let sources: ReturnType<typeof readSource>[] | null = time('read', () => files.map((f) => readSource(f)))
  const characters = sources.reduce((n, s) => n + s.text.length, 0)
  let parsed: ReturnType<typeof parseDocument>[] | null = time('parse', () =>
    (sources as ReturnType<typeof readSource>[]).map((s, k) => parseDocument(s, entry(files[k] as string))),
  )
  sources = null
  const extracted = time('extract', () =>
    (parsed as ReturnType<typeof parseDocument>[]).map((d) => extractDocument(d)),
  )
  parsed = null
  let analyses: ReturnType<typeof analyzeDocuments> | null = time('segment', () =>
    analyzeDocuments(extracted, { lexicon, segmenter }),
  )
  const documents = time('tag', () =>
    tagDocuments(extracted, {
      lexicon,
      segmenter,
      analyses: analyses as ReturnType<typeof analyzeDocuments>,
    }),
  )
  let pairsToScore = 0
  let pairsScored = 0
  // each stage of align reports its start and its end
  const started = new Map<string, () => { cpu: number; wall: number }>()
  // two spans no progress event names: "links", from the end of scoring to the start of threads
  // (selection, decisions, each link's evidence and changes), and "evolution", from the end of
  // threads until align returns (the evolution pairs)
  let between: (() => { cpu: number; wall: number }) | null = null
  const endBetween = (stage: string) => {
    if (!between) return
    stages.push({ stage, ...between() })
    report(stages[stages.length - 1] as Stage)
    between = null
  }
  const aligned = align(documents, {
    lexicon,
    segmenter,
    analyses: analyses as ReturnType<typeof analyzeDocuments>,
    // the recall check aligns again from the same analyses; otherwise they go as the features are made
    consumeAnalyses: !recall,
    onProgress: ({ stage, done, total }) => {
      // scoring's last event may come twice (the pairs' reporter, then align's own count): the span
      // starts at the last one
      if (stage === 'scoring' && done === total) between = clock()
      if (stage === 'threads' && !started.has(stage)) endBetween('links')
      // a stage starts with its first event and ends with done === total (scoring reports as it goes)
      const stop = started.get(stage)
      if (!stop) {
        started.set(stage, clock())
        if (stage === 'scoring') pairsToScore = total
        return
      }
      if (done !== total) return
      if (stage === 'scoring') pairsScored = done
      started.delete(stage)
      stages.push({ stage, ...stop() })
      report(stages[stages.length - 1] as Stage)
      if (stage === 'threads') between = clock()
    },
  })
  endBetween('evolution')
  // nothing after alignment reads the analyses but the recall check (the CLI empties them in align too)
  const analysesForRecall = recall ? analyses : undefined
  analyses = null
  const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-bench-out-'))
  const outputFile = join(dir, indented ? 'aligned.json' : 'aligned.jsonl')
  let outputBytes = 0
  {
    const stop = clock()
    const { createWriteStream } = await import('node:fs')
    const stream = createWriteStream(outputFile)
    const output = { schemaVersion: SCHEMA_VERSION, documents, ...aligned }
    await writePieces(indented ? jsonPieces(output, 2) : jsonLines(output), stream)
    await new Promise<void>((resolve) => stream.end(resolve))
    stages.push({ stage: 'output', ...stop() })
    report(stages[stages.length - 1] as Stage)
    const { statSync } = await import('node:fs')
    outputBytes = statSync(outputFile).size
  }
  // the report's CSV tables written to files piece by piece, as writeReport does
  let reviewBytes = 0
  if (withReport) {
    const stop = clock()
    const { createWriteStream, statSync } = await import('node:fs')
    for (const table of csvTables(buildReport(documents, aligned))) {
      const file = join(dir, table.name)
      const stream = createWriteStream(file)
      await writePieces(table.pieces(), stream)
      await new Promise<void>((resolve) => stream.end(resolve))
      if (table.name === 'review.csv') reviewBytes = statSync(file).size
    }
    stages.push({ stage: 'report', ...stop() })
    report(stages[stages.length - 1] as Stage)
  }
  rmSync(dir, { recursive: true, force: true })
  const floorClock = clock()
  // the floor: segmentation alone of the same text, as content tokens (NFKC, synonyms, jieba, filter)
  for (const doc of documents) for (const item of doc.items) tokenize(itemBody(item), segmenter, lexicon)
  const floor = floorClock().cpu
  const jiebaClock = clock()
  for (const doc of documents) for (const item of doc.items) segmenter.cut(itemBody(item))
  const jieba = jiebaClock().cpu
  const items = documents.reduce((n, d) => n + d.items.length, 0)
  const result: CaseResult = {
    name,
    documents: documents.length,
    items,
    characters,
    stages,
    floor,
    jieba,
    pairsToScore,
    pairsScored,
    linksKept: aligned.links.length,
    threads: aligned.threads.length,
    outputBytes,
    reviewBytes,
    peakRssMb: 0,
  }
  if (recall) {
    const key = (l: { source: string; target: string }) => `${l.source}\u0000${l.target}`
    const indexClock = clock()
    const indexed = align(documents, {
      lexicon,
      segmenter,
      ...(analysesForRecall ? { analyses: analysesForRecall } : {}),
    })
    const indexCpu = indexClock().cpu
    const exhaustiveClock = clock()
    const exhaustive = align(documents, {
      lexicon,
      segmenter,
      ...(analysesForRecall ? { analyses: analysesForRecall } : {}),
      exhaustive: true,
    })
    const exhaustiveCpu = exhaustiveClock().cpu
    const kept = new Set(indexed.links.map(key))
    result.recall = {
      exhaustiveLinks: exhaustive.links.length,
      found: exhaustive.links.filter((l) => kept.has(key(l))).length,
      exhaustiveCpu,
      indexCpu,
    }
  }
  result.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024)
  return result
}

/** Child mode: one case, one JSON line on stdout. */
async function child(spec: string, options: CaseOptions): Promise<void> {
  let files: string[]
  let manifest: Manifest = {}
  let cleanup = () => {}
  if (spec === 'seeds') {
    files = ['cangshan-2022', 'fujian-2019', 'fuzhou-2019', 'fuzhou-2025', 'xiamen-2022'].map(
      (f) => `seeds/${f}.txt`,
    )
  } else if (spec === 'real') {
    ;({ files, manifest } = catalogManifest('../shared/corpus'))
  } else {
    const n = Number(spec)
    const dir = mkdtempSync(join(tmpdir(), `plan-cascade-bench-${n}-`))
    const corpus = generateCorpus(n)
    files = writeCorpus(corpus, dir)
    manifest = corpus.manifest
    cleanup = () => rmSync(dir, { recursive: true, force: true })
  }
  const name = spec === 'seeds' ? 'seeds (5)' : spec === 'real' ? 'real corpus' : `generated ${spec}`
  const result = await runCase(name, files, manifest, options)
  cleanup()
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

interface LoadResult {
  documents: number
  items: number
  bytes: number
  workers: number
  cpu: number
  wall: number
  peakRssMb: number
  /** sha1 of every document's and analysis's JSON, in corpus order: the same corpus or not. */
  hash: string
}

/** Child mode for --pool: loads N generated documents (0 workers: loadCorpus, else the pool). */
async function loadChild(n: number, workers: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `plan-cascade-bench-load-${n}-`))
  const corpus = generateCorpus(n)
  const files = writeCorpus(corpus, dir)
  const bytes = files.reduce((sum, f) => sum + readFileSync(f).length, 0)
  const options = { manifest: corpus.manifest }
  const stop = clock()
  const loaded =
    workers === 0 ? loadCorpus(files, options) : await loadCorpusAsync(files, { ...options, workers })
  const { cpu, wall } = stop()
  rmSync(dir, { recursive: true, force: true })
  const hash = createHash('sha1')
  // the documents' source paths name the temporary folder, which differs from run to run
  for (const doc of loaded.documents) {
    hash.update(JSON.stringify(doc).split(dir).join('<dir>'))
    for (const item of doc.items) hash.update(JSON.stringify(loaded.analyses.get(item.id)))
  }
  const result: LoadResult = {
    documents: loaded.documents.length,
    items: loaded.documents.reduce((sum, d) => sum + d.items.length, 0),
    bytes,
    workers,
    cpu,
    wall,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    hash: hash.digest('hex'),
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

/**
 * Child mode for --incremental, one phase per process (as a user runs the CLI again), in `dir`:
 * `full` aligns the N + 10 generated documents from nothing; `base` aligns the first N with the
 * cache file and the alignment snapshot (not counted); `grown` aligns all N + 10 with them
 * (`loadCorpus({ cacheFile })`, `align({ previous })`), reading and writing both (counted). A phase
 * writes its links' keys to `dir` and its figures on stdout. In one process the full run's heap,
 * still held, made the grown run's garbage collection cost more than its work.
 */
async function incrementalPhase(n: number, added: number, phase: string, dir: string): Promise<void> {
  const corpus = generateCorpus(n + added)
  const files = writeCorpus(corpus, join(dir, 'files'))
  const cacheFile = join(dir, 'corpus.cache')
  const snapshotFile = join(dir, 'alignment.snapshot')
  const options = { manifest: corpus.manifest }
  const stop = clock()
  let links: Array<{ source: string; target: string }>
  let reused = 0
  if (phase === 'full') {
    const loaded = loadCorpus(files, options)
    links = align(loaded.documents, { analyses: loaded.analyses }).links
  } else if (phase === 'base') {
    const loaded = loadCorpus(files.slice(0, n), { ...options, cacheFile })
    const first = align(loaded.documents, { analyses: loaded.analyses, snapshot: true })
    writeAlignSnapshot(snapshotFile, first.snapshot as NonNullable<typeof first.snapshot>)
    links = first.links
  } else {
    const loaded = loadCorpus(files, { ...options, cacheFile })
    const next = align(loaded.documents, {
      analyses: loaded.analyses,
      previous: readAlignSnapshot(snapshotFile),
      snapshot: true,
    })
    writeAlignSnapshot(snapshotFile, next.snapshot as NonNullable<typeof next.snapshot>)
    links = next.links
    reused = next.reuse?.reused ?? 0
  }
  const time = stop()
  writeFileSync(join(dir, `${phase}.links`), links.map((l) => `${l.source} ${l.target}`).join('\n'))
  process.stdout.write(`${JSON.stringify({ time, reused })}\n`)
}

/** --incremental: each size's three phases, each in a child process of its own. */
function incrementalBench(sizes: string[]): string {
  const lines = [
    '| documents | added | full run CPU s | with the cache and snapshot CPU s | ratio | documents reused | links (full) | same links (of full / of incremental) |',
    '|---|---|---|---|---|---|---|---|',
  ]
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `plan-cascade-bench-incremental-${size}-`))
    const phase = (name: string) => {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/bench.ts', '--incremental-case', size, '--phase', name, '--dir', dir],
        { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] },
      )
      return JSON.parse(out.trim().split('\n').pop() as string) as {
        time: { cpu: number; wall: number }
        reused: number
      }
    }
    const full = phase('full')
    phase('base')
    const grown = phase('grown')
    const keys = (name: string) => new Set(readFileSync(join(dir, `${name}.links`), 'utf8').split('\n'))
    const fullLinks = keys('full')
    const grownLinks = keys('grown')
    rmSync(dir, { recursive: true, force: true })
    const same = [...fullLinks].filter((k) => grownLinks.has(k)).length
    const shares = `${((100 * same) / Math.max(1, fullLinks.size)).toFixed(1)}% / ${((100 * same) / Math.max(1, grownLinks.size)).toFixed(1)}%`
    lines.push(
      `| ${size} | 10 | ${full.time.cpu.toFixed(1)} | ${grown.time.cpu.toFixed(1)} | ${(grown.time.cpu / full.time.cpu).toFixed(2)} | ${grown.reused} | ${fullLinks.size} | ${shares} |`,
    )
  }
  return lines.join('\n')
}

/** --pool: one thread against the pool, each load in a child process of its own. */
function poolBench(sizes: string[], workers: number[]): string {
  const lines = [
    '| documents | items | MB | workers | CPU s | wall s | wall vs one thread | peak RSS MB | same corpus |',
    '|---|---|---|---|---|---|---|---|---|',
  ]
  for (const size of sizes) {
    let single: LoadResult | null = null
    for (const w of [0, ...workers]) {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/bench.ts', '--load-case', size, '--workers', String(w)],
        { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] },
      )
      const r = JSON.parse(out.trim().split('\n').pop() as string) as LoadResult
      single ??= r
      process.stdout.write(
        `  ${size} documents, ${w} workers: ${r.cpu.toFixed(1)} CPU s, ${r.wall.toFixed(1)} s wall (load ${loadavg()[0]?.toFixed(1)})\n`,
      )
      lines.push(
        `| ${r.documents} | ${r.items} | ${(r.bytes / 1e6).toFixed(1)} | ${w === 0 ? 'none (loadCorpus)' : w} | ${r.cpu.toFixed(1)} | ${r.wall.toFixed(1)} | ${(r.wall / single.wall).toFixed(2)} | ${r.peakRssMb} | ${r.hash === single.hash ? 'yes' : 'NO'} |`,
      )
    }
  }
  return lines.join('\n')
}

const STAGES = [
  'read',
  'parse',
  'extract',
  'segment',
  'tag',
  // align's stages, as its progress events name them: features, candidate index, scoring, threads;
  // links and evolution are the spans between them (see runCase)
  'segmenting',
  'candidates',
  'scoring',
  'links',
  'threads',
  'evolution',
  'output',
  'report',
]

function tables(results: CaseResult[]): string {
  const s = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))
  const total = (r: CaseResult) => r.stages.reduce((sum, x) => sum + x.cpu, 0)
  const wall = (r: CaseResult) => r.stages.reduce((sum, x) => sum + x.wall, 0)
  const lines: string[] = []
  lines.push(
    '| corpus | documents | items | characters | CPU s | wall s | documents/s | items/s | floor s | ratio | jieba cut s | pairs scored | pairs/item | links | links/item | peak RSS MB | output MB | review.csv MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  )
  for (const r of results) {
    const t = total(r)
    lines.push(
      `| ${r.name} | ${r.documents} | ${r.items} | ${r.characters} | ${s(t)} | ${s(wall(r))} | ${s(r.documents / t)} | ${s(r.items / t)} | ${s(r.floor)} | ${s(t / r.floor)}× | ${s(r.jieba)} | ${r.pairsScored} | ${s(r.pairsScored / r.items)} | ${r.linksKept} | ${s(r.linksKept / r.items)} | ${r.peakRssMb} | ${s(r.outputBytes / 1e6)} | ${s(r.reviewBytes / 1e6)} |`,
    )
  }
  lines.push('', `| CPU s per stage | ${results.map((r) => r.name).join(' | ')} |`)
  lines.push(`|---|${results.map(() => '---').join('|')}|`)
  for (const stage of STAGES) {
    lines.push(
      `| ${stage} | ${results.map((r) => s(r.stages.filter((x) => x.stage === stage).reduce((sum, x) => sum + x.cpu, 0))).join(' | ')} |`,
    )
  }
  const withRecall = results.filter((r) => r.recall)
  if (withRecall.length > 0) {
    lines.push(
      '',
      '| corpus | exhaustive links | kept by the index | recall | exhaustive align CPU s | index align CPU s | time ratio |',
    )
    lines.push('|---|---|---|---|---|---|---|')
    for (const r of withRecall) {
      const x = r.recall as NonNullable<CaseResult['recall']>
      lines.push(
        `| ${r.name} | ${x.exhaustiveLinks} | ${x.found} | ${((100 * x.found) / Math.max(1, x.exhaustiveLinks)).toFixed(2)}% | ${s(x.exhaustiveCpu)} | ${s(x.indexCpu)} | ${s(x.exhaustiveCpu / x.indexCpu)}× |`,
      )
    }
  }
  return lines.join('\n')
}

function machineLine(): string {
  return `${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB (${(freemem() / 2 ** 30).toFixed(0)} GB free), Node ${process.version}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const flag = (name: string) => args.includes(name)
  const value = (name: string) => {
    const k = args.indexOf(name)
    return k >= 0 ? args[k + 1] : undefined
  }
  const one = value('--case')
  if (one)
    return child(one, {
      recall: flag('--recall'),
      indented: flag('--indented'),
      report: !flag('--no-report'),
    })
  const load = value('--load-case')
  if (load) return loadChild(Number(load), Number(value('--workers') ?? 0))
  const grow = value('--incremental-case')
  if (grow) return incrementalPhase(Number(grow), 10, value('--phase') ?? 'full', value('--dir') ?? '.')
  if (flag('--incremental')) {
    const text = incrementalBench((value('--sizes') ?? '100').split(',').filter(Boolean))
    process.stdout.write(`${machineLine()}\n\n${text}\n`)
    const markdown = value('--markdown')
    if (markdown) writeFileSync(markdown, `${machineLine()}\n\n${text}\n`)
    return
  }
  const sizes = (value('--sizes') ?? '100,1000').split(',').filter(Boolean)
  if (flag('--pool')) {
    const workers = (value('--workers') ?? String(availableParallelism())).split(',').map(Number)
    process.stdout.write(`${machineLine()}\n`)
    const text = poolBench(sizes, workers)
    process.stdout.write(`\n${text}\n`)
    const markdown = value('--markdown')
    if (markdown) writeFileSync(markdown, `${machineLine()}\n\n${text}\n`)
    return
  }
  if (flag('--n10000')) sizes.push('10000')
  // three quarters of the machine's memory for the heap of a corpus over 1,000 documents
  const largeHeapMb = () => Math.floor((totalmem() / 2 ** 20) * 0.75)
  const cases = [
    'seeds',
    ...sizes,
    ...(existsSync('../shared/corpus/catalog.json') && !flag('--no-real') ? ['real'] : []),
  ]
  const machine = machineLine()
  process.stdout.write(`${machine}\n`)
  const results: CaseResult[] = []
  for (const spec of cases) {
    const recall = flag('--recall') && spec === '100'
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        // the default heap limit (about 4 GB) up to 1,000 documents, so that peak RSS shows what the
        // run needs, not what V8 may defer; larger corpora need more than that and would crash
        ...(Number(spec) > 1000 ? [`--max-old-space-size=${largeHeapMb()}`] : []),
        ...(flag('--retained') ? ['--expose-gc'] : []),
        'scripts/bench.ts',
        '--case',
        spec,
        ...(recall ? ['--recall'] : []),
        ...(['--indented', '--no-report'] as const).filter(flag),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const result = JSON.parse(out.trim().split('\n').pop() as string) as CaseResult
    results.push(result)
    process.stdout.write(
      `${result.name}: ${result.stages.reduce((n, x) => n + x.cpu, 0).toFixed(1)} CPU s, peak RSS ${result.peakRssMb} MB\n`,
    )
  }
  const text = tables(results)
  process.stdout.write(`\n${text}\n`)
  const markdown = value('--markdown')
  if (markdown) writeFileSync(markdown, `${machine}\n\n${text}\n`)
}

await main()
