import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluateAlignment, type GoldThreads } from '../src/align/evaluate.js'
import { type AlignResult, align, readAlignSnapshot, writeAlignSnapshot } from '../src/align/index.js'
import type { PlanDocument } from '../src/model/index.js'
import { loadCorpus } from '../src/pipeline/index.js'

let documents: PlanDocument[]
let full: AlignResult
const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-incremental-'))
const linkRows = (r: AlignResult) =>
  r.links.map((l) => [l.source, l.target, l.score, l.relation, l.changes, l.targetChanges])
const keys = (r: AlignResult) => new Set(r.links.map((l) => `${l.source} ${l.target}`))

beforeAll(() => {
  documents = loadCorpus('seeds').documents
  full = align(documents, { snapshot: true })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('incremental alignment', () => {
  it('aligns the same documents from their snapshot to the same links and threads, through a file', () => {
    const file = join(dir, 'same.snapshot')
    writeAlignSnapshot(file, full.snapshot as NonNullable<AlignResult['snapshot']>)
    const again = align(documents, { previous: readAlignSnapshot(file) })
    expect(again.reuse).toEqual({ reused: 5, added: 0 })
    expect(linkRows(again)).toEqual(linkRows(full))
    expect(again.threads).toEqual(full.threads)
    expect(again.evolution).toEqual(full.evolution)
  })

  it('scores only pairs with the new document, keeps the old pairs’ scores, and stays near a run afresh', () => {
    const added = documents.find((d) => d.id === 'fuzhou-2019') as PlanDocument
    const old = documents.filter((d) => d !== added)
    const before = align(old, { snapshot: true })
    const progress: number[] = []
    const next = align(documents, {
      previous: before.snapshot,
      onProgress: (e) => {
        if (e.stage === 'scoring') progress.push(e.total)
      },
    })
    expect(next.reuse).toEqual({ reused: 4, added: 1 })
    // the pairs scored are a small share of those of a run afresh
    const fresh: number[] = []
    align(documents, {
      onProgress: (e) => {
        if (e.stage === 'scoring') fresh.push(e.total)
      },
    })
    expect(Math.max(...progress)).toBeLessThan(0.6 * Math.max(...fresh))
    // a link between two old documents has the score it had before
    const oldScores = new Map(before.links.map((l) => [`${l.source} ${l.target}`, l.score]))
    const isNew = (id: string) => id.startsWith(`${added.id}#`)
    let compared = 0
    for (const l of next.links) {
      if (isNew(l.source) || isNew(l.target)) continue
      const score = oldScores.get(`${l.source} ${l.target}`)
      if (score === undefined) continue
      expect(l.score).toBe(score)
      compared++
    }
    expect(compared).toBeGreaterThan(500)
    // the new document is linked, and most links are those of a run afresh
    expect(next.links.filter((l) => isNew(l.source) || isNew(l.target)).length).toBeGreaterThan(100)
    const a = keys(full)
    const b = keys(next)
    const same = [...a].filter((k) => b.has(k)).length
    expect(same / a.size).toBeGreaterThan(0.95)
    expect(same / b.size).toBeGreaterThan(0.95)
    const gold = JSON.parse(readFileSync('test/fixtures/dev-threads.json', 'utf8')) as GoldThreads
    expect(evaluateAlignment(gold, documents, next).f1).toBeGreaterThanOrEqual(0.9)
  })

  it('aligns afresh, and says why, when a document changed, was removed, or the settings differ', () => {
    const snapshot = full.snapshot
    const changed = documents.map((d) =>
      d.id === 'xiamen-2022'
        ? { ...d, items: d.items.map((item, k) => (k === 0 ? { ...item, text: `${item.text}。` } : item)) }
        : d,
    )
    const afterChange = align(changed, { previous: snapshot })
    expect(afterChange.reuse?.reused).toBe(0)
    expect(afterChange.reuse?.reason).toContain('xiamen-2022')
    expect(linkRows(afterChange)).toEqual(linkRows(align(changed)))

    const removed = align(documents.slice(1), { previous: snapshot })
    expect(removed.reuse?.reason).toContain(documents[0]?.id)

    const stricter = align(documents, { previous: snapshot, threshold: 0.5 })
    expect(stricter.reuse?.reason).toContain('settings')
    expect(linkRows(stricter)).toEqual(linkRows(align(documents, { threshold: 0.5 })))
  })

  it('aligns afresh once the corpus has grown past the share of items its statistics were counted over', () => {
    const before = align(documents.slice(0, 4), { snapshot: true })
    const next = align(documents, { previous: before.snapshot, maxGrowth: 0.01 })
    expect(next.reuse?.reused).toBe(0)
    expect(next.reuse?.reason).toContain('grew past 1%')
  })

  it('reads no snapshot from a missing or damaged file', () => {
    const file = join(dir, 'damaged.snapshot')
    writeFileSync(file, 'not a snapshot')
    expect(readAlignSnapshot(file)).toBeNull()
    expect(readAlignSnapshot(join(dir, 'missing.snapshot'))).toBeNull()
    expect(() => writeAlignSnapshot(file, {} as NonNullable<AlignResult['snapshot']>)).toThrow(
      expect.objectContaining({ code: 'bad-argument' }),
    )
    expect(align(documents, { previous: null }).reuse).toEqual({
      reused: 0,
      added: 5,
      reason: 'no snapshot',
    })
  })
})
