/**
 * The similarity stage: features of items and of pairs of items, and one calibrated score.
 *
 * Every feature of a pair is between 0 (nothing in common) and 1 (the same). Functions accept
 * precomputed features (`ItemFeatures`) so that a corpus is analysed once.
 */
export type { CorpusFeatures, FeatureOptions, ItemFeatures, PackedFeatures } from './features.js'
export {
  analyzeItem,
  buildFeatures,
  entriesOf,
  extendFeatures,
  MENTION_PROFILE,
  packFeatures,
  splitSentences,
  unpackFeatures,
  vectorOf,
} from './features.js'
export type { ScoreWeights } from './score.js'
export {
  bestSentencePair,
  cosine,
  FEATURE_NAMES,
  headingSimilarity,
  linkProbability,
  loadScoreWeights,
  pairFeatures,
  pairScore,
  roundScore,
  scoreFeatures,
  scoreForProbability,
  scoreItems,
  sharedTerms,
  strongestSharedTerm,
  vectorCosines,
  weightedJaccard,
} from './score.js'
export type { SparseVector } from './sparse.js'
export { cosineSparse, dotRange } from './sparse.js'
