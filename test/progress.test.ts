import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { analyze } from '../src/pipeline/index.js'
import { PROGRESS_STAGES, type ProgressEvent, stageProgress } from '../src/progress.js'
import { buildReport } from '../src/report/index.js'

const dir = mkdtempSync(join(tmpdir(), 'plan-cascade-progress-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('progress events', () => {
  it('reports every long stage of a report, in order, each ending with done = total', () => {
    copyFileSync('seeds/fuzhou-2019.txt', join(dir, 'a-fuzhou-2019.txt'))
    copyFileSync('seeds/fuzhou-2025.txt', join(dir, 'b-fuzhou-2025.txt'))
    writeFileSync(join(dir, 'c-empty.txt'), '')
    const events: ProgressEvent[] = []
    const onProgress = (event: ProgressEvent) => events.push(event)
    const result = analyze(dir, { onProgress })
    expect(result.errors.map((e) => e.error.code)).toEqual(['empty-input'])
    const report = buildReport(result.documents, result, { onProgress })
    const stages = [...new Set(events.map((e) => e.stage))]
    expect(stages).toEqual(['reading', 'segmenting', 'candidates', 'scoring', 'threads', 'diffs'])
    expect(
      stages.every((s, k) => PROGRESS_STAGES.indexOf(s) >= PROGRESS_STAGES.indexOf(stages[k - 1] ?? s)),
    ).toBe(true)
    // reading: one event per file, with its path, the unreadable one included
    const reading = events.filter((e) => e.stage === 'reading')
    expect(reading.map((e) => `${e.done}/${e.total} ${e.file ?? ''}`)).toEqual([
      '0/3 ',
      `1/3 ${join(dir, 'a-fuzhou-2019.txt')}`,
      `2/3 ${join(dir, 'b-fuzhou-2025.txt')}`,
      `3/3 ${join(dir, 'c-empty.txt')}`,
    ])
    const items = result.documents.reduce((n, d) => n + d.items.length, 0)
    // segmenting comes twice: the items' words (topics, keywords), then the alignment's features
    const segmenting = events.filter((e) => e.stage === 'segmenting')
    expect(segmenting.every((e) => e.total === items)).toBe(true)
    expect(segmenting.filter((e) => e.done === items)).toHaveLength(2)
    const scoring = events.filter((e) => e.stage === 'scoring')
    expect(scoring.at(-1)!.total).toBeGreaterThan(result.links.length)
    // at most about a hundred events for a stage of thousands of pairs
    expect(scoring.length).toBeLessThanOrEqual(102)
    const diffs = events.filter((e) => e.stage === 'diffs')
    expect(diffs.at(-1)).toEqual({ stage: 'diffs', done: report.diffs.length, total: report.diffs.length })
    for (const stage of stages) {
      const list = events.filter((e) => e.stage === stage)
      expect(list[0]!.done, stage).toBe(0)
      expect(list.at(-1)!.done, stage).toBe(list.at(-1)!.total)
      for (const [k, e] of list.entries())
        if (k > 0 && e.done !== 0) expect(e.done).toBeGreaterThanOrEqual(list[k - 1]!.done)
    }
  })

  it('passes on the first, the last, every file, and about a hundred in between', () => {
    const events: ProgressEvent[] = []
    const tick = stageProgress((e) => events.push(e), 'scoring', 10_000)
    for (let k = 0; k <= 10_000; k++) tick(k)
    expect(events).toHaveLength(101)
    expect(events.at(-1)).toEqual({ stage: 'scoring', done: 10_000, total: 10_000 })
    const files: ProgressEvent[] = []
    const read = stageProgress((e) => files.push(e), 'reading', 1000)
    for (let k = 1; k <= 1000; k++) read(k, `f${k}.txt`)
    expect(files).toHaveLength(1000)
    expect(() => stageProgress(undefined, 'threads', 5)(3)).not.toThrow()
  })
})
