import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { evaluateAlignment, type GoldThreads } from '../src/align/evaluate.js'
import {
  type AlignResult,
  align,
  featuresOf,
  parseDecisions,
  relateDocuments,
  relatedDocuments,
} from '../src/align/index.js'
import { buildThreads } from '../src/align/threads.js'
import { PlanCascadeError } from '../src/errors.js'
import type { Evidence, Link, PlanDocument } from '../src/model/index.js'
import { loadCorpus } from '../src/pipeline/index.js'
import { buildReport, toCsv } from '../src/report/index.js'
import {
  linkProbability,
  loadScoreWeights,
  pairFeatures,
  pairScore,
  roundScore,
  scoreFeatures,
  scoreItems,
} from '../src/similarity/index.js'

let documents: PlanDocument[]
let result: AlignResult
const doc = (id: string) => documents.find((d) => d.id === id) as PlanDocument
const key = (l: Pick<Link, 'source' | 'target'>) => `${l.source} -> ${l.target}`

beforeAll(() => {
  documents = loadCorpus('seeds').documents
  result = align(documents)
})

describe('relations between documents', () => {
  it.each([
    ['fujian-2019', 'fuzhou-2019', 'cascade', 'fujian-2019'],
    ['fuzhou-2019', 'fujian-2019', 'cascade', 'fujian-2019'],
    ['fuzhou-2019', 'fuzhou-2025', 'evolution', 'fuzhou-2019'],
    ['fuzhou-2025', 'fuzhou-2019', 'evolution', 'fuzhou-2019'],
    ['fuzhou-2019', 'xiamen-2022', 'peer', 'fuzhou-2019'],
    ['fuzhou-2025', 'cangshan-2022', 'cascade', 'fuzhou-2025'],
    ['fujian-2019', 'cangshan-2022', 'other', 'fujian-2019'],
    ['fuzhou-2019', 'cangshan-2022', 'other', 'fuzhou-2019'],
  ])('%s and %s: %s, from %s', (a, b, relation, source) => {
    const related = relateDocuments(doc(a), doc(b))
    expect(related.relation).toBe(relation)
    expect(related.source.id).toBe(source)
  })

  it.each([
    [2020, true],
    [2021, true],
    [2022, false],
  ])('compares a city’s 2019 report with its province’s report of %i in full: %s', (year, related) => {
    // a province reports weeks after its cities, or the year after: within the cascade gap of two
    // years its report answers the same goals although the years of the two do not overlap
    const province = { ...doc('fujian-2019'), id: `fujian-${year}`, year, period: { from: year, to: year } }
    expect(relatedDocuments([doc('fuzhou-2019'), province])).toEqual(related ? [[0, 1]] : [])
  })
})

describe('links', () => {
  it('explains every link: score and features in [0, 1], shared terms, a summary in words', () => {
    expect(result.links.length).toBeGreaterThan(20)
    for (const link of result.links) {
      expect(link.score).toBeGreaterThanOrEqual(0)
      expect(link.score).toBeLessThanOrEqual(1)
      for (const value of Object.values(link.evidence.features)) {
        expect(value).toBeGreaterThanOrEqual(0)
        expect(value).toBeLessThanOrEqual(1)
      }
      expect(link.evidence.summary.length).toBeGreaterThan(10)
      expect(link.source.split('#')[0]).not.toBe(link.target.split('#')[0])
    }
  })

  it('computes a link’s evidence when read: the JSON of evidence computed from its two items, equal on every read', () => {
    const corpus = featuresOf(documents)
    const eager = result.links.map((l) => {
      const from = corpus.byId.get(l.source)
      const to = corpus.byId.get(l.target)
      if (!from || !to) throw new Error(`no features for ${key(l)}`)
      // a plain value, as the links held it before: the summary worded, every list copied
      const evidence = JSON.parse(JSON.stringify(scoreItems(from, to, corpus).evidence)) as Evidence
      return { ...l, evidence }
    })
    expect(JSON.stringify(result.links, null, 2)).toBe(JSON.stringify(eager, null, 2))
    for (const link of result.links) {
      const first = link.evidence
      expect(first.summary.length).toBeGreaterThan(10)
      expect(link.evidence).toEqual(first)
      expect(Object.keys(link)).toContain('evidence')
      expect({ ...link }.evidence).toEqual(first)
    }
    // assigning stores the value: later reads return it
    const copy = { ...(result.links[0] as Link) }
    const link = result.links[0] as Link
    const held = link.evidence
    Object.defineProperty(
      copy,
      'evidence',
      Object.getOwnPropertyDescriptor(link, 'evidence') as PropertyDescriptor,
    )
    copy.evidence = { ...held, summary: 'reviewed' }
    expect(copy.evidence.summary).toBe('reviewed')
    expect(copy.evidence).toBe(copy.evidence)
  })

  it('shares one frozen change list per distinct list and one frozen empty figure list between links', () => {
    const byChanges = new Map<string, Link['changes']>()
    let empty: Link['targetChanges'] | undefined
    for (const link of result.links) {
      expect(Object.isFrozen(link.changes)).toBe(true)
      const seen = byChanges.get(link.changes.join(' '))
      if (seen) expect(link.changes).toBe(seen)
      else byChanges.set(link.changes.join(' '), link.changes)
      if (link.targetChanges.length > 0) continue
      expect(Object.isFrozen(link.targetChanges)).toBe(true)
      empty ??= link.targetChanges
      expect(link.targetChanges).toBe(empty)
    }
    expect(byChanges.size).toBeGreaterThan(1)
    expect(byChanges.size).toBeLessThan(result.links.length / 2)
    expect(empty).toBeDefined()
    expect(() => (result.links[0] as Link).changes.push('same')).toThrow(TypeError)
  })

  it('writes the CSV tables of computed evidence as of held evidence, reading each link’s evidence once for the links and review tables', () => {
    const held = result.links.map((l) => ({
      ...l,
      evidence: JSON.parse(JSON.stringify(l.evidence)) as Evidence,
    }))
    // align's links behind one counting accessor, shared by all as the scorer's descriptor is
    const computed = Object.getOwnPropertyDescriptor(result.links[0], 'evidence')?.get as () => Evidence
    expect(computed).toBeTypeOf('function')
    const original = new Map<Link, Link>()
    const reads = new Map<Link, number>()
    const counting: PropertyDescriptor = {
      enumerable: true,
      get(this: Link): Evidence {
        reads.set(this, (reads.get(this) ?? 0) + 1)
        return computed.call(original.get(this))
      },
    }
    const counted = result.links.map((l) => {
      const copy = { ...l }
      Object.defineProperty(copy, 'evidence', counting)
      original.set(copy, l)
      return copy
    })
    const csv = toCsv(buildReport(documents, { ...result, links: counted }))
    expect(csv).toEqual(toCsv(buildReport(documents, { ...result, links: held })))
    // links.csv reads each once and review.csv takes the summary from its rows; the feature columns
    // read one link of the scorer
    for (const link of counted.slice(1)) expect(reads.get(link)).toBe(1)
  })

  it('links the 5G base-station tasks of Fuzhou 2025 and Xiamen 2022, with the shared metric as evidence', () => {
    const link = result.links.find(
      (l) =>
        key(l) === 'fuzhou-2025#2.3 -> xiamen-2022#[5].1' ||
        key(l) === 'xiamen-2022#[5].1 -> fuzhou-2025#2.3',
    )
    expect(link).toBeDefined()
    expect(link?.relation).toBe('peer')
    expect(link?.evidence.sharedMetrics).toContain('5g-base-stations')
  })

  it('names the clause of each item where the goal is matched, as a span of the item’s text', () => {
    const text = new Map(documents.flatMap((d) => d.items.map((i) => [i.id, i.text])))
    let named = 0
    for (const link of result.links) {
      const evidence = link.evidence
      // no pair of clauses shares a term exactly when the best clause pair scores 0
      expect(evidence.clauses === null, key(link)).toBe(evidence.features.sentence === 0)
      if (!evidence.clauses) continue
      named++
      for (const [id, [start, end]] of [
        [link.source, evidence.clauses.source],
        [link.target, evidence.clauses.target],
      ] as const) {
        const clause = (text.get(id) as string).slice(start, end)
        expect(end).toBeGreaterThan(start)
        expect(clause).toBe(clause.trim())
        expect(clause).not.toMatch(/[。；;！？，：\n]/)
      }
    }
    expect(named).toBeGreaterThan(result.links.length * 0.9)
    // a paragraph of several goals and figures links to the 5G one through its 5G clause
    const fiveG = result.links.find((l) => key(l) === 'fuzhou-2019#2.3 -> fuzhou-2025#2.3') as Link
    const clauses = fiveG.evidence.clauses as NonNullable<Evidence['clauses']>
    expect((text.get(fiveG.source) as string).length).toBeGreaterThan(100)
    const sourceClause = (text.get(fiveG.source) as string).slice(...clauses.source)
    expect(sourceClause).toContain('5G基站')
    expect((text.get(fiveG.target) as string).slice(...clauses.target)).toContain('5G基站')
    // the CSV's links table carries the two clauses' text
    const linksCsv = toCsv(buildReport(documents, result))['links.csv']
    expect(linksCsv).toContain('shared_units,source_clause,target_clause,summary')
    expect(linksCsv).toContain(`,${sourceClause},`)
  })

  it('gives each link a probability from its score by the shipped calibration, rising with the score', () => {
    const weights = loadScoreWeights()
    const table = weights.calibration as Array<[number, number]>
    expect(table.length).toBeGreaterThan(5)
    table.slice(1).forEach(([score, p], k) => {
      expect(score).toBeGreaterThanOrEqual((table[k] as [number, number])[0])
      expect(p).toBeGreaterThan((table[k] as [number, number])[1])
      expect(p).toBeLessThanOrEqual(1)
    })
    const byScore = [...result.links].sort((a, b) => a.score - b.score)
    byScore.forEach((link, k) => {
      expect(link.probability).toBe(linkProbability(link.score, weights))
      if (k > 0)
        expect(link.probability).toBeGreaterThanOrEqual((byScore[k - 1] as Link).probability as number)
    })
    expect(JSON.parse(JSON.stringify(result.links[0])).probability).toBe(result.links[0]?.probability)
  })

  it('keeps, asked for links at a probability, exactly the links of a full run that reach it', () => {
    const confident = align(documents, { minProbability: 0.8 })
    const expected = result.links.filter((l) => (l.probability as number) >= 0.8).map(key)
    expect(expected.length).toBeGreaterThan(50)
    expect(expected.length).toBeLessThan(result.links.length)
    expect(confident.links.map(key)).toEqual(expected)
    const weights = { ...loadScoreWeights() }
    delete weights.calibration
    expect(() => align(documents, { minProbability: 0.8, weights })).toThrow(PlanCascadeError)
    expect(align(documents, { weights }).links[0]?.probability).toBeNull()
  })

  it('says what changed per target: Fuzhou’s 5G stock of 2019 and flow of 2025 are not compared', () => {
    const link = result.links.find((l) => key(l) === 'fuzhou-2019#2.3 -> fuzhou-2025#2.3')
    expect(link?.relation).toBe('evolution')
    // 建成5G基站3000个以上 (all stations) -> 新建5G基站3200个 (new ones): neither raised nor lowered.
    const stations = link?.targetChanges.find((c) => c.key === '5g-base-stations')
    expect(stations).toMatchObject({
      change: 'incomparable',
      delta: null,
      kindChange: ['level', 'increment'],
    })
    expect(link?.changes).not.toContain('target-raised')
    expect(link?.changes).not.toContain('target-lowered')
    // The density target is new in 2025.
    expect(link?.targetChanges.find((c) => c.key === '5g-density')?.change).toBe('added')
    expect(link?.changes).toContain('target-added')
  })

  it('keeps, from the candidate index, at least 99% of the links that comparing all pairs makes', () => {
    const exhaustive = align(documents, { exhaustive: true })
    const kept = new Set(result.links.map(key))
    const found = exhaustive.links.filter((l) => kept.has(key(l))).length
    expect(found / exhaustive.links.length).toBeGreaterThanOrEqual(0.99)
    // and no link the exhaustive run would not make: what the index adds is what it loses elsewhere
    expect(result.links.length).toBeLessThanOrEqual(exhaustive.links.length)
  })

  it('keeps a weak link only when both items rank each other first towards the other’s document', () => {
    const base = align(documents, { mutual: false })
    const mutual = align(documents, { mutual: { rank: 1, strong: 1.01 } })
    const all = new Set(base.links.map(key))
    expect(mutual.links.length).toBeGreaterThan(0)
    expect(mutual.links.length).toBeLessThan(base.links.length)
    const docOf = (id: string) => id.split('#')[0] as string
    const best = new Map<string, number>()
    for (const l of base.links)
      for (const [item, other] of [
        [l.source, l.target],
        [l.target, l.source],
      ] as const) {
        const k = `${item}|${docOf(other)}`
        best.set(k, Math.max(best.get(k) ?? 0, l.score))
      }
    for (const l of mutual.links) {
      expect(all.has(key(l))).toBe(true)
      expect(l.score).toBe(best.get(`${l.source}|${docOf(l.target)}`))
      expect(l.score).toBe(best.get(`${l.target}|${docOf(l.source)}`))
    }
  })

  it('gives the same output for the same input', () => {
    expect(JSON.stringify(align(documents))).toBe(JSON.stringify(result))
  })

  it('empties the analyses it is given when told to consume them, and links the same', () => {
    const corpus = loadCorpus('seeds')
    const items = corpus.documents.reduce((n, d) => n + d.items.length, 0)
    expect(corpus.analyses.size).toBe(items)
    const consumed = align(corpus.documents, { analyses: corpus.analyses, consumeAnalyses: true })
    expect(corpus.analyses.size).toBe(0)
    expect(JSON.stringify(consumed)).toBe(JSON.stringify(result))
  })

  it('matches one to one when asked (at most one link per item and document pair)', () => {
    const oneToOne = align(documents, { mode: 'one-to-one' })
    const seen = new Set<string>()
    for (const l of oneToOne.links) {
      for (const [item, other] of [
        [l.source, l.target],
        [l.target, l.source],
      ]) {
        const k = `${item}|${other?.split('#')[0]}`
        expect(seen.has(k), k).toBe(false)
        seen.add(k)
      }
    }
  })
})

describe('the score of a pair', () => {
  it('is the same to the last bit through pairScore as through the full features; under a floor only when it is under it', () => {
    const corpus = featuresOf(documents)
    const weights = loadScoreWeights()
    const floor = weights.threshold
    let pairs = 0
    let under = 0
    let skipped = 0
    for (let i = 0; i < corpus.items.length; i++)
      for (let j = i + 1; j < corpus.items.length; j++) {
        const a = corpus.items[i] as (typeof corpus.items)[number]
        const b = corpus.items[j] as (typeof corpus.items)[number]
        if (a.docId === b.docId) continue
        const full = roundScore(scoreFeatures(pairFeatures(a, b, corpus), weights))
        expect(pairScore(a, b, corpus, weights)).toBe(full)
        const bounded = pairScore(a, b, corpus, weights, floor)
        if (full >= floor) expect(bounded).toBe(full)
        else {
          expect(bounded).toBeLessThan(floor)
          under++
          if (bounded !== full) skipped++
        }
        pairs++
      }
    // the seeds' pairs are mostly unrelated: most are under the threshold, and for some the sentence
    // match was left out
    expect(pairs).toBeGreaterThan(5000)
    expect(under).toBeGreaterThan(pairs / 2)
    expect(skipped).toBeGreaterThan(0)
  })
})

describe('threads', () => {
  it('groups linked items of several documents, ordered by level then year, with a label', () => {
    expect(result.threads.length).toBeGreaterThan(3)
    for (const thread of result.threads) {
      expect(thread.documents.length).toBeGreaterThanOrEqual(2)
      expect(thread.label.length).toBeGreaterThan(0)
      const levels = thread.items.map((id) => {
        const d = doc(id.split('#')[0] as string)
        return ['national', 'province', 'city', 'district', 'county'].indexOf(d.jurisdiction?.level ?? '')
      })
      expect([...levels].sort((a, b) => a - b)).toEqual(levels)
    }
  })

  it('does not chain two goals together through one weak link', () => {
    const corpus = featuresOf(documents)
    const link = (source: string, target: string, score: number): Link => ({
      source,
      target,
      score,
      probability: null,
      relation: 'other',
      changes: [],
      targetChanges: [],
      evidence: {
        features: {
          tfidf: 0,
          sentence: 0,
          ngram: 0,
          heading: 0,
          topics: 0,
          topicPeak: 0,
          anchor: 0,
          metrics: 0,
          units: 0,
          specific: 0,
          coverage: 0,
        },
        sharedTerms: [],
        sharedTopics: [],
        sharedMetrics: [],
        sharedUnits: [],
        clauses: null,
        summary: '',
      },
      decision: 'machine',
    })
    // two tight groups (5G; data sharing) and one weak link between them
    const links = [
      link('fuzhou-2019#2.3', 'fuzhou-2025#2.3', 0.9),
      link('fuzhou-2025#2.3', 'xiamen-2022#[5].1', 0.9),
      link('fuzhou-2019#2.3', 'xiamen-2022#[5].1', 0.8),
      link('fuzhou-2019#2.7', 'fuzhou-2025#3.6', 0.9),
      link('fuzhou-2025#3.6', 'xiamen-2022#[3].2', 0.9),
      link('fuzhou-2019#2.7', 'xiamen-2022#[3].2', 0.85),
      link('xiamen-2022#[5].1', 'fuzhou-2019#2.7', 0.55),
    ]
    const threads = buildThreads(links, documents, corpus, { threshold: 0.3 })
    expect(threads).toHaveLength(2)
    expect(threads.map((t) => t.items.length)).toEqual([3, 3])
  })
})

describe('decisions of a reviewer', () => {
  it('honours confirm, reject, merge and split, from JSON or the CSV review sheet', () => {
    const rejected = result.links[0] as Link
    const decisions = parseDecisions(
      JSON.stringify([
        { action: 'reject', source: rejected.source, target: rejected.target },
        { action: 'confirm', source: 'fujian-2019#1.(一)', target: 'fuzhou-2025#1.1' },
        { action: 'merge', items: ['fuzhou-2019#3.12', 'xiamen-2022#[1].2.2'] },
      ]),
    )
    const reviewed = align(documents, { decisions })
    expect(reviewed.links.some((l) => key(l) === key(rejected))).toBe(false)
    const confirmed = reviewed.links.find((l) => key(l) === 'fujian-2019#1.(一) -> fuzhou-2025#1.1')
    expect(confirmed?.decision).toBe('confirmed')
    const threadOf = (id: string) => reviewed.threads.find((t) => t.items.includes(id))?.id
    expect(threadOf('fuzhou-2019#3.12')).toBeDefined()
    expect(threadOf('fuzhou-2019#3.12')).toBe(threadOf('xiamen-2022#[1].2.2'))
    expect(
      threadOf(rejected.source) === undefined || threadOf(rejected.source) !== threadOf(rejected.target),
    ).toBe(true)

    const csv = `source,target,score,decision\n${rejected.source},${rejected.target},0.9,reject\nfoo,bar,0.1,\n`
    expect(parseDecisions(csv)).toEqual([
      { action: 'reject', source: rejected.source, target: rejected.target },
    ])
  })

  it('reads back the review sheet of the CSV export once a reviewer has filled in its decision column', () => {
    const sheet = toCsv(buildReport(documents, result))['review.csv']
    const lines = sheet.split('\r\n')
    expect(lines[0]?.replace(/^\ufeff/, '').startsWith('decision,source,target,score')).toBe(true)
    expect(parseDecisions(sheet)).toEqual([])
    lines[1] = `reject${lines[1]}`
    const first = result.links[0] as Link
    expect(parseDecisions(lines.join('\r\n'), 'review.csv')).toEqual([
      { action: 'reject', source: first.source, target: first.target },
    ])
  })

  it('says where a decisions file is wrong', () => {
    expect(() => parseDecisions('action,source,target\nmaybe,a,b\n', 'review.csv')).toThrowError(
      /review\.csv:2:1: expected an action/,
    )
    expect(() => parseDecisions('[{"action":"confirm","source":"a"}]', 'd.json')).toThrowError(
      /^d\.json:1:2: confirm needs a source and a target/,
    )
  })
})

describe('evolution of one jurisdiction', () => {
  it('lists new, dropped and continued goals from Fuzhou 2019 to 2025', () => {
    const pair = result.evolution.find((e) => e.from === 'fuzhou-2019' && e.to === 'fuzhou-2025')
    expect(pair).toBeDefined()
    if (!pair) return
    expect(pair.continued.length).toBeGreaterThan(5)
    const later = new Set(doc('fuzhou-2025').items.map((i) => i.id))
    const continuedTo = new Set(pair.continued.map((c) => c.to))
    for (const id of pair.new) {
      expect(later.has(id)).toBe(true)
      expect(continuedTo.has(id)).toBe(false)
    }
    expect(new Set(pair.continued.map((c) => c.from)).size).toBe(pair.continued.length)
    expect(pair.continued.some((c) => c.from === 'fuzhou-2019#2.3' && c.to === 'fuzhou-2025#2.3')).toBe(true)
  })
})

describe('evaluation against the hand-labelled dev threads', () => {
  it('reaches F1 >= 0.9 with no hard negative linked', () => {
    const gold = JSON.parse(readFileSync('test/fixtures/dev-threads.json', 'utf8')) as GoldThreads
    const evaluation = evaluateAlignment(gold, documents, result)
    expect(evaluation.unmatchedAnchors).toEqual([])
    expect(evaluation.linkedNegatives).toEqual([])
    expect(evaluation.f1).toBeGreaterThanOrEqual(0.9)
  })
})
