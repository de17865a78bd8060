/**
 * The segmenter is a parameter: stages that need words take a `Segmenter`, so tests can pass a fake one
 * and users can bring their own. Two implementations ship: @node-rs/jieba (default) and nodejieba.
 */

import { expectOptions } from '../arguments.js'
import { PlanCascadeError } from '../errors.js'
import { mergeDictionary, readDefaultDictionary } from './dictionary.js'
import { createNodeRsSegmenter } from './node-rs.js'
import { createNodejiebaSegmenter } from './nodejieba.js'

/** Cuts Chinese text into words. */
export interface Segmenter {
  /** Name of the implementation, e.g. `node-rs` or `nodejieba`. */
  readonly name: string
  /** Precise mode: every character in exactly one token, in order; punctuation and spaces included. */
  cut(text: string): string[]
  /** Search mode: precise tokens plus the dictionary words inside long ones (数据要素 -> 数据, 要素, 数据要素). */
  cutForSearch(text: string): string[]
  /** Adds a dictionary word to this segmenter (and to every user of the same cached segmenter). */
  addWord(word: string, freq?: number): void
}

/** Which jieba binding to use. */
export type SegmenterImplementation = 'node-rs' | 'nodejieba'

export interface CreateSegmenterOptions {
  /** `node-rs` (default: prebuilt binaries, faster) or `nodejieba` (optional dependency). */
  implementation?: SegmenterImplementation
  /** Terms to add to the dictionary, e.g. `lexicon.dictionary` or a user's own list. */
  dictionary?: string[]
  /** Load the shipped policy dictionary (data/lexicon/dictionary.txt); default true. */
  policyDictionary?: boolean
  /**
   * Let jieba's HMM guess words missing from the dictionary (卫健委, 锐捷). Default false: with the policy
   * dictionary the guesses add little and include noise (市工|信局), and the two implementations' HMMs
   * differ, while without it both give identical tokens.
   */
  hmm?: boolean
}

const cache = new Map<string, Segmenter>()

/**
 * A jieba segmenter with the policy dictionary loaded. Loading jieba's dictionary takes 0.3 s
 * (node-rs) to 1.5 s (nodejieba), so segmenters are cached per process: the same implementation and
 * dictionary give the same object.
 *
 * @throws PlanCascadeError `bad-option` for an unknown implementation, or nodejieba when not installed.
 */
export function createSegmenter(options: CreateSegmenterOptions = {}): Segmenter {
  expectOptions(options, 'createSegmenter')
  const implementation = options.implementation ?? 'node-rs'
  const policy = options.policyDictionary ?? true
  const extra = [...new Set(options.dictionary ?? [])].sort()
  const hmm = options.hmm ?? false
  const key = JSON.stringify([implementation, policy, hmm, extra])
  const cached = cache.get(key)
  if (cached) return cached
  const entries = mergeDictionary(policy ? readDefaultDictionary() : [], extra)
  let segmenter: Segmenter
  if (implementation === 'node-rs') segmenter = createNodeRsSegmenter(entries, hmm)
  else if (implementation === 'nodejieba') segmenter = createNodejiebaSegmenter(entries, hmm)
  else throw unknownImplementation(implementation)
  cache.set(key, segmenter)
  return segmenter
}

function unknownImplementation(value: never): PlanCascadeError {
  return new PlanCascadeError(
    'bad-option',
    `unknown segmenter implementation '${String(value)}': use 'node-rs' or 'nodejieba'`,
  )
}
