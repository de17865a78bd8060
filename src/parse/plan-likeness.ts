/**
 * Does the text look like a plan at all? A file picked up by mistake (a package.json renamed .txt, a
 * program, an English page, a novel) still parses into "items", so the parse says so with a
 * `not-a-plan` warning: too few Chinese characters (JSON, code, markup: brackets, quotes and
 * operators instead), or neither numbered items nor the vocabulary every plan, report, policy and rule
 * uses (推进, 加强, 完善, 目标, 任务 … counted per thousand Chinese characters; `data/plan-vocabulary.json`).
 *
 * On the development corpus (163 documents and the five seeds) the lowest vocabulary density is 12.6
 * per thousand and the lowest share of Chinese characters 0.74, so the thresholds (4 per thousand,
 * 0.3) leave a wide margin.
 */
import { readDataJson } from '../data-dir.js'
import type { PlanWarning } from '../model/index.js'

interface PlanVocabulary {
  words: string[]
  /** Fewer plan words than this per thousand Chinese characters is "no plan vocabulary". */
  minPerThousand: number
  /** A smaller share of Chinese characters among the visible ones is not Chinese text. */
  minChineseShare: number
  /** A larger share of code punctuation ({}[]();=<>"' …) among the visible characters looks like code or data. */
  minCodeShare: number
  /** Shorter texts (visible characters) are not judged. */
  minCharacters: number
}

let vocabulary: PlanVocabulary | null = null

/** Measures of a text's plan-likeness. */
export interface PlanLikeness {
  /** Share of Chinese (Han) characters among the visible ones, 0 to 1. */
  chineseShare: number
  /** Share of code punctuation among the visible characters, 0 to 1. */
  codeShare: number
  /** Plan words per thousand Chinese characters. */
  vocabularyPerThousand: number
}

/** The measures of a text (visible characters only: white space does not count). */
export function measurePlanLikeness(text: string): PlanLikeness & { visible: number } {
  const words = loadVocabulary().words
  // counted, not matched into arrays: a 50 MB text is 15 million Han characters
  const visible = text.length - countCodePoints(text, /\s+/gu)
  const han = countCodePoints(text, /\p{Script=Han}+/gu)
  const code = countCodePoints(text, /[{}[\]();=<>"'`$\\/#*|&]+/g)
  let hits = 0
  for (const word of words) hits += countOccurrences(text, word)
  return {
    visible,
    chineseShare: visible === 0 ? 0 : han / visible,
    codeShare: visible === 0 ? 0 : code / visible,
    vocabularyPerThousand: han === 0 ? 0 : (hits * 1000) / han,
  }
}

/** Characters (code points) in the runs a global pattern matches. */
function countCodePoints(text: string, runs: RegExp): number {
  let n = 0
  for (const m of text.matchAll(runs)) {
    n += m[0].length
    // a character outside the BMP (𠀀, CJK extension B) is two code units and one character
    for (let i = 0; i < m[0].length; i++) {
      const c = m[0].charCodeAt(i)
      if (c >= 0xdc00 && c <= 0xdfff) n--
    }
  }
  return n
}

/** Non-overlapping occurrences of `word`, as `text.split(word).length - 1` counts them. */
function countOccurrences(text: string, word: string): number {
  if (word === '') return Math.max(0, text.length - 1)
  let n = 0
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) n++
  return n
}

/**
 * A `not-a-plan` warning when the text does not look like a plan, else null. `numberedItems` is
 * whether the parse found numbered items (一、 1. (三) …).
 */
export function checkPlanLikeness(text: string, numberedItems: boolean): PlanWarning | null {
  const limits = loadVocabulary()
  const m = measurePlanLikeness(text)
  if (m.visible < limits.minCharacters) return null
  const percent = (x: number) => `${Math.round(x * 100)}%`
  if (m.chineseShare < limits.minChineseShare) {
    const what =
      m.codeShare >= limits.minCodeShare
        ? `it looks like code or data (JSON, a program, markup): ${percent(m.codeShare)} of its characters are brackets, quotes or operators`
        : 'it is mostly not Chinese text'
    return {
      code: 'not-a-plan',
      message: `this does not look like a plan: only ${percent(m.chineseShare)} of its characters are Chinese and ${what}`,
    }
  }
  if (!numberedItems && m.vocabularyPerThousand < limits.minPerThousand) {
    return {
      code: 'not-a-plan',
      message: `this does not look like a plan: no numbered items, and hardly any plan vocabulary (${m.vocabularyPerThousand.toFixed(1)} words such as 推进, 目标, 任务 per thousand characters; plans have 12 or more)`,
    }
  }
  return null
}

function loadVocabulary(): PlanVocabulary {
  vocabulary ??= readDataJson<PlanVocabulary>('plan-vocabulary.json')
  return vocabulary
}
