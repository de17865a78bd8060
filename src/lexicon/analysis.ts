/**
 * One pass over an item's text: everything later stages need from words and topics, computed once
 * (one segmentation, one topic scan) and kept as plain data, so a worker thread can compute it and a
 * cache file can store it.
 */
import type { Lexicon } from './lexicon.js'
import type { Segmenter } from './segmenter.js'
import { applySynonyms, isContentToken } from './tokens.js'
import { scoreTopics, type TopicEvidence } from './topics.js'

/**
 * What an item's text gives: content tokens, sentences, the text bigrams are read from, and topic
 * evidence. Tokens are kept joined in a few flat strings, not as arrays of strings: half a million
 * items' token arrays would take gigabytes (read them with `wordsOf`, `sentencesOf`, `bigramsOf`).
 */
export interface TextAnalysis {
  /** Content tokens of the precise cut (what `tokenize` returns), in order, joined by U+0001. */
  words: string
  /**
   * Content tokens of the search-mode cut (long words with the dictionary words inside them): tokens
   * joined by U+0001, clauses (split at 。；！？，： and line breaks) by U+0002; clauses without
   * content tokens left out.
   */
  sentences: string
  /** The content words with `|` where anything else stood: character bigrams never span a removed word. */
  content: string
  /** Raw evidence of every topic with any (see `scoreTopics`). */
  topics: TopicEvidence[]
}

const TOKEN = '\u0001'
const SENTENCE = '\u0002'

/** Content tokens of the precise cut, in order: keywords. */
export function wordsOf(analysis: TextAnalysis): string[] {
  return analysis.words === '' ? [] : analysis.words.split(TOKEN)
}

/** Content tokens of the search-mode cut, per sentence. */
export function sentencesOf(analysis: TextAnalysis): string[][] {
  return analysis.sentences === '' ? [] : analysis.sentences.split(SENTENCE).map((s) => s.split(TOKEN))
}

/** Character bigrams of the content words, in order. */
export function bigramsOf(analysis: TextAnalysis): string[] {
  const bigrams: string[] = []
  for (const run of analysis.content.split(/[^\p{L}\p{N}]+/u))
    for (let i = 0; i + 1 < run.length; i++) bigrams.push(run.slice(i, i + 2))
  return bigrams
}

/**
 * A clause ends at these tokens (after NFKC: ；！？，： are ; ! ? , :). Work-report sentences list
 * several goals between commas (加快5G基站建设，推进算力中心布局，…), so the best pair of clauses of
 * two items is where one goal is matched, not a long sentence holding three.
 */
const SENTENCE_END = /[。;!?\n,:，：]/

/**
 * The precise and the search-mode cut of a text from one call to the segmenter. jieba's search mode
 * (both bindings) is the precise cut with, before each long word, the dictionary words inside it
 * (数据要素市场 -> 数据, 要素, 市场, 数据要素, 要素市场, 数据要素市场), so the precise words are read
 * back from the end: a token is a precise word when it ends where the words read so far begin. When
 * they do not spell the text (another segmenter), the precise cut is asked for.
 */
export function cutPreciseAndSearch(
  text: string,
  segmenter: Segmenter,
): { precise: string[]; search: string[] } {
  const search = segmenter.cutForSearch(text)
  const precise: string[] = []
  let end = text.length
  for (let k = search.length - 1; k >= 0; k--) {
    const token = search[k] as string
    if (token.length <= end && text.startsWith(token, end - token.length)) {
      precise.push(token)
      end -= token.length
    }
  }
  if (end !== 0) return { precise: segmenter.cut(text), search }
  return { precise: precise.reverse(), search }
}

/**
 * Analyses an item's text (its body without the 责任单位 clause) and heading: the one segmentation and
 * topic scan that tagging, keywords and alignment share. Deterministic for a segmenter and lexicon.
 */
export function analyzeText(
  item: { heading: string; text: string },
  segmenter: Segmenter,
  lexicon: Lexicon,
): TextAnalysis {
  const normalized = applySynonyms(item.text.normalize('NFKC'), lexicon)
  const { precise, search } = cutPreciseAndSearch(normalized, segmenter)
  const isWord = (token: string) => isContentToken(token) && !lexicon.stopwords.has(token)
  const words = precise.filter(isWord)
  const sentences: string[] = []
  let sentence: string[] = []
  for (const token of search) {
    if (isWord(token)) sentence.push(token)
    else if (SENTENCE_END.test(token)) {
      if (sentence.length > 0) sentences.push(sentence.join(TOKEN))
      sentence = []
    }
  }
  if (sentence.length > 0) sentences.push(sentence.join(TOKEN))
  // stopwords and political formulas are cut out before bigrams are taken: the guiding-ideology
  // sentence every plan repeats must not make two items look alike
  const content = precise.map((token) => (isWord(token) ? token : '|')).join('')
  return {
    words: words.join(TOKEN),
    sentences: sentences.join(SENTENCE),
    content: content.replace(/[^\p{L}\p{N}]+/gu, '|'),
    topics: scoreTopics(item, lexicon),
  }
}
