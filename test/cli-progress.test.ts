import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createProgress } from '../src/cli/progress.js'

/** A stream that says it is a terminal, keeping what is written. */
function fakeTerminal(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough
  const chunks: string[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()))
  Object.assign(stream, {
    isTTY,
    columns: 120,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  })
  return { stream, text: () => chunks.join('') }
}

describe('the CLI progress bar', () => {
  it('shows each stage with its counts and the file on a terminal', async () => {
    const { stream, text } = fakeTerminal(true)
    const progress = createProgress(stream, true)
    progress.onProgress({ stage: 'reading', done: 0, total: 2 })
    progress.onProgress({ stage: 'reading', done: 1, total: 2, file: 'plans/fuzhou-2019.txt' })
    progress.onProgress({ stage: 'reading', done: 2, total: 2, file: 'plans/fuzhou-2025.txt' })
    progress.onProgress({ stage: 'scoring', done: 0, total: 5350 })
    progress.onProgress({ stage: 'scoring', done: 5350, total: 5350 })
    progress.stop()
    await new Promise((done) => setImmediate(done))
    const shown = text()
    expect(shown).toContain('reading files 0/2')
    expect(shown).toContain('scoring pairs 0/5350')
    expect(shown).toMatch(/scoring pairs 5350\/5350|reading files 2\/2 fuzhou-2025\.txt/)
  })

  it('writes nothing in a pipe or when quiet', async () => {
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const { stream, text } = fakeTerminal(isTTY)
      const progress = createProgress(stream, enabled)
      progress.onProgress({ stage: 'reading', done: 0, total: 2 })
      progress.onProgress({ stage: 'reading', done: 2, total: 2, file: 'a.txt' })
      progress.stop()
      await new Promise((done) => setImmediate(done))
      expect(text()).toBe('')
    }
  })
})
