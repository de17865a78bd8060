/**
 * Threads by what they are about: a keyword in the thread's label or terms or in one of its items, or a
 * topic of the thread or of one of its items. For notebooks and scripts: "which threads are about the
 * 12345 hotline?"
 */
import { expectArgument, expectArrayOf, expectDocuments, isRecord, isThreadLike } from '../arguments.js'
import type { PlanDocument, PlanItem, Thread } from '../model/index.js'

/** What to look for; every condition given must hold. A string is a keyword. */
export interface FindThreadsQuery {
  /**
   * Text to find (case-insensitive, spaces count) in the thread's label or terms, or in the heading or
   * text of one of its items: `5G基站`, `12345`, `一网通办`.
   */
  keyword?: string
  /** Topic id (`networks-5g`, `hotline-12345`): the thread's topic or a topic of one of its items. */
  topic?: string
}

/**
 * The threads that match the query, in their given order (the alignment orders threads by how many
 * documents they span). Items are looked up in `documents`; a thread whose items are not among them
 * matches on its own label, terms and topic only.
 *
 * @example
 * const { documents, threads } = analyze('seeds/')
 * findThreads(threads, documents, '12345')                       // threads mentioning the hotline
 * findThreads(threads, documents, { topic: 'networks-5g' })      // threads about 5G networks
 */
export function findThreads(
  threads: readonly Thread[],
  documents: readonly PlanDocument[],
  query: string | FindThreadsQuery,
): Thread[] {
  expectArrayOf(threads, 'findThreads', 'threads to be an array of Threads', isThreadLike)
  expectDocuments(documents, 'findThreads')
  expectArgument(
    typeof query === 'string' || isRecord(query as unknown),
    'findThreads',
    'query to be a keyword or { keyword, topic }',
    query,
  )
  const { keyword, topic } = typeof query === 'string' ? { keyword: query, topic: undefined } : query
  const needle = keyword?.toLowerCase()
  const items = new Map<string, PlanItem>()
  for (const doc of documents) for (const item of doc.items) items.set(item.id, item)
  const members = (thread: Thread) => thread.items.flatMap((id) => items.get(id) ?? [])
  const mentions = (text: string) => needle !== undefined && text.toLowerCase().includes(needle)
  return threads.filter((thread) => {
    if (
      needle !== undefined &&
      !mentions(thread.label) &&
      !thread.terms.some(mentions) &&
      !members(thread).some((item) => mentions(item.heading) || mentions(item.text))
    )
      return false
    if (
      topic !== undefined &&
      thread.topic !== topic &&
      !members(thread).some((item) => item.topics.some((t) => t.id === topic))
    )
      return false
    return true
  })
}
