/**
 * The align and similarity functions of the API with their arguments checked (see `arguments.ts`):
 * the public entry points check what they are given, and these stages' own modules stay as they are
 * while they are being rewritten. Internal callers use the stages directly. Each function here does
 * exactly what the stage's function of the same name does, after the checks.
 */
import * as evaluation from './align/evaluate.js'
import * as alignment from './align/index.js'
import {
  expectAligned,
  expectArgument,
  expectDocument,
  expectDocuments,
  expectLexicon,
  expectOptionalPath,
  expectOptions,
  expectSegmenter,
  isRecord,
} from './arguments.js'
import { byId } from './pipeline/index.js'
import * as similarity from './similarity/index.js'

/** Features of an item, as `buildFeatures` computes them. */
function isItemFeatures(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.docId === 'string' &&
    value.ids instanceof Int32Array &&
    value.weights instanceof Float32Array
  )
}

function expectItemFeatures(value: unknown, fn: string, name: string): void {
  expectArgument(
    isItemFeatures(value),
    fn,
    `${name} to be ItemFeatures (an entry of buildFeatures().items)`,
    value,
  )
}

function expectCorpusFeatures(value: unknown, fn: string): void {
  expectArgument(
    isRecord(value) &&
      Array.isArray(value.items) &&
      value.byId instanceof Map &&
      value.idfById instanceof Float64Array,
    fn,
    'the corpus to be CorpusFeatures (as buildFeatures returns them)',
    value,
  )
}

function expectWeights(value: unknown, fn: string): void {
  expectArgument(
    value === undefined || (isRecord(value) && typeof value.bias === 'number' && isRecord(value.weights)),
    fn,
    'weights to be ScoreWeights (as loadScoreWeights returns them) or left out',
    value,
  )
}

function expectLinkFeatures(value: unknown, fn: string): void {
  expectArgument(
    isRecord(value) && Object.values(value).every((x) => typeof x === 'number'),
    fn,
    'LinkFeatures (as pairFeatures returns them)',
    value,
  )
}

/**
 * Aligns the items of the documents: links, goal threads and evolution pairs (see `align/index.ts`).
 * The result is the same whatever the order of the documents.
 */
export const align: typeof alignment.align = (documents, options) => {
  expectDocuments(documents, 'align')
  expectOptions(options, 'align')
  return alignment.align(byId(documents), options)
}

/** Aligns two documents one-to-one (the pairwise view), whichever is given first. */
export const compare: typeof alignment.compare = (a, b, options) => {
  expectDocument(a, 'compare', 'a')
  expectDocument(b, 'compare', 'b')
  expectOptions(options, 'compare')
  const [first, second] = byId([a, b]) as [typeof a, typeof b]
  return alignment.compare(first, second, options)
}

/** How two documents relate (cascade, evolution, peer, other) and which one is the source. */
export const relateDocuments: typeof alignment.relateDocuments = (a, b) => {
  expectDocument(a, 'relateDocuments', 'a')
  expectDocument(b, 'relateDocuments', 'b')
  return alignment.relateDocuments(a, b)
}

/** Precision, recall and F1 of an alignment against hand-labelled goal threads. */
export const evaluateAlignment: typeof evaluation.evaluateAlignment = (gold, documents, result) => {
  expectArgument(
    isRecord(gold) && Array.isArray(gold.threads),
    'evaluateAlignment',
    'gold threads ({ threads: [{ id, members }] })',
    gold,
  )
  expectDocuments(documents, 'evaluateAlignment')
  expectAligned(result, 'evaluateAlignment', 'the result')
  return evaluation.evaluateAlignment(gold, documents, result)
}

/** The features of every item of the documents, for scoring pairs. */
export const buildFeatures: typeof similarity.buildFeatures = (documents, options) => {
  expectDocuments(documents, 'buildFeatures')
  expectArgument(isRecord(options), 'buildFeatures', 'options { segmenter, lexicon }', options)
  expectSegmenter(options.segmenter, 'buildFeatures')
  expectLexicon(options.lexicon, 'buildFeatures')
  return similarity.buildFeatures(documents, options)
}

/** The features of a pair of items, each between 0 and 1. */
export const pairFeatures: typeof similarity.pairFeatures = (a, b, corpus) => {
  expectItemFeatures(a, 'pairFeatures', 'a')
  expectItemFeatures(b, 'pairFeatures', 'b')
  expectCorpusFeatures(corpus, 'pairFeatures')
  return similarity.pairFeatures(a, b, corpus)
}

/** The link score of a pair's features, between 0 and 1. */
export const scoreFeatures: typeof similarity.scoreFeatures = (features, weights) => {
  expectLinkFeatures(features, 'scoreFeatures')
  expectWeights(weights, 'scoreFeatures')
  return similarity.scoreFeatures(features, weights)
}

/** Score and evidence of a pair of items. */
export const scoreItems: typeof similarity.scoreItems = (a, b, corpus, weights) => {
  expectItemFeatures(a, 'scoreItems', 'a')
  expectItemFeatures(b, 'scoreItems', 'b')
  expectCorpusFeatures(corpus, 'scoreItems')
  expectWeights(weights, 'scoreItems')
  return similarity.scoreItems(a, b, corpus, weights)
}

/** The fitted weights of the link score (data/align-weights.json), or those of a file of yours. */
export const loadScoreWeights: typeof similarity.loadScoreWeights = (file) => {
  expectOptionalPath(file, 'loadScoreWeights')
  return similarity.loadScoreWeights(file)
}
