/**
 * A progress bar on stderr for long runs (cli-progress), shown only on a terminal: in a pipe or a test
 * nothing is written.
 */
import cliProgress from 'cli-progress'

export interface Progress {
  /** Starts (or restarts) the bar for a stage of `total` steps. */
  start(stage: string, total: number): void
  update(done: number): void
  stop(): void
}

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return { start() {}, update() {}, stop() {} }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ' {bar} {percentage}% | {stage} {value}/{total}',
      hideCursor: true,
      clearOnComplete: true,
      barsize: 24,
    },
    cliProgress.Presets.shades_classic,
  )
  let running = false
  return {
    start(stage, total) {
      if (running) bar.stop()
      bar.start(total, 0, { stage })
      running = true
    },
    update(done) {
      if (running) bar.update(done)
    },
    stop() {
      if (running) bar.stop()
      running = false
    },
  }
}
