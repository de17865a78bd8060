import { beforeAll, describe, expect, it } from 'vitest'
import { findThreads } from '../src/align/find-threads.js'
import { align } from '../src/align/index.js'
import { seedsDir } from '../src/data-dir.js'
import type { PlanDocument, Thread } from '../src/model/index.js'
import { loadCorpus } from '../src/pipeline/index.js'

let documents: PlanDocument[]
let threads: Thread[]

beforeAll(() => {
  documents = loadCorpus(seedsDir()).documents
  threads = align(documents).threads
})

const itemsOf = (thread: Thread) =>
  documents.flatMap((d) => d.items).filter((item) => thread.items.includes(item.id))

describe('findThreads', () => {
  it('finds the threads whose items mention a keyword, in thread order', () => {
    const found = findThreads(threads, documents, '12345')
    expect(found.length).toBeGreaterThan(0)
    for (const thread of found) {
      const text = [thread.label, ...thread.terms, ...itemsOf(thread).map((i) => `${i.heading}${i.text}`)]
      expect(text.join(' ')).toContain('12345')
    }
    const order = found.map((t) => threads.indexOf(t))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    // and none that does not
    const rest = threads.filter((t) => !found.includes(t))
    for (const thread of rest) {
      expect(itemsOf(thread).some((i) => `${i.heading}${i.text}`.includes('12345'))).toBe(false)
    }
  })

  it('finds threads by topic: the thread topic or a topic of one of its items', () => {
    const found = findThreads(threads, documents, { topic: 'networks-5g' })
    expect(found.length).toBeGreaterThan(0)
    for (const thread of found) {
      const topics = [thread.topic, ...itemsOf(thread).flatMap((i) => i.topics.map((t) => t.id))]
      expect(topics).toContain('networks-5g')
    }
  })

  it('needs every condition given, ignores case, and finds nothing for an unknown word', () => {
    const both = findThreads(threads, documents, { keyword: '5g基站', topic: 'networks-5g' })
    expect(both.length).toBeGreaterThan(0)
    expect(both.length).toBeLessThanOrEqual(findThreads(threads, documents, '5G基站').length)
    expect(findThreads(threads, documents, '量子引力波')).toEqual([])
    expect(findThreads(threads, documents, { topic: 'no-such-topic' })).toEqual([])
  })

  it('matches on the thread alone when its items are not among the documents', () => {
    const thread = threads[0]!
    expect(findThreads([thread], [], thread.terms[0]!)).toEqual([thread])
    expect(findThreads([thread], [], '量子引力波')).toEqual([])
  })
})

describe('seedsDir', () => {
  it('is the folder of the five bundled seed plans', () => {
    expect(documents.map((d) => d.id).sort()).toEqual([
      'cangshan-2022',
      'fujian-2019',
      'fuzhou-2019',
      'fuzhou-2025',
      'xiamen-2022',
    ])
  })
})
