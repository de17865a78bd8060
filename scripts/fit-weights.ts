/**
 * npm run fit: fits the link score and the selection settings on every hand-labelled set, reports
 * leave-one-province-out figures, and writes data/align-weights.json.
 *
 * Sets (scripts/labelled-sets.ts) are the folds: 福建 (the seeds' labelled item pairs), 山东, 四川,
 * 江苏 (goal threads labelled by reading the corpus reports). For each fold the model is fitted on the
 * other three and the threshold and `topK` chosen on them; the fold is then aligned with those (the
 * selection replayed exactly as `align` makes it) and scored by item pairs: that is the held-out figure,
 * on documents the fit never saw. The shipped weights are fitted on all four, and each fold's weights
 * are stored too so that `npm run eval` can print the held-out figures beside the shipped ones.
 *
 * Model: logistic regression on the pair features (each in [0, 1]) with an L2 penalty, fitted by
 * full-batch projected gradient descent from zero (deterministic); weights are kept non-negative, since
 * every feature is a similarity and more of it should never lower the score. Rows are the candidate
 * pairs `align` scores whose two items are judged (both hold labelled anchors, or a labelled pair of
 * the seeds); the seeds' unlabelled candidates count as negatives at half weight (the labellers read
 * every plausible counterpart). Each set weighs the same in the loss, whatever its size.
 */
import { writeFileSync } from 'node:fs'
import type { ScoreWeights } from '../src/similarity/index.js'
import { FEATURE_NAMES } from '../src/similarity/index.js'
import {
  type CandidateRow,
  labelledSets,
  type PairScores,
  type PreparedSet,
  prepareSet,
  replayLinks,
  scoreLinks,
} from './labelled-sets.js'

const L2 = 0.001
const UNLABELLED_WEIGHT = 0.5
const STEPS = 3000
const RATE = 0.5
const MAX_LINKS = 10
const TOP_K = [2, 3, 4, 5]

interface Row {
  x: number[]
  y: number
  weight: number
}

function rowsOf(prepared: PreparedSet): Row[] {
  const judged = prepared.rows.filter((r) => r.y !== null || prepared.set.name === 'seeds')
  const weightOf = (r: CandidateRow) => (r.y === null ? UNLABELLED_WEIGHT : 1)
  const total = judged.reduce((sum, r) => sum + weightOf(r), 0)
  // each set weighs 1000 rows in the loss
  return judged.map((r) => ({ x: r.x, y: r.y ?? 0, weight: (1000 * weightOf(r)) / total }))
}

/** Fits on standardized features (better conditioned), then returns weights on the raw features. */
function fitModel(raw: Row[]): { bias: number; w: number[] } {
  const dims = FEATURE_NAMES.length
  const total = raw.reduce((sum, r) => sum + r.weight, 0)
  const mean = Array.from(
    { length: dims },
    (_, k) => raw.reduce((sum, r) => sum + r.weight * (r.x[k] as number), 0) / total,
  )
  const sd = Array.from({ length: dims }, (_, k) => {
    const v =
      raw.reduce((sum, r) => sum + r.weight * ((r.x[k] as number) - (mean[k] as number)) ** 2, 0) / total
    return Math.sqrt(v) || 1
  })
  const data = raw.map((r) => ({ ...r, x: r.x.map((v, k) => (v - (mean[k] as number)) / (sd[k] as number)) }))
  let bias = 0
  const w = FEATURE_NAMES.map(() => 0)
  for (let step = 0; step < STEPS; step++) {
    let gBias = 0
    const g = w.map(() => 0)
    for (const { x, y, weight } of data) {
      let z = bias
      for (let k = 0; k < dims; k++) z += (w[k] as number) * (x[k] as number)
      const e = (1 / (1 + Math.exp(-z)) - y) * weight
      gBias += e
      for (let k = 0; k < dims; k++) g[k] = (g[k] as number) + e * (x[k] as number)
    }
    bias -= (RATE * gBias) / total
    for (let k = 0; k < dims; k++)
      // projected: every feature is a similarity, so more of it may never lower the score
      w[k] = Math.max(0, (w[k] as number) - RATE * ((g[k] as number) / total + L2 * (w[k] as number)))
  }
  const raw_w = w.map((v, k) => v / (sd[k] as number))
  return { bias: bias - raw_w.reduce((sum, v, k) => sum + v * (mean[k] as number), 0), w: raw_w }
}

const round = (x: number) => Math.round(x * 1000) / 1000

function toWeights(model: { bias: number; w: number[] }, threshold = 0.5, topK = 3): ScoreWeights {
  return {
    bias: round(model.bias),
    weights: Object.fromEntries(
      FEATURE_NAMES.map((name, k) => [name, round(model.w[k] as number)]),
    ) as ScoreWeights['weights'],
    threshold,
    topK,
  }
}

/** The threshold and topK with the best mean F1 over the sets (the sets the model was fitted on). */
function chooseSettings(sets: PreparedSet[], weights: ScoreWeights): { threshold: number; topK: number } {
  let best = { threshold: 0.5, topK: 3, f1: -1 }
  for (const topK of TOP_K) {
    for (let t = 4; t <= 60; t += 2) {
      const threshold = t / 100
      const f1 =
        sets.reduce(
          (sum, p) =>
            sum + scoreLinks(p, replayLinks(p, weights, { threshold, topK, maxLinks: MAX_LINKS })).f1,
          0,
        ) / sets.length
      if (f1 > best.f1 + 1e-9) best = { threshold, topK, f1 }
    }
  }
  return { threshold: best.threshold, topK: best.topK }
}

const started = process.cpuUsage()
const prepared = labelledSets().map(prepareSet)
const rowsBySet = new Map(prepared.map((p) => [p.set.name, rowsOf(p)]))

const fitSets = (sets: PreparedSet[]): ScoreWeights => {
  const weights = toWeights(fitModel(sets.flatMap((p) => rowsBySet.get(p.set.name) ?? [])))
  return { ...weights, ...chooseSettings(sets, weights) }
}

const f = (x: number) => x.toFixed(3)
const describe = (s: PairScores) =>
  `P ${f(s.precision)} R ${f(s.recall)} F1 ${f(s.f1)}  hard ${s.hardLinked}/${s.hard}  lost: ${s.lost.notCandidate} not candidates, ${s.lost.belowThreshold} under the threshold, ${s.lost.cut} cut by the selection`

const folds: Record<
  string,
  ScoreWeights & {
    heldOut: { precision: number; recall: number; f1: number; hardLinked: number; hard: number }
  }
> = {}
for (const held of prepared) {
  const weights = fitSets(prepared.filter((p) => p !== held))
  const scores = scoreLinks(
    held,
    replayLinks(held, weights, {
      threshold: weights.threshold,
      topK: weights.topK ?? 3,
      maxLinks: MAX_LINKS,
    }),
    weights,
    weights.threshold,
  )
  process.stdout.write(
    `held out ${held.set.name.padEnd(9)} threshold ${weights.threshold} topK ${weights.topK}  ${describe(scores)}\n`,
  )
  folds[held.set.name] = {
    ...weights,
    heldOut: {
      precision: round(scores.precision),
      recall: round(scores.recall),
      f1: round(scores.f1),
      hardLinked: scores.hardLinked,
      hard: scores.hard,
    },
  }
}
const meanHeldOut = Object.values(folds).reduce((sum, w) => sum + w.heldOut.f1, 0) / prepared.length
process.stdout.write(`leave-one-province-out mean F1 ${f(meanHeldOut)}\n`)

const shipped = fitSets(prepared)
for (const p of prepared)
  process.stdout.write(
    `fitted on all, ${p.set.name.padEnd(9)} (not held out)  ${describe(scoreLinks(p, replayLinks(p, shipped, { threshold: shipped.threshold, topK: shipped.topK ?? 3, maxLinks: MAX_LINKS }), shipped, shipped.threshold))}\n`,
  )

const out = {
  about:
    "Weights of the link score: a logistic model over the pair features, and the link threshold and topK, fitted by scripts/fit-weights.ts (npm run fit) on every hand-labelled set (the seeds of 福建 and the 山东, 四川, 江苏 chains). `folds` holds the weights fitted without each set and that set's held-out item-pair figures (leave one province out). Refit after changing features, the lexicon or the taxonomy.",
  fit: {
    sets: prepared.map((p) => ({
      name: p.set.name,
      rows: (rowsBySet.get(p.set.name) ?? []).length,
      positives: p.positives.size,
    })),
    unlabelledWeight: UNLABELLED_WEIGHT,
    method: `logistic regression on standardized features, weights kept non-negative, L2 ${L2}, projected gradient descent ${STEPS} steps; threshold and topK by the best mean item-pair F1 of the replayed selection on the fitted sets`,
    leaveOneProvinceOutMeanF1: round(meanHeldOut),
  },
  ...shipped,
  folds,
}
writeFileSync('data/align-weights.json', `${JSON.stringify(out, null, 2)}\n`)
process.stdout.write(
  `weights ${JSON.stringify(shipped)}\ncpu ${(process.cpuUsage(started).user / 1e6).toFixed(1)} s\n`,
)
