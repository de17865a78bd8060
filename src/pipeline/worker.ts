/**
 * A worker of the read pool (see pool.ts): reads, parses and extracts one file and segments its items,
 * exactly as `loadCorpus` does in its own thread.
 */
import { workerData } from 'piscina'
import { PlanCascadeError } from '../errors.js'
import { createSegmenter, type Segmenter } from '../lexicon/index.js'
import { analyzeDocuments, readDocument } from './index.js'
import type { ReadOutcome, ReadTask, WorkerSetup } from './pool.js'

const setup = workerData as WorkerSetup
let segmenter: Segmenter | null = null

export default function readInWorker(task: ReadTask): ReadOutcome {
  const { lexicon, segmenterImplementation, metrics, aliases } = setup
  segmenter ??= createSegmenter({
    ...(segmenterImplementation ? { implementation: segmenterImplementation } : {}),
    dictionary: lexicon.dictionary,
  })
  try {
    const document = readDocument(task.file, {
      ...task.options,
      ...(metrics ? { metrics } : {}),
      ...(aliases ? { aliases } : {}),
    })
    const made = analyzeDocuments([document], { lexicon, segmenter })
    return {
      document,
      analyses: document.items.map((item) => made.get(item.id) as NonNullable<ReturnType<typeof made.get>>),
    }
  } catch (error) {
    if (!(error instanceof PlanCascadeError)) throw error
    return { error: { code: error.code, message: error.message, place: error.place } }
  }
}
