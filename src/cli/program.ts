/**
 * The command line: argv -> API -> print. Every command reads the files or folders given (a folder is
 * read whole; a file that cannot be read is reported on stderr and the others go on), calls the
 * library, and prints. Exit codes: 0 done, 1 an error (a file could not be read, nothing to do),
 * 2 bad usage (unknown option, missing argument, bad option value).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import levenshtein from 'fast-levenshtein'
import { checkDecisions } from '../align/decisions.js'
import {
  type AlignOptions,
  align,
  type Decision,
  parseDecisions,
  readAlignSnapshot,
  writeAlignSnapshot,
} from '../align/index.js'
import { diffItems, indexItems } from '../diff/index.js'
import { PlanCascadeError } from '../errors.js'
import { listInputFiles } from '../io/index.js'
import { findPackageRoot, type LoadLexiconOptions, type SegmenterImplementation } from '../lexicon/index.js'
import { type PlanDocument, SCHEMA_VERSION } from '../model/index.js'
import { type Corpus, loadCorpusAsync, type Manifest } from '../pipeline/index.js'
import {
  buildReport,
  jsonLines,
  jsonPieces,
  REPORT_FORMATS,
  type ReportFormat,
  writePieces,
  writeReport,
} from '../report/index.js'
import { createColors, formatBytes, formatDiff, formatTable, plural, useColor } from './format.js'
import { readManifest } from './manifest.js'
import { createProgress, type Progress } from './progress.js'

/** Where the CLI writes; replaced in tests of the program object. */
export interface CliIO {
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
}

/** Options every command that reads documents takes. */
interface CorpusOptions {
  manifest?: string
  taxonomy?: string
  dictionary?: string
  stopwords?: string
  synonyms?: string
  replaceLexicon?: boolean
  segmenter?: SegmenterImplementation
  encoding?: string
  cache?: string
  workers?: number | 'auto'
  quiet?: boolean
  progress?: boolean
}

interface AlignCliOptions extends CorpusOptions {
  threshold?: number
  minProbability?: number
  mode?: 'many' | 'one-to-one'
  decisions?: string
  allowUnknownItems?: boolean
}

const EXAMPLES = `
Examples:
  $ plan-cascade report seeds/ -o out/                 # every format into out/
  $ plan-cascade report seeds/ -o out/ --format html,csv
  $ plan-cascade parse seeds/fuzhou-2019.txt seeds/fuzhou-2025.txt
  $ plan-cascade parse seeds/ --json > parsed.json
  $ plan-cascade align seeds/ --json > aligned.json
  $ plan-cascade topics seeds/
  $ plan-cascade diff 'fuzhou-2019#2.3' 'fuzhou-2025#2.3' seeds/
  $ plan-cascade report plans/ -o out/ --manifest manifest.json --taxonomy my-topics.json

A manifest maps file names to what the text does not say:
  { "fuzhou-2019.txt": { "title": "2019年数字福州工作要点", "jurisdiction": "福州市", "year": 2019 } }

Exit codes: 0 done, 1 error (unreadable file, unknown item, a decision naming an unknown item),
2 bad usage.`

/** Builds the program. `run` resolves to the exit code instead of exiting. */
export function createProgram(io: CliIO = { stdout: process.stdout, stderr: process.stderr }): {
  program: Command
  run: (argv: string[]) => Promise<number>
} {
  let exitCode = 0
  const out = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`)
  const err = (text: string) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`)

  const program = new Command('plan-cascade')
    .description(
      'Compare Chinese government plan documents: parse them, extract targets, align goals across levels and years, and report.',
    )
    .version(readVersion(), '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })

  const load = async (inputs: string[], options: CorpusOptions, progress: Progress) => {
    const files: string[] = []
    for (const input of inputs) {
      try {
        files.push(...listInputFiles(input))
      } catch (error) {
        if (!(error instanceof PlanCascadeError)) throw error
        err(`plan-cascade: ${error.message}`)
        exitCode = 1
      }
    }
    if (files.length === 0) throw new PlanCascadeError('empty-input', 'no document to read')
    const manifest: Manifest | undefined = options.manifest ? readManifest(options.manifest) : undefined
    const corpus = await loadCorpusAsync(files, {
      ...(manifest ? { manifest } : {}),
      ...(options.workers !== undefined ? { workers: options.workers } : {}),
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.cache ? { cacheFile: options.cache } : {}),
      ...(options.segmenter ? { segmenterImplementation: options.segmenter } : {}),
      lexicon: lexiconOptions(options),
      onProgress: progress.onProgress,
    })
    progress.stop()
    for (const { error } of corpus.errors) {
      err(`plan-cascade: ${error.message}`)
      exitCode = 1
    }
    if (corpus.documents.length === 0) throw new PlanCascadeError('empty-input', 'no document could be read')
    analysesOf.set(corpus.documents, corpus.analyses)
    return corpus.documents
  }
  // the text analyses of the documents read, for align (one segmentation per item)
  const analysesOf = new WeakMap<PlanDocument[], Corpus['analyses']>()

  const alignCorpus = (documents: PlanDocument[], options: AlignCliOptions, progress: Progress) => {
    const decisions: Decision[] = options.decisions
      ? parseDecisions(readText(options.decisions), options.decisions)
      : []
    // a decision naming an item no document has is a reviewer's typo: say so, and fail unless told
    for (const warning of checkDecisions(decisions, documents)) {
      const place = warning.place
        ? `${warning.place.file}:${warning.place.line}:${warning.place.column}: `
        : ''
      err(`plan-cascade: ${place}${warning.message}`)
      if (!options.allowUnknownItems) exitCode = 1
    }
    const analyses = analysesOf.get(documents)
    const alignOptions: AlignOptions = {
      lexicon: lexiconOptions(options),
      ...(analyses ? { analyses, consumeAnalyses: true } : {}),
      ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
      ...(options.minProbability !== undefined ? { minProbability: options.minProbability } : {}),
      ...(options.mode ? { mode: options.mode } : {}),
      ...(decisions.length ? { decisions } : {}),
      onProgress: progress.onProgress,
    }
    // with --cache, the alignment's snapshot beside the corpus cache: added documents are aligned
    // against the rest without aligning the rest again
    const snapshotFile = options.cache && options.mode !== 'one-to-one' ? `${options.cache}.alignment` : null
    const hadSnapshot = snapshotFile !== null && existsSync(snapshotFile)
    if (snapshotFile) {
      alignOptions.snapshot = true
      if (hadSnapshot) alignOptions.previous = readAlignSnapshot(snapshotFile)
    }
    const result = align(documents, alignOptions)
    // nothing after alignment reads the analyses (align emptied the map as it went)
    analysesOf.delete(documents)
    progress.stop()
    if (snapshotFile && result.snapshot) writeAlignSnapshot(snapshotFile, result.snapshot)
    if (hadSnapshot && result.reuse?.reason && !options.quiet)
      err(`plan-cascade: ${snapshotFile}: not reused (${result.reuse.reason}); aligned afresh`)
    // the output is the alignment's alone, the same with a cache or without
    delete result.snapshot
    delete result.reuse
    return result
  }

  const progressFor = (options: CorpusOptions) =>
    createProgress(io.stderr, !options.quiet && options.progress !== false)

  // parse
  withCorpusOptions(
    program
      .command('parse')
      .description('Read documents and print a summary table per document (or the parsed records as JSON).')
      .argument('<inputs...>', 'files or folders (a folder is read whole: .txt .html .htm)')
      .option('--json', 'print { "schemaVersion": 2, "documents": [...] } on stdout'),
  ).action(async (inputs: string[], options: CorpusOptions & { json?: boolean }) => {
    const documents = await load(inputs, options, progressFor(options))
    if (options.json) {
      out(JSON.stringify({ schemaVersion: SCHEMA_VERSION, documents }, null, 2))
      return
    }
    out(
      formatTable(
        ['id', 'title', 'jurisdiction', 'level', 'year', 'sections', 'items', 'targets', 'warnings'],
        documents.map((d) => [
          d.id,
          d.title,
          d.jurisdiction?.name ?? '',
          d.jurisdiction?.level ?? '',
          d.year,
          d.sections.length,
          d.items.length,
          d.items.reduce((n, i) => n + i.targets.length, 0),
          d.warnings.length,
        ]),
        36,
      ),
    )
  })

  // align
  withAlignOptions(
    withCorpusOptions(
      program
        .command('align')
        .description('Align the items of the documents: links, goal threads and evolution pairs.')
        .argument('<inputs...>', 'files or folders')
        .option(
          '--json',
          'print the AlignOutput { schemaVersion, documents, links, threads, evolution } on stdout',
        )
        .option(
          '--jsonl',
          'print JSON Lines on stdout: a header, then one line per document, link, thread and evolution pair',
        ),
    ),
  ).action(async (inputs: string[], options: AlignCliOptions & { json?: boolean; jsonl?: boolean }) => {
    const progress = progressFor(options)
    const documents = await load(inputs, options, progress)
    const result = alignCorpus(documents, options, progress)
    // written piecewise: the JSON of a large corpus does not fit in one string
    const output = { schemaVersion: SCHEMA_VERSION, documents, ...result }
    if (options.jsonl) {
      await writePieces(jsonLines(output), io.stdout)
      return
    }
    if (options.json) {
      await writePieces(jsonPieces(output, 2), io.stdout)
      io.stdout.write('\n')
      return
    }
    const items = documents.reduce((n, d) => n + d.items.length, 0)
    out(
      `${plural(documents.length, 'document')}, ${plural(items, 'item')}: ${plural(result.links.length, 'link')}, ${plural(result.threads.length, 'thread')}, ${plural(result.evolution.length, 'evolution pair')}\n`,
    )
    out(
      formatTable(
        ['thread', 'label', 'items', 'documents'],
        result.threads.map((t) => [t.id, t.label, t.items.length, t.documents.join(' ')]),
        48,
      ),
    )
    for (const pair of result.evolution) {
      out(
        `\n${pair.from} → ${pair.to}: ${pair.continued.length} continued, ${pair.new.length} new, ${pair.dropped.length} dropped`,
      )
    }
  })

  // topics
  withCorpusOptions(
    program
      .command('topics')
      .description('List the topics of the documents with their items, per document.')
      .argument('<inputs...>', 'files or folders')
      .option('--json', 'print { schemaVersion, topics: [{ id, label, documents: [{ id, items }] }] }')
      .option('--min-score <n>', 'leave out tags weaker than this (0-1)', parseScore, 0),
  ).action(async (inputs: string[], options: CorpusOptions & { json?: boolean; minScore: number }) => {
    const documents = await load(inputs, options, progressFor(options))
    const topics = listTopics(documents, options.minScore)
    if (options.json) {
      out(JSON.stringify({ schemaVersion: SCHEMA_VERSION, topics }, null, 2))
      return
    }
    const lines: string[] = []
    for (const topic of topics) {
      const count = topic.documents.reduce((n, d) => n + d.items.length, 0)
      lines.push(`${topic.label} (${topic.id}): ${count} items`)
      for (const doc of topic.documents) {
        lines.push(`  ${doc.id}: ${doc.items.map((i) => i.path).join(', ')}`)
      }
    }
    out(lines.join('\n') || 'No topic found.')
  })

  // diff
  withCorpusOptions(
    program
      .command('diff')
      .description('Word diff of two items: their texts, targets and responsible units.')
      .argument('<itemA>', 'first item id, e.g. fuzhou-2019#2.3')
      .argument('<itemB>', 'second item id, e.g. fuzhou-2025#2.3')
      .argument('<inputs...>', 'files or folders the items come from')
      .option('--json', 'print the ItemDiff as JSON')
      .option('--no-color', 'no colours: [-removed-]{+added+}'),
  ).action(
    async (
      a: string,
      b: string,
      inputs: string[],
      options: CorpusOptions & { json?: boolean; color?: boolean },
    ) => {
      const documents = await load(inputs, options, progressFor(options))
      const items = indexItems(documents)
      const find = (id: string) => {
        const found = items.get(id)
        if (found) return found
        const near = nearestIds(id, [...items.keys()])
        throw new PlanCascadeError(
          'unknown-item',
          `no item '${id}'${near.length ? `; did you mean ${near.join(', ')}?` : ''}`,
        )
      }
      const from = find(a)
      const to = find(b)
      const diff = diffItems(from.item, to.item)
      if (options.json) {
        out(JSON.stringify(diff, null, 2))
        return
      }
      const colors = createColors(useColor(io.stdout, options.color))
      const name = (d: PlanDocument) => `${d.jurisdiction?.name ?? d.id}${d.year ? ` ${d.year}` : ''}`
      const lines = [
        colors.bold(`${from.item.id} → ${to.item.id}`),
        colors.dim(`${name(from.doc)} → ${name(to.doc)} · ${Math.round(diff.overlap * 100)}% shared words`),
        '',
        formatDiff(diff.parts, colors),
      ]
      if (diff.targets.length) {
        lines.push('', 'Targets:')
        const marks = {
          increased: '↑',
          decreased: '↓',
          unchanged: '=',
          incomparable: '≠',
          added: '+',
          dropped: '−',
        }
        for (const t of diff.targets) lines.push(`  ${marks[t.change]} ${t.summary}`)
      }
      const { kept, added, removed } = diff.units
      if (kept.length || added.length || removed.length) {
        lines.push('', 'Responsible units:')
        if (kept.length) lines.push(`  kept     ${kept.join('、')}`)
        if (added.length) lines.push(`  added    ${colors.green(added.join('、'))}`)
        if (removed.length) lines.push(`  removed  ${colors.red(removed.join('、'))}`)
      }
      out(lines.join('\n'))
    },
  )

  // report
  withAlignOptions(
    withCorpusOptions(
      program
        .command('report')
        .description('Write the report: HTML, Markdown, CSV and Parquet tables, JSON, GraphML and DOT.')
        .argument('<inputs...>', 'files or folders')
        .requiredOption('-o, --out <dir>', 'output folder (created if needed)')
        .option(
          '-f, --format <formats>',
          `comma-separated formats among ${REPORT_FORMATS.join(',')}`,
          parseFormats,
          [...REPORT_FORMATS],
        )
        .option('--title <text>', 'title of the HTML and Markdown reports')
        .option('--all-diffs', 'diff every link too, not only thread steps and continued goals (large)'),
    ),
  ).action(
    async (
      inputs: string[],
      options: AlignCliOptions & { out: string; format: ReportFormat[]; title?: string; allDiffs?: boolean },
    ) => {
      const progress = progressFor(options)
      const documents = await load(inputs, options, progress)
      const aligned = alignCorpus(documents, options, progress)
      const report = buildReport(documents, aligned, {
        allLinks: Boolean(options.allDiffs),
        onProgress: progress.onProgress,
      })
      const written = await writeReport(report, options.out, options.format, {
        ...(options.title ? { title: options.title } : {}),
        onProgress: progress.onProgress,
      })
      progress.stop()
      const items = documents.reduce((n, d) => n + d.items.length, 0)
      const lines = [
        `${plural(documents.length, 'document')}, ${plural(items, 'item')}, ${plural(aligned.links.length, 'link')}, ${plural(aligned.threads.length, 'thread')}.`,
        `Report written to ${options.out}:`,
        ...written.map((f) => `  ${displayPath(f.path).padEnd(36)} ${formatBytes(f.bytes)}`),
      ]
      const html = written.find((f) => f.format === 'html')
      if (html) lines.push('', `Open ${displayPath(html.path)} in a browser.`)
      out(lines.join('\n'))
    },
  )

  const run = async (argv: string[]): Promise<number> => {
    exitCode = 0
    try {
      await program.parseAsync(argv)
      return exitCode
    } catch (error) {
      if (error instanceof CommanderError) {
        if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0
        // No command at all shows the help on stderr with a non-zero code: that is bad usage too.
        if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2
        return 2
      }
      if (error instanceof PlanCascadeError) {
        err(`plan-cascade: ${error.message}`)
        return 1
      }
      err(`plan-cascade: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      return 1
    }
  }
  return { program, run }
}

/** The options every reading command takes. */
function withCorpusOptions(command: Command): Command {
  return command
    .option('--manifest <file>', 'JSON: titles, jurisdictions, years … by file name')
    .option(
      '--taxonomy <file>',
      'JSON topic taxonomy: extends the shipped one (a topic with a shipped id replaces it)',
    )
    .option(
      '--dictionary <file>',
      'jieba user dictionary (term [freq [tag]] a line) added to the policy dictionary',
    )
    .option('--stopwords <file>', 'stopwords to add, separated by spaces or lines')
    .option('--synonyms <file>', 'JSON: canonical form -> variants')
    .option('--replace-lexicon', 'the files given replace the shipped ones instead of extending them')
    .addOption(new Option('--segmenter <name>', 'jieba binding').choices(['node-rs', 'nodejieba']))
    .option('--encoding <name>', 'read every file in this encoding instead of detecting it')
    .option(
      '--cache <file>',
      'keep parsed documents and their segmentation here, and (align, report) the alignment in <file>.alignment: unchanged files are not read again, and added files are aligned against the others without aligning those again',
    )
    .option(
      '--workers <count>',
      "threads that read, parse and segment the files: a number (0: none) or 'auto' (one per core when the files come to 4 MB or more)",
      parseWorkers,
    )
    .option('-q, --quiet', 'no progress bar')
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', EXAMPLES)
}

function withAlignOptions(command: Command): Command {
  return command
    .option('--threshold <score>', 'minimum link score (0-1; default: the fitted threshold)', parseScore)
    .option(
      '--min-probability <p>',
      'keep links at least this likely to join one goal (0-1, by the calibration; 0.8 keeps links right about 9 times in 10)',
      parseScore,
    )
    .addOption(
      new Option(
        '--mode <mode>',
        'many-to-many links, or an optimal one-to-one matching per document pair',
      ).choices(['many', 'one-to-one']),
    )
    .option('--decisions <file>', "a reviewer's decisions (JSON or CSV: confirm, reject, merge, split)")
    .option(
      '--allow-unknown-items',
      'a decision naming an item that is not in the documents is reported but does not make the exit code 1',
    )
}

function lexiconOptions(options: CorpusOptions): LoadLexiconOptions {
  return {
    ...(options.taxonomy ? { taxonomyFile: options.taxonomy } : {}),
    ...(options.dictionary ? { dictionaryFile: options.dictionary } : {}),
    ...(options.stopwords ? { stopwordsFile: options.stopwords } : {}),
    ...(options.synonyms ? { synonymsFile: options.synonyms } : {}),
    ...(options.replaceLexicon ? { replace: true } : {}),
  }
}

function parseWorkers(value: string): number | 'auto' {
  if (value === 'auto') return value
  const n = Number(value)
  if (!/^\d+$/.test(value) || n > 256)
    throw new InvalidArgumentError("expected 'auto' or a whole number from 0 to 256.")
  return n
}

function parseScore(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('expected a number between 0 and 1.')
  return n
}

function parseFormats(value: string): ReportFormat[] {
  const formats = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean)
    .map((f) => (f === 'markdown' ? 'md' : f))
  const unknown = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f))
  if (unknown.length > 0 || formats.length === 0) {
    throw new InvalidArgumentError(
      `unknown format ${unknown.join(', ') || "''"}: use ${REPORT_FORMATS.join(', ')}.`,
    )
  }
  return [...new Set(formats)] as ReportFormat[]
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    throw new PlanCascadeError(
      'unreadable-file',
      `cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      {
        file: path,
      },
    )
  }
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')) as { version: string })
      .version
  } catch {
    return '0.0.0'
  }
}

/**
 * The item ids closest to a mistyped one (edit distance, fast-levenshtein): at most five, nearest first,
 * and only those within half the id's length, so that a wild guess suggests nothing. An id whose
 * document part (before #) matches a document compares only with that document's items.
 */
export function nearestIds(id: string, ids: readonly string[], limit = 5): string[] {
  const doc = id.includes('#') ? id.slice(0, id.indexOf('#') + 1) : null
  const sameDoc = doc ? ids.filter((k) => k.startsWith(doc)) : []
  const pool = sameDoc.length > 0 ? sameDoc : ids
  const within = Math.max(2, Math.floor(id.length / 2))
  return pool
    .map((k) => ({ k, d: levenshtein.get(id, k) }))
    .filter((x) => x.d <= within)
    .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, limit)
    .map((x) => x.k)
}

/** A path as the user would type it: relative to the working folder when inside it. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel && !rel.startsWith('..') ? rel : path
}

/** Topics with their items per document, most items first. */
export function listTopics(
  documents: readonly PlanDocument[],
  minScore = 0,
): Array<{
  id: string
  label: string
  documents: Array<{ id: string; items: Array<{ id: string; path: string; heading: string; score: number }> }>
}> {
  const topics = new Map<
    string,
    { label: string; docs: Map<string, Array<{ id: string; path: string; heading: string; score: number }>> }
  >()
  for (const doc of documents) {
    for (const item of doc.items) {
      for (const tag of item.topics) {
        if (tag.score < minScore) continue
        const topic = topics.get(tag.id) ?? { label: tag.label, docs: new Map() }
        const list = topic.docs.get(doc.id) ?? []
        list.push({ id: item.id, path: item.path, heading: item.heading, score: tag.score })
        topic.docs.set(doc.id, list)
        topics.set(tag.id, topic)
      }
    }
  }
  const count = (t: { docs: Map<string, unknown[]> }) =>
    [...t.docs.values()].reduce((n, l) => n + l.length, 0)
  return [...topics]
    .sort((a, b) => count(b[1]) - count(a[1]) || (a[0] < b[0] ? -1 : 1))
    .map(([id, t]) => ({
      id,
      label: t.label,
      documents: documents
        .filter((d) => t.docs.has(d.id))
        .map((d) => ({ id: d.id, items: t.docs.get(d.id)! })),
    }))
}
