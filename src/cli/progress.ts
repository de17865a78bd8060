/**
 * A progress bar on stderr for long runs (cli-progress), fed by the library's progress events: one
 * bar per stage (reading files, segmenting items, candidates, scoring pairs, threads, diffs, writing
 * files) with its counts. Shown only on a terminal: in a pipe or a test nothing is written.
 */
import { basename } from 'node:path'
import cliProgress from 'cli-progress'
import type { OnProgress, ProgressStage } from '../progress.js'

export interface Progress {
  /** Pass to the library's `onProgress` options. */
  onProgress: OnProgress
  /** Clears the bar (at the end, or before printing). */
  stop(): void
}

/** What each stage counts, for people. */
const UNITS: Record<ProgressStage, string> = {
  reading: 'reading files',
  segmenting: 'segmenting items',
  candidates: 'finding candidate pairs',
  scoring: 'scoring pairs',
  threads: 'building threads',
  diffs: 'diffing items',
  writing: 'writing files',
}

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return { onProgress() {}, stop() {} }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {percentage}% | {stage} {value}/{total} {file}',
      hideCursor: true,
      clearOnComplete: true,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  )
  let stage: ProgressStage | null = null
  return {
    onProgress(event) {
      const file = event.file ? basename(event.file) : ''
      if (event.stage !== stage) {
        if (stage) bar.stop()
        stage = event.stage
        bar.start(event.total, event.done, { stage: UNITS[event.stage], file })
        return
      }
      bar.setTotal(event.total)
      bar.update(event.done, { file })
    },
    stop() {
      if (stage) bar.stop()
      stage = null
    },
  }
}
