/**
 * npm run fit: fits the weights of the link score on the hand-labelled item pairs of the seeds
 * (test/fixtures/pairs-labelled.json: same = 1; related, different = 0) and writes
 * data/align-weights.json.
 *
 * Model: logistic regression on the pair features (each in [0, 1]) with an L2 penalty, fitted by
 * full-batch projected gradient descent from zero (deterministic); weights are kept non-negative, since
 * every feature is a similarity and more of it should never lower the score. The threshold is the one that maximises F1 of
 * the cross-validated predictions (5 folds, pairs assigned to folds by a hash of their ids), so the
 * figures printed and stored are out-of-fold, not on the pairs the weights were fitted to.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { findCandidates } from '../src/align/candidates.js'
import { featuresOf } from '../src/align/index.js'
import type { LinkFeatures } from '../src/model/index.js'
import { loadCorpus } from '../src/pipeline/index.js'
import { FEATURE_NAMES, pairFeatures } from '../src/similarity/index.js'

interface LabelledPair {
  a: string
  b: string
  label: 'same' | 'related' | 'different'
}

const L2 = 0.001
const UNLABELLED_WEIGHT = 0.5
const STEPS = 4000
const RATE = 0.5
const FOLDS = 5

const corpus = loadCorpus('seeds')
const features = featuresOf(corpus.documents)
const { pairs } = JSON.parse(readFileSync('test/fixtures/pairs-labelled.json', 'utf8')) as {
  pairs: LabelledPair[]
}

interface Row {
  /** The two documents of the pair. */
  docs: [string, string]
  x: number[]
  y: number
  /** Weight in the loss: 1 for a labelled pair, UNLABELLED_WEIGHT for an unlabelled candidate. */
  weight: number
  fold: number
  label: LabelledPair['label'] | 'unlabelled'
}

const toRow = (p: LabelledPair | { a: string; b: string; label: 'unlabelled' }): Row => {
  const a = features.byId.get(p.a)
  const b = features.byId.get(p.b)
  if (!a || !b) throw new Error(`unknown item in the labelled pairs: ${a ? p.b : p.a}`)
  const f: LinkFeatures = pairFeatures(a, b, features)
  return {
    docs: [a.docId, b.docId],
    x: FEATURE_NAMES.map((name) => f[name]),
    y: p.label === 'same' ? 1 : 0,
    weight: p.label === 'unlabelled' ? UNLABELLED_WEIGHT : 1,
    fold: foldOf(p),
    label: p.label,
  }
}

const labelled = new Set(pairs.map((p) => [p.a, p.b].sort().join('|')))
// The labellers read every item's plausible counterparts in each other document, so a candidate pair
// they left out is taken as not the same goal. Without these, the fit would see the population of
// candidates as 59% positive, when most candidate pairs in a corpus are not the same goal.
const unlabelled = findCandidates(features)
  .map(([i, j]) => [features.items[i]?.id as string, features.items[j]?.id as string] as const)
  .filter(([a, b]) => !labelled.has([a, b].sort().join('|')))
  .map(([a, b]) => ({ a, b, label: 'unlabelled' as const }))
const rows: Row[] = [...pairs.map(toRow), ...unlabelled.map(toRow)]

function foldOf(p: { a: string; b: string }): number {
  const key = [p.a, p.b].sort().join('|')
  return (createHash('sha256').update(key).digest()[0] as number) % FOLDS
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
  const fitted = fitStandardized(data)
  const w = fitted.w.map((v, k) => v / (sd[k] as number))
  const bias = fitted.bias - w.reduce((sum, v, k) => sum + v * (mean[k] as number), 0)
  return { bias, w }
}

function fitStandardized(data: Row[]): { bias: number; w: number[] } {
  let bias = 0
  const w = FEATURE_NAMES.map(() => 0)
  const n = data.reduce((sum, r) => sum + r.weight, 0)
  for (let step = 0; step < STEPS; step++) {
    let gBias = 0
    const g = w.map(() => 0)
    for (const { x, y, weight } of data) {
      const p = predict(bias, w, x)
      const e = (p - y) * weight
      gBias += e
      x.forEach((v, k) => {
        g[k] = (g[k] as number) + e * v
      })
    }
    bias -= (RATE * gBias) / n
    w.forEach((v, k) => {
      // projected: every feature is a similarity, so more of it may never lower the score
      w[k] = Math.max(0, v - RATE * ((g[k] as number) / n + L2 * v))
    })
  }
  return { bias, w }
}

function predict(bias: number, w: number[], x: number[]): number {
  let z = bias
  x.forEach((v, k) => {
    z += (w[k] as number) * v
  })
  return 1 / (1 + Math.exp(-z))
}

// out-of-fold predictions
const outOfFold: Array<{ p: number; y: number; label: string; weight: number }> = []
for (let fold = 0; fold < FOLDS; fold++) {
  const model = fitModel(rows.filter((r) => r.fold !== fold))
  for (const r of rows.filter((r) => r.fold === fold))
    outOfFold.push({ p: predict(model.bias, model.w, r.x), y: r.y, label: r.label, weight: r.weight })
}

/** Precision, recall and F1 of the out-of-fold predictions; `population` counts unlabelled candidates as negatives. */
function metricsAt(threshold: number, population = true) {
  let tp = 0
  let fp = 0
  let fn = 0
  let relatedLinked = 0
  for (const r of outOfFold) {
    if (!population && r.label === 'unlabelled') continue
    const linked = r.p >= threshold
    if (linked && r.y === 1) tp += r.weight
    else if (linked) {
      fp += r.weight
      if (r.label === 'related') relatedLinked++
    } else if (r.y === 1) fn += r.weight
  }
  const precision = tp / Math.max(1, tp + fp)
  const recall = tp / Math.max(1, tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { threshold, precision, recall, f1, relatedLinked }
}

let best = metricsAt(0.5)
for (let t = 0.05; t <= 0.951; t += 0.01) {
  const m = metricsAt(Math.round(t * 100) / 100)
  if (m.f1 > best.f1 + 1e-9) best = m
}

const onLabelled = metricsAt(best.threshold, false)
if (process.argv.includes('--curve')) {
  for (let t = 0.1; t <= 0.61; t += 0.05) {
    const c = metricsAt(Math.round(t * 100) / 100)
    const l = metricsAt(Math.round(t * 100) / 100, false)
    process.stdout.write(
      `threshold ${t.toFixed(2)}  candidates P ${c.precision.toFixed(3)} R ${c.recall.toFixed(3)} F1 ${c.f1.toFixed(3)}  labelled P ${l.precision.toFixed(3)} F1 ${l.f1.toFixed(3)}\n`,
    )
  }
}

// AUC of the out-of-fold predictions on the labelled pairs
const positives = outOfFold.filter((r) => r.y === 1).map((r) => r.p)
const negatives = outOfFold.filter((r) => r.y === 0 && r.label !== 'unlabelled').map((r) => r.p)
let wins = 0
for (const p of positives) for (const q of negatives) wins += p > q ? 1 : p === q ? 0.5 : 0
const auc = wins / Math.max(1, positives.length * negatives.length)

// Leave one document out: fitted without any pair touching a document, scored on that document's
// pairs. This is the honest figure for documents the model has never seen.
const heldOut: Array<{ p: number; y: number; label: string }> = []
for (const doc of [...new Set(rows.flatMap((r) => r.docs))].sort()) {
  const model = fitModel(rows.filter((r) => !r.docs.includes(doc)))
  for (const r of rows.filter((r) => r.docs.includes(doc) && r.label !== 'unlabelled'))
    heldOut.push({ p: predict(model.bias, model.w, r.x), y: r.y, label: r.label })
}
const heldOutAt = (threshold: number) => {
  const tp = heldOut.filter((r) => r.p >= threshold && r.y === 1).length
  const fp = heldOut.filter((r) => r.p >= threshold && r.y === 0).length
  const fn = heldOut.filter((r) => r.p < threshold && r.y === 1).length
  const precision = tp / Math.max(1, tp + fp)
  const recall = tp / Math.max(1, tp + fn)
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  }
}
const leaveOneOut = heldOutAt(best.threshold)

const model = fitModel(rows)
const round = (x: number) => Math.round(x * 1000) / 1000
const out = {
  about:
    'Weights of the link score: a logistic model over the pair features, fitted by scripts/fit-weights.ts (npm run fit) on hand-labelled item pairs of the seeds, with the candidate pairs the labellers left out taken as negatives. Figures are out-of-fold (5-fold cross-validation). Refit after changing features, the lexicon or the taxonomy.',
  fit: {
    labelledPairs: pairs.length,
    same: positives.length,
    relatedOrDifferent: negatives.length,
    unlabelledCandidates: unlabelled.length,
    unlabelledWeight: UNLABELLED_WEIGHT,
    source: 'test/fixtures/pairs-labelled.json',
    method: `logistic regression on standardized features, weights kept non-negative, L2 ${L2}, projected gradient descent ${STEPS} steps`,
    crossValidated: {
      aucOnLabelledPairs: round(auc),
      candidates: { precision: round(best.precision), recall: round(best.recall), f1: round(best.f1) },
      labelledPairs: {
        precision: round(onLabelled.precision),
        recall: round(onLabelled.recall),
        f1: round(onLabelled.f1),
        relatedPairsLinked: onLabelled.relatedLinked,
      },
      leaveOneDocumentOut: {
        precision: round(leaveOneOut.precision),
        recall: round(leaveOneOut.recall),
        f1: round(leaveOneOut.f1),
      },
    },
  },
  bias: round(model.bias),
  weights: Object.fromEntries(FEATURE_NAMES.map((name, k) => [name, round(model.w[k] as number)])),
  threshold: best.threshold,
}
writeFileSync('data/align-weights.json', `${JSON.stringify(out, null, 2)}\n`)
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
