// Where an item's analysed clauses stand in its text (src/similarity/clauses.ts): a link's evidence
// names the clause of each item where the goal is matched, so every clause must be found, and found
// where its tokens are.
import { describe, expect, it } from 'vitest'
import { featuresOf } from '../src/align/index.js'
import { sentencesOf } from '../src/lexicon/analysis.js'
import { applySynonyms, loadLexicon } from '../src/lexicon/index.js'
import { loadCorpus } from '../src/pipeline/index.js'
import { placeClauses } from '../src/similarity/clauses.js'
import { corpusPath, corpusSkipReason, hasCorpus, readCatalog } from './helpers/corpus.js'

const lexicon = loadLexicon()

describe('placing clauses', () => {
  it('skips a clause without content and the responsibility clause, and reads a clause through the synonyms', () => {
    // the analysis drops 同时 (no content token) and never sees the 责任单位 clause; 电商 is read as
    // 电子商务, the synonym the analysis wrote
    const text = '推进电商平台建设；同时，完善物流配送体系。（责任单位：市商务局）'
    const spans = placeClauses(
      text,
      [
        ['电子', '商务', '电子商务', '平台'],
        ['物流', '配送', '体系'],
      ],
      lexicon,
    )
    expect(text.slice(spans[0], spans[1])).toBe('推进电商平台建设')
    expect(text.slice(spans[2], spans[3])).toBe('完善物流配送体系')
  })

  it('leaves a clause it cannot find unplaced instead of taking a wrong one', () => {
    const spans = placeClauses(
      '推进数字政府建设。',
      [
        ['数字', '政府'],
        ['低空', '经济'],
      ],
      lexicon,
    )
    expect([...spans]).toEqual([0, 8, -1, -1])
  })
})

describe(`placing clauses on the corpus${corpusSkipReason}`, () => {
  it.runIf(hasCorpus)(
    'places every analysed clause of the 山东 reports in a clause of the text holding half of its tokens',
    () => {
      const files = readCatalog()
        .filter((d) => d.file.includes('山东'))
        .map((d) => corpusPath(d.file))
      expect(files.length).toBeGreaterThanOrEqual(7)
      const corpus = loadCorpus(files)
      const analyses = new Map(corpus.analyses)
      const features = featuresOf(corpus.documents, { analyses: corpus.analyses })
      const texts = new Map(corpus.documents.flatMap((d) => d.items.map((i) => [i.id, i.text])))
      let clauses = 0
      let placed = 0
      for (const item of features.items) {
        const text = texts.get(item.id) as string
        sentencesOf(analyses.get(item.id) as NonNullable<ReturnType<typeof analyses.get>>).forEach(
          (tokens, k) => {
            clauses++
            const start = features.clauseSpans[item.clauses + 2 * k] as number
            const end = features.clauseSpans[item.clauses + 2 * k + 1] as number
            if (start < 0) return
            const read = applySynonyms(text.slice(start, end).normalize('NFKC'), lexicon)
            if (tokens.filter((t) => read.includes(t)).length * 2 >= tokens.length) placed++
          },
        )
      }
      expect(clauses).toBeGreaterThan(10_000)
      expect(placed / clauses).toBeGreaterThan(0.999)
    },
    120_000,
  )
})
