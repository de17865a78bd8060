import { expectArrayOf, expectOptions, isTokenList } from '../arguments.js'

/**
 * Corpus statistics over token lists: stopwords learned from document frequency, and TF-IDF keywords
 * per item for explanations and labels.
 */

/** Ascending by string, the tie-break everywhere here so that output never depends on input order. */
function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Number of documents each token occurs in. */
function documentFrequency(documents: readonly (readonly string[])[]): Map<string, number> {
  const df = new Map<string, number>()
  for (const tokens of documents) for (const token of new Set(tokens)) df.set(token, (df.get(token) ?? 0) + 1)
  return df
}

export interface LearnStopwordsOptions {
  /** Share of documents a token must occur in, in (0, 1]; default 0.25. */
  minShare?: number
  /** And at least this many documents; default 3 (so a tiny corpus learns nothing by accident). */
  minDocuments?: number
  /** Return at most this many; default all. */
  max?: number
}

/**
 * Tokens that occur in many documents (or items) of a corpus: the policy verbs and fillers every item
 * uses (建设, 推进, 提升). Sorted by document frequency, most frequent first, then by string.
 *
 * @example learnStopwords(items.map((item) => tokenize(item.text, segmenter, lexicon)))
 */
export function learnStopwords(
  documents: readonly (readonly string[])[],
  options: LearnStopwordsOptions = {},
): string[] {
  expectArrayOf(documents, 'learnStopwords', 'an array of token arrays', isTokenList)
  expectOptions(options, 'learnStopwords')
  const minShare = options.minShare ?? 0.25
  const minDocuments = options.minDocuments ?? 3
  const needed = Math.max(minDocuments, Math.ceil(minShare * documents.length))
  const learned = [...documentFrequency(documents)]
    .filter(([, count]) => count >= needed)
    .sort(([a, countA], [b, countB]) => countB - countA || byString(a, b))
    .map(([token]) => token)
  return options.max === undefined ? learned : learned.slice(0, options.max)
}

export interface ComputeKeywordsOptions {
  /** Keywords per item; default 5. */
  top?: number
  /** Shortest keyword, in characters; default 2 (single characters make poor labels). */
  minLength?: number
}

/**
 * The top TF-IDF tokens of each item against the corpus of all items given: term frequency in the
 * item times `ln((1 + N) / (1 + df)) + 1` (smoothed, so a token in every item still counts a little).
 * Ties go to the earlier string, so the output is deterministic.
 *
 * @returns one keyword list per item, in input order, best first.
 */
export function computeKeywords(
  itemsTokens: readonly (readonly string[])[],
  options: ComputeKeywordsOptions = {},
): string[][] {
  expectArrayOf(itemsTokens, 'computeKeywords', 'an array of token arrays', isTokenList)
  expectOptions(options, 'computeKeywords')
  const top = options.top ?? 5
  const minLength = options.minLength ?? 2
  const df = documentFrequency(itemsTokens)
  const n = itemsTokens.length
  return itemsTokens.map((tokens) => {
    const counts = new Map<string, number>()
    for (const token of tokens)
      if ([...token].length >= minLength) counts.set(token, (counts.get(token) ?? 0) + 1)
    const total = tokens.length || 1
    return [...counts]
      .map(([token, count]) => ({
        token,
        score: (count / total) * (Math.log((1 + n) / (1 + df.get(token)!)) + 1),
      }))
      .sort((a, b) => b.score - a.score || byString(a.token, b.token))
      .slice(0, top)
      .map(({ token }) => token)
  })
}
