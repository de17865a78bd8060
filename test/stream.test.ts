import { beforeAll, describe, expect, it } from 'vitest'
import { align } from '../src/align/index.js'
import { SCHEMA_VERSION } from '../src/model/index.js'
import { loadCorpus } from '../src/pipeline/index.js'
import { jsonLines, jsonPieces, writePieces } from '../src/report/index.js'

let output: Record<string, unknown>

beforeAll(() => {
  const { documents } = loadCorpus(['seeds/fuzhou-2019.txt', 'seeds/fuzhou-2025.txt'])
  output = { schemaVersion: SCHEMA_VERSION, documents, ...align(documents) }
})

describe('output written piecewise', () => {
  it.each([0, 2, 4])('writes the same text as JSON.stringify with indent %i', (indent) => {
    expect([...jsonPieces(output, indent)].join('')).toBe(JSON.stringify(output, null, indent))
  })

  it('writes empty arrays, nulls and nested values as JSON.stringify does', () => {
    const value = { a: [], b: null, c: { d: [1, { e: 'x' }] }, f: [[1, 2], { g: [] }], h: 'y' }
    for (const indent of [0, 2])
      expect([...jsonPieces(value, indent)].join('')).toBe(JSON.stringify(value, null, indent))
  })

  it('holds at most one document, link or thread per piece', () => {
    const pieces = [...jsonPieces(output, 2)]
    const largest = Math.max(...(output.documents as unknown[]).map((d) => JSON.stringify(d, null, 2).length))
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(largest * 1.5 + 100)
  })

  it('writes JSON Lines: a header, then one typed record per line', () => {
    const lines = [...jsonLines(output as never)]
    for (const line of lines) expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true)
    const records = lines.map((l) => JSON.parse(l) as { type: string })
    expect(records[0]?.type).toBe('header')
    expect(records.filter((r) => r.type === 'link')).toHaveLength((output.links as unknown[]).length)
  })

  it('writes pieces to a stream, waiting for it to drain', async () => {
    const { PassThrough } = await import('node:stream')
    const stream = new PassThrough({ highWaterMark: 16 })
    const chunks: string[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()))
    await writePieces(jsonPieces(output, 2), stream)
    stream.end()
    expect(chunks.join('')).toBe(JSON.stringify(output, null, 2))
  })
})
