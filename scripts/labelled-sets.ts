/**
 * The hand-labelled sets shared by `npm run fit` and `npm run eval`, and a fast replay of the
 * alignment's link selection on them.
 *
 * A set is a group of documents with goal threads labelled by reading them: the five seeds of 福建
 * (their labelled item pairs, test/fixtures/pairs-labelled.json, and dev threads) and the three
 * provincial chains of the development corpus (test/fixtures/threads-*.json). Sets are the folds of
 * leave-one-province-out: weights are fitted on three and scored on the fourth.
 *
 * `prepareSet` analyses a set once: features, the candidate pairs `align` would score (the same index,
 * the same related documents) with their feature values, and the gold item pairs. `replayLinks` then
 * applies a score, the threshold and the per-item selection (`LinkSelector`, as `align` does) without
 * analysing the documents again, so a fit can try many weights.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { findCandidateLists, forEachCandidatePair } from '../src/align/candidates.js'
import { type GoldThreads, goldItemPairs } from '../src/align/evaluate.js'
import { featuresOf } from '../src/align/index.js'
import { keepMutual, type MutualOptions } from '../src/align/mutual.js'
import { relatedDocuments, relatedMap } from '../src/align/relation.js'
import { LinkSelector } from '../src/align/select.js'
import type { PlanDocument } from '../src/model/index.js'
import { loadCorpus } from '../src/pipeline/index.js'
import {
  type CorpusFeatures,
  FEATURE_NAMES,
  type ItemFeatures,
  pairFeatures,
  type ScoreWeights,
} from '../src/similarity/index.js'

export interface LabelledSet {
  /** Fold name: `seeds` (福建) or the province. */
  name: string
  gold: GoldThreads & { about?: { documents?: Array<{ doc: string; file: string }> } }
  files: string[]
}

const corpusDir = process.env.PLAN_CASCADE_CORPUS ?? join('..', 'shared', 'corpus')

/** Every labelled set whose documents are present. */
export function labelledSets(log: (line: string) => void = console.log): LabelledSet[] {
  const sets: LabelledSet[] = [
    {
      name: 'seeds',
      gold: JSON.parse(readFileSync('test/fixtures/dev-threads.json', 'utf8')),
      files: ['seeds'],
    },
  ]
  for (const province of ['shandong', 'sichuan', 'jiangsu']) {
    const file = `test/fixtures/threads-${province}.json`
    if (!existsSync(file)) continue
    const gold = JSON.parse(readFileSync(file, 'utf8')) as LabelledSet['gold']
    const files = (gold.about?.documents ?? []).map((d) => join(corpusDir, d.file))
    if (!files.every((f) => existsSync(f))) {
      log(`${province}: skipped, the corpus is not at ${corpusDir}`)
      continue
    }
    sets.push({ name: province, gold, files })
  }
  return sets
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '')

/** The items of `documents` that hold an anchor (NFKC text without white space contains it). */
export function holdersOf(documents: PlanDocument[]) {
  const texts = new Map(documents.map((d) => [d.id, d.items.map((i) => ({ id: i.id, text: fold(i.text) }))]))
  return (doc: string, anchor: string) =>
    (texts.get(doc) ?? []).filter((i) => i.text.includes(fold(anchor))).map((i) => i.id)
}

export const pairKey = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`)

/** A candidate pair with its feature values (in FEATURE_NAMES order). */
export interface CandidateRow {
  a: ItemFeatures
  b: ItemFeatures
  key: string
  x: number[]
  /** 1 gold positive, 0 gold negative, null not judged (an item holds no anchor). */
  y: 1 | 0 | null
  hard: boolean
}

export interface PreparedSet {
  set: LabelledSet
  documents: PlanDocument[]
  corpus: CorpusFeatures
  relatedOf: Map<string, Set<string>>
  rows: CandidateRow[]
  positives: Set<string>
  negatives: Set<string>
  hard: Set<string>
}

/**
 * The seeds' hand-labelled item pairs (test/fixtures/pairs-labelled.json) as gold pairs: `same` a
 * positive; `related` (same topic, another goal) a hard negative; `different` a negative. The labellers
 * read every item's plausible counterparts in each other document, so the seeds are judged by these
 * 889 pairs rather than by their three dev threads.
 */
export function seedPairs(): { positives: Set<string>; negatives: Set<string>; hard: Set<string> } {
  const { pairs } = JSON.parse(readFileSync('test/fixtures/pairs-labelled.json', 'utf8')) as {
    pairs: Array<{ a: string; b: string; label: 'same' | 'related' | 'different' }>
  }
  const positives = new Set<string>()
  const negatives = new Set<string>()
  const hard = new Set<string>()
  for (const p of pairs) {
    const key = pairKey(p.a, p.b)
    if (p.label === 'same') positives.add(key)
    else {
      negatives.add(key)
      if (p.label === 'related') hard.add(key)
    }
  }
  return { positives, negatives, hard }
}

/**
 * Analyses a set once: features, candidates with feature values, gold item pairs (for the seeds, the
 * labelled pairs; a labelled pair the index does not propose can never be linked, and counts as missed).
 */
export function prepareSet(set: LabelledSet): PreparedSet {
  const { documents } = loadCorpus(set.files)
  const corpus = featuresOf(documents)
  const { positives, negatives, hard } =
    set.name === 'seeds' ? seedPairs() : goldItemPairs(set.gold, holdersOf(documents))
  const lists = findCandidateLists(corpus, { related: relatedDocuments(documents) })
  const rows: CandidateRow[] = []
  forEachCandidatePair(lists, (i, j) => {
    const a = corpus.items[i] as ItemFeatures
    const b = corpus.items[j] as ItemFeatures
    const f = pairFeatures(a, b, corpus)
    const key = pairKey(a.id, b.id)
    rows.push({
      a,
      b,
      key,
      x: FEATURE_NAMES.map((name) => f[name]),
      y: positives.has(key) ? 1 : negatives.has(key) ? 0 : null,
      hard: hard.has(key),
    })
  })
  return { set, documents, corpus, relatedOf: relatedMap(documents), rows, positives, negatives, hard }
}

/** The logistic score of a row. */
export function scoreRow(weights: ScoreWeights, x: number[]): number {
  let z = weights.bias
  FEATURE_NAMES.forEach((name, k) => {
    z += (weights.weights[name] ?? 0) * (x[k] as number)
  })
  return Math.round((1 / (1 + Math.exp(-z))) * 10000) / 10000
}

export interface SelectionSettings {
  threshold: number
  topK: number
  maxLinks: number
  /** Mutual best matches under a score (src/align/mutual.ts); none when absent. */
  mutual?: MutualOptions
}

/** The score of every row of a set under some weights, in row order (computed once per weights). */
export function rowScores(prepared: PreparedSet, weights: ScoreWeights): Float64Array {
  return Float64Array.from(prepared.rows, (r) => scoreRow(weights, r.x))
}

/** Links per item towards unrelated documents, as `align`'s default `maxLinks`. */
export const MAX_LINKS = 10

/** The selection `align` makes with some weights: their threshold, topK (3) and mutual policy. */
export function selectionOf(weights: ScoreWeights): SelectionSettings {
  return {
    threshold: weights.threshold,
    topK: weights.topK ?? 3,
    maxLinks: MAX_LINKS,
    ...(weights.mutual ? { mutual: weights.mutual } : {}),
  }
}

/** The links `align` would keep (many-to-many mode), as pair keys. */
export function replayLinks(
  prepared: PreparedSet,
  weights: ScoreWeights,
  settings: SelectionSettings,
  scores: Float64Array = rowScores(prepared, weights),
): Set<string> {
  const items = prepared.corpus.items
  const selector = new LinkSelector(items, {
    topK: settings.topK,
    maxLinks: settings.maxLinks,
    relatedOf: prepared.relatedOf,
  })
  prepared.rows.forEach((r, k) => {
    const score = scores[k] as number
    if (score < settings.threshold) return
    const [from, to] = r.a.id < r.b.id ? [r.a, r.b] : [r.b, r.a]
    selector.add(from.index, to.index, score)
  })
  const selected = selector.selected().map((p) => {
    const from = items[p.from] as ItemFeatures
    const to = items[p.to] as ItemFeatures
    return { source: from.id, target: to.id, score: p.score, from, to }
  })
  const kept = settings.mutual ? keepMutual(selected, settings.mutual) : selected
  return new Set(kept.map((p) => pairKey(p.source, p.target)))
}

export interface PairScores {
  precision: number
  recall: number
  f1: number
  hardLinked: number
  hard: number
  /** Gold positives that no candidate proposed, that scored under the threshold, that the selection cut. */
  lost: { notCandidate: number; belowThreshold: number; cut: number }
}

/** Item-pair precision, recall and F1 of a set of links, and where the missed positives were lost. */
export function scoreLinks(
  prepared: PreparedSet,
  linked: Set<string>,
  weights?: ScoreWeights,
  threshold?: number,
): PairScores {
  let tp = 0
  let fp = 0
  let hardLinked = 0
  for (const key of linked) {
    if (prepared.positives.has(key)) tp++
    else if (prepared.negatives.has(key)) fp++
    if (prepared.hard.has(key)) hardLinked++
  }
  const lost = { notCandidate: 0, belowThreshold: 0, cut: 0 }
  const candidates = new Map(prepared.rows.map((r) => [r.key, r]))
  for (const key of prepared.positives) {
    if (linked.has(key)) continue
    const row = candidates.get(key)
    if (!row) lost.notCandidate++
    else if (weights && threshold !== undefined && scoreRow(weights, row.x) < threshold) lost.belowThreshold++
    else lost.cut++
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp / Math.max(1, prepared.positives.size)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1, hardLinked, hard: prepared.hard.size, lost }
}

/** A kept link the labels judge: its score, and 1 when its two items state one goal, else 0. */
export interface JudgedLink {
  score: number
  y: 0 | 1
}

/** The links `align` would keep on a set under some weights (its threshold, topK, mutual) that the labels judge. */
export function judgedLinks(prepared: PreparedSet, weights: ScoreWeights): JudgedLink[] {
  const scores = rowScores(prepared, weights)
  const kept = replayLinks(prepared, weights, selectionOf(weights), scores)
  const out: JudgedLink[] = []
  prepared.rows.forEach((r, k) => {
    if (kept.has(r.key) && r.y !== null) out.push({ score: scores[k] as number, y: r.y })
  })
  return out
}

/**
 * Score -> probability by isotonic regression (pool adjacent violators): links sorted by score are
 * pooled into blocks until the blocks' shares of right links rise; a point per block, at the middle
 * of its scores. Each set weighs the same, however many links it judges (one province must not set
 * the curve of all). The points rise in both coordinates, so the curve can be read both ways.
 */
export function fitCalibration(perSet: JudgedLink[][]): Array<[number, number]> {
  const weighted = perSet.flatMap((links) => links.map((l) => ({ ...l, w: 1 / Math.max(1, links.length) })))
  weighted.sort((a, b) => a.score - b.score || a.y - b.y)
  const blocks: Array<{ lo: number; hi: number; yw: number; w: number }> = []
  for (const l of weighted) {
    blocks.push({ lo: l.score, hi: l.score, yw: l.y * l.w, w: l.w })
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1] as (typeof blocks)[number]
      const a = blocks[blocks.length - 2] as (typeof blocks)[number]
      if (a.yw / a.w < b.yw / b.w && a.hi < b.lo) break
      blocks.splice(blocks.length - 2, 2, { lo: a.lo, hi: b.hi, yw: a.yw + b.yw, w: a.w + b.w })
    }
  }
  return blocks.map((b) => [
    Math.round(((b.lo + b.hi) / 2) * 10000) / 10000,
    Math.round((b.yw / b.w) * 10000) / 10000,
  ])
}

/** Expected calibration error of probabilities against outcomes (ten bins of equal width), and the bins. */
export function calibrationError(points: Array<{ p: number; y: number }>): {
  error: number
  bins: Array<{ p: number; observed: number; n: number }>
} {
  const bins = Array.from({ length: 10 }, () => ({ p: 0, y: 0, n: 0 }))
  for (const { p, y } of points) {
    const bin = bins[Math.min(9, Math.floor(p * 10))] as (typeof bins)[number]
    bin.p += p
    bin.y += y
    bin.n++
  }
  const error = bins.reduce((e, b) => e + Math.abs(b.p - b.y), 0) / Math.max(1, points.length)
  return {
    error,
    bins: bins.filter((b) => b.n > 0).map((b) => ({ p: b.p / b.n, observed: b.y / b.n, n: b.n })),
  }
}

/**
 * Calibration tables for the shipped weights (fitted on the judged links of every set) and for each
 * fold's weights (on the judged links of the other sets only, so that `npm run eval` measures the
 * calibration on a province the table never saw).
 */
export function calibrateWeights(
  prepared: PreparedSet[],
  shipped: ScoreWeights,
  folds: Record<string, ScoreWeights>,
): { shipped: Array<[number, number]>; folds: Record<string, Array<[number, number]>> } {
  const out: Record<string, Array<[number, number]>> = {}
  for (const [name, weights] of Object.entries(folds)) {
    out[name] = fitCalibration(
      prepared.filter((p) => p.set.name !== name).map((p) => judgedLinks(p, weights)),
    )
  }
  return { shipped: fitCalibration(prepared.map((p) => judgedLinks(p, shipped))), folds: out }
}
