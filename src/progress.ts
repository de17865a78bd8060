/**
 * Progress of the long stages, for progress bars: every stage that can take long on a large corpus
 * calls `onProgress` with one typed event as it goes. The library never draws anything; the CLI turns
 * the events into a bar on a terminal.
 */

/** The long stages, in the order a report goes through them. */
export const PROGRESS_STAGES = [
  'reading',
  'segmenting',
  'candidates',
  'scoring',
  'threads',
  'diffs',
  'writing',
] as const

/**
 * A long stage: `reading` files (read, normalize, parse, extract), `segmenting` items (cut into words,
 * topics and keywords; the alignment's features), `candidates` (the inverted index proposes pairs),
 * `scoring` candidate pairs, `threads` (clustering the links), `diffs` (word diffs of the report),
 * `writing` report files.
 */
export type ProgressStage = (typeof PROGRESS_STAGES)[number]

/** How far a stage is: `done` of `total` units (files, items, pairs, diffs or formats). */
export interface ProgressEvent {
  stage: ProgressStage
  /** Units done so far, from 0 to `total`. */
  done: number
  /** Units the stage has in all. */
  total: number
  /** The file just read or written, when the unit is a file. */
  file?: string
}

/** Called as a stage goes; a stage always ends with an event where `done === total`. */
export type OnProgress = (event: ProgressEvent) => void

/**
 * A reporter for one stage: call it with the units done so far. It passes on the first and the last
 * event and at most about a hundred in between (a file is always passed on), so that a stage of a
 * million pairs does not make a million calls.
 */
export function stageProgress(
  onProgress: OnProgress | undefined,
  stage: ProgressStage,
  total: number,
): (done: number, file?: string) => void {
  if (!onProgress) return () => {}
  const step = Math.max(1, Math.ceil(total / 100))
  let last = -1
  return (done, file) => {
    if (done !== 0 && done !== total && file === undefined && done - last < step) return
    last = done
    onProgress(file === undefined ? { stage, done, total } : { stage, done, total, file })
  }
}
