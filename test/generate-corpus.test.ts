// The bench's generated corpora (scripts/generate-corpus.ts): deterministic, one corpus the prefix of
// any larger one (so that sizes compare), and able to reach the sizes the bench asks for: the first
// pass plans some 2,000 documents, and 10,000 once stalled there for ever.
import { describe, expect, it } from 'vitest'
import { generateCorpus } from '../scripts/generate-corpus.js'

// the generator writes a jurisdiction record, never a bare name
const jurisdictionOf = (entry: { jurisdiction?: unknown } | undefined) =>
  entry?.jurisdiction as { name: string; code: string | null } | undefined

describe('generated corpora', () => {
  it('reaches 3,000 documents with unique ids, each with a jurisdiction and a year, the 1,000-document corpus as their start', () => {
    const large = generateCorpus(3000)
    expect(large.documents).toHaveLength(3000)
    const ids = Object.values(large.manifest).map((m) => m.id)
    expect(new Set(ids).size).toBe(3000)
    for (const d of large.documents) {
      const entry = large.manifest[d.name]
      expect(jurisdictionOf(entry)?.name, d.name).toBeTruthy()
      expect(entry?.year, d.name).toBeGreaterThanOrEqual(2018)
    }
    // more divisions than the first pass plans: every city and district of a province, then later years
    const divisions = new Set(Object.values(large.manifest).map((m) => jurisdictionOf(m)?.code))
    expect(divisions.size).toBeGreaterThan(1200)
    const small = generateCorpus(1000)
    expect(large.documents.slice(0, 1000)).toEqual(small.documents)
  }, 60_000)
})
