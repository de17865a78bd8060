/**
 * npm run calibrate: the score -> probability tables of data/align-weights.json, for its weights as
 * they are (no refit; `npm run fit` writes them too). A kept link's probability of joining two items
 * of one goal is read from its score by isotonic regression on the links the labelled sets judge
 * (scripts/labelled-sets.ts `fitCalibration`); each fold's table leaves its own set out, so that
 * `npm run eval` reports the calibration held out by province.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import type { ScoreWeights } from '../src/similarity/index.js'
import { calibrateWeights, labelledSets, prepareSet } from './labelled-sets.js'

const file = 'data/align-weights.json'
const weights = JSON.parse(readFileSync(file, 'utf8')) as ScoreWeights & {
  about: string
  folds: Record<string, ScoreWeights>
}
const prepared = labelledSets().map((set) => prepareSet(set))
const tables = calibrateWeights(prepared, weights, weights.folds)
weights.calibration = tables.shipped
for (const [name, table] of Object.entries(tables.folds))
  (weights.folds[name] as ScoreWeights).calibration = table
writeFileSync(file, `${JSON.stringify(weights, null, 2)}\n`)
process.stdout.write(
  `calibration: ${tables.shipped.length} points, ${tables.shipped.map(([s, p]) => `${s}→${p}`).join(' ')}\n`,
)
