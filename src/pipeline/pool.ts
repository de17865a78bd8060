/**
 * The worker pool of `loadCorpusAsync`: files read, parsed, extracted and segmented in worker threads
 * (piscina), one task per file. Alignment stays in the calling thread: it needs the whole corpus.
 *
 * The worker is `worker.ts` beside this module in the sources (run under tsx, or vitest through tsx's
 * loader) and `worker.js` / `worker.cjs` beside the bundle in the built package.
 */
import { existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Piscina } from 'piscina'
import { PlanCascadeError } from '../errors.js'
import type { MetricLexicon, UnitAliases } from '../extract/index.js'
import type { Lexicon, SegmenterImplementation, TextAnalysis } from '../lexicon/index.js'
import type { PlanDocument } from '../model/index.js'

/** What every worker is started with: what the corpus's files share. */
export interface WorkerSetup {
  lexicon: Lexicon
  segmenterImplementation?: SegmenterImplementation
  metrics?: MetricLexicon
  aliases?: UnitAliases
}

/** One file to read: its path and its own read options (manifest entry, encoding …). */
export interface ReadTask {
  file: string
  options: Record<string, unknown>
}

/** A file read, or the `PlanCascadeError` it raised as plain data (errors lose their class in a clone). */
export type ReadOutcome =
  | { document: PlanDocument; analyses: TextAnalysis[] }
  | { error: { code: PlanCascadeError['code']; message: string; place: PlanCascadeError['place'] } }

/**
 * Below this many bytes of files to read, 'auto' reads in the calling thread. Starting a worker loads
 * the package and jieba's dictionary (about 1 CPU s each under tsx, 0.5 s built); reading costs about
 * 0.17 CPU s per 100 kB (parse, extract, segment), so two workers save about a second of wall time per
 * 600 kB: a pool pays from a few MB.
 */
export const AUTO_POOL_MIN_BYTES = 4_000_000

/** The worker module beside this one, or null when it is not there (the library bundled by a user). */
export function workerFile(): string | null {
  const here = fileURLToPath(import.meta.url)
  const ext = extname(here)
  // in a bundle this code sits in dist/index.js, dist/cli.js or a chunk beside them; in the sources it
  // is src/pipeline/pool.ts
  const file = join(dirname(here), `worker${ext}`)
  return existsSync(file) ? file : null
}

/** Total size of the files, for the 'auto' choice (a file that cannot be stat'ed counts nothing). */
export function bytesOf(files: readonly string[]): number {
  let total = 0
  for (const file of files) {
    try {
      total += statSync(file).size
    } catch {
      // read errors are reported by the read itself
    }
  }
  return total
}

/**
 * How many worker threads to start: `workers` when a number (0: none), or for 'auto' one per core when
 * there are at least two cores, two files and `AUTO_POOL_MIN_BYTES` to read.
 *
 * @throws PlanCascadeError `bad-option` for a count that is not a whole number from 0 to 256, or workers
 * asked for with a segmenter object (a worker cannot be handed one: give `segmenterImplementation`).
 */
export function workerCount(
  workers: number | 'auto' | undefined,
  files: number,
  bytes: number,
  customSegmenter: boolean,
): number {
  if (workers === undefined || workers === 'auto') {
    const cores = availableParallelism()
    if (customSegmenter || cores < 2 || files < 2 || bytes < AUTO_POOL_MIN_BYTES) return 0
    return Math.min(cores, files)
  }
  if (typeof workers !== 'number' || !Number.isInteger(workers) || workers < 0 || workers > 256)
    throw new PlanCascadeError('bad-option', `workers must be 'auto' or a whole number from 0 to 256`)
  if (workers > 0 && customSegmenter)
    throw new PlanCascadeError(
      'bad-option',
      'workers cannot use a segmenter object: leave segmenter out (segmenterImplementation picks the binding)',
    )
  return Math.min(workers, files)
}

/** A pool of `threads` workers for `ReadTask`s. Destroy it when done, or the process stays alive. */
export function createReadPool(threads: number, setup: WorkerSetup): Piscina<ReadTask, ReadOutcome> {
  const filename = workerFile()
  if (!filename)
    throw new PlanCascadeError(
      'bad-option',
      'the worker module is missing beside the library (bundled?): use workers: 0',
    )
  return new Piscina<ReadTask, ReadOutcome>({
    filename: pathToFileURL(filename).href,
    minThreads: threads,
    maxThreads: threads,
    // every file is queued at once (a path and its options each); a worker takes the next when free
    workerData: setup,
    execArgv: workerExecArgv(filename),
  })
}

/**
 * The sources' worker is TypeScript: a process started by tsx hands its loader on to workers through
 * its execArgv; one that was not (vitest) gets tsx's loader here.
 */
function workerExecArgv(filename: string): string[] {
  const inherited = [...process.execArgv]
  if (extname(filename) !== '.ts' || inherited.some((arg) => arg.includes('tsx'))) return inherited
  const tsx = createRequire(import.meta.url).resolve('tsx')
  return [...inherited, '--import', pathToFileURL(tsx).href]
}

/** A `PlanCascadeError` made again from its plain form (message as raised, place prefix included). */
export function toError(error: Extract<ReadOutcome, { error: unknown }>['error']): PlanCascadeError {
  const made = new PlanCascadeError(error.code, '', error.place)
  made.message = error.message
  return made
}
