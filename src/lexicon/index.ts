/**
 * The lexicon stage: a Chinese lexicon made for policy text. A `Segmenter` (jieba, two bindings), the
 * policy dictionary, stopwords, synonyms and topic taxonomy of `data/lexicon`, and what is computed
 * from them: content tokens, topic tags, learned stopwords and TF-IDF keywords.
 */

export type { TextAnalysis } from './analysis.js'
export { analyzeText, bigramsOf, cutPreciseAndSearch, sentencesOf, wordsOf } from './analysis.js'
export { findDataDir, findPackageRoot } from './data-dir.js'
export type { DictionaryEntry } from './dictionary.js'
export { DEFAULT_TERM_FREQ, parseDictionary, readDictionary } from './dictionary.js'
export type { ComputeKeywordsOptions, LearnStopwordsOptions } from './keywords.js'
export { computeKeywords, learnStopwords } from './keywords.js'
export type { Lexicon, LoadLexiconOptions, Topic } from './lexicon.js'
export { lexiconDataDir, loadLexicon, parseTaxonomy, resolveLexicon } from './lexicon.js'
export { isNodejiebaAvailable } from './nodejieba.js'
export type { CreateSegmenterOptions, Segmenter, SegmenterImplementation } from './segmenter.js'
export { createSegmenter } from './segmenter.js'
export type { TokenizeOptions } from './tokens.js'
export { applySynonyms, isContentToken, tokenize } from './tokens.js'
export type { TagTopicsOptions, TopicEvidence } from './topics.js'
export { maskResponsibility, scoreTopics, selectTopics, tagTopics } from './topics.js'
