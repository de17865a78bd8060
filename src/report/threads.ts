/**
 * Threads as the reports show them: members in reading order (level, then year), each with the member
 * it is diffed against.
 */
import { orderThread, type ThreadStep } from '../diff/index.js'
import type { Thread } from '../model/index.js'
import type { ReportOutput } from '../model/report.js'

/** A thread with its members in reading order, each with the member it is compared with. */
export interface OrderedThread extends Thread {
  /** Members in reading order; `from` is the member each is diffed against (null for the first). */
  steps: ThreadStep[]
}

/** The report's threads in their given order, members ordered for reading. */
export function orderedThreads(report: ReportOutput): OrderedThread[] {
  return report.threads.map((thread) => ({
    ...thread,
    steps: orderThread(thread, report.documents, report.links),
  }))
}
