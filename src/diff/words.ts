/**
 * Word diffs of Chinese text. A diff at character level is unreadable (规划 -> 计划 shows as 规 -> 计),
 * so texts are cut into words by the segmenter and the word arrays are compared with jsdiff's
 * `diffArrays`. Punctuation stays among the tokens, so that every run reads as a piece of text.
 */
import { diffArrays } from 'diff'
import { expectOptions, expectSegmenter, expectString } from '../arguments.js'
import type { Segmenter } from '../lexicon/index.js'
import type { DiffPart } from '../model/report.js'

export interface DiffWordsOptions {
  /**
   * Fold a short run of shared words caught between two changes into the changes (default true; see
   * `cleanupDiff`): `~~建设~~**打造**的~~平台~~**中心**` reads better as `~~建设的平台~~**打造的中心**`.
   */
  cleanup?: boolean
  /**
   * Most word edits a diff may take (default 1000): two long items that differ almost everywhere would
   * take minutes to diff word by word (jsdiff's cost grows with length times edits). Past it, the
   * texts are diffed sentence by sentence: shared sentences stay, the others show as removed and
   * added. Deterministic, unlike a time limit.
   */
  maxEditLength?: number
}

/** Default `maxEditLength`. */
export const MAX_EDIT_LENGTH = 1000

/** Longest shared run (in characters) the cleanup folds into the changes around it. */
const MAX_MERGED = 2

/** Punctuation, symbols and spaces: they do not count as shared words. */
const NOT_WORD = /[\p{P}\p{S}\p{Z}\s]/gu

/** Number of characters of a text that are words (not punctuation, symbols or spaces). */
export function countWordCharacters(text: string): number {
  return text.replace(NOT_WORD, '').length
}

/**
 * Word diff of two texts: runs of shared, removed and added words, in reading order (within a change,
 * the removed run comes before the added one). Tokens are compared after NFKC folding, so full-width
 * and half-width forms (５Ｇ and 5G) are the same word; a shared run shows the second text's form.
 *
 * @example diffWords('新建5G基站3000个以上', '新建5G基站3200个', segmenter)
 * // [same 新建5G基站, removed 3000个以上, added 3200个]
 */
export function diffWords(
  a: string,
  b: string,
  segmenter: Segmenter,
  options: DiffWordsOptions = {},
): DiffPart[] {
  expectString(a, 'diffWords', 'a')
  expectString(b, 'diffWords', 'b')
  expectSegmenter(segmenter, 'diffWords')
  expectOptions(options, 'diffWords')
  return diffTokens(cutText(a, segmenter), cutText(b, segmenter), options)
}

/** Tokens of a text for diffing: the segmenter's precise cut, punctuation and spaces included. */
export function cutText(text: string, segmenter: Segmenter): string[] {
  return text === '' ? [] : segmenter.cut(text)
}

/** Word diff of two texts already cut into tokens (see `diffWords`). */
export function diffTokens(
  left: readonly string[],
  right: readonly string[],
  options: DiffWordsOptions = {},
): DiffPart[] {
  const maxEditLength = options.maxEditLength ?? MAX_EDIT_LENGTH
  const changes = diffFolded(left, right, maxEditLength) ?? diffSentences(left, right, maxEditLength)
  const parts = orderChanges(
    changes.map((change) => ({
      op: change.added ? 'added' : change.removed ? 'removed' : 'same',
      text: change.value.join(''),
    })),
  )
  return (options.cleanup ?? true) ? cleanupDiff(parts) : parts
}

type Change = { added: boolean; removed: boolean; value: string[] }

/**
 * jsdiff's `diffArrays` of two token lists compared after NFKC folding, or undefined past
 * `maxEditLength` edits. Each token is folded once and numbered (a comparator folding both tokens at
 * every comparison was a third of the report's time), and a pair whose tokens, counted as bags, already
 * differ by more than `maxEditLength` is not diffed at all: an edit script is at least that long
 * (removed + added ≥ n + m − 2 × shared tokens), so jsdiff would give up anyway, after its longest run.
 * The runs are the same as `diffArrays` with a folding comparator gives: shared runs in the second
 * list's form.
 */
function diffFolded(
  left: readonly string[],
  right: readonly string[],
  maxEditLength: number,
): Change[] | undefined {
  const codes = new Map<string, number>()
  const code = (token: string) => {
    const folded = token.normalize('NFKC')
    let k = codes.get(folded)
    if (k === undefined) {
      k = codes.size
      codes.set(folded, k)
    }
    return k
  }
  const a = left.map(code)
  const b = right.map(code)
  const counts = new Int32Array(codes.size)
  for (const k of a) counts[k]!++
  let shared = 0
  for (const k of b) {
    if (counts[k]! > 0) {
      counts[k]!--
      shared++
    }
  }
  if (a.length + b.length - 2 * shared > maxEditLength) return undefined
  const changes = diffArrays(a, b, { maxEditLength })
  if (!changes) return undefined
  let i = 0
  let j = 0
  return changes.map((change) => {
    const n = change.value.length
    if (change.removed) {
      i += n
      return { added: false, removed: true, value: left.slice(i - n, i) }
    }
    j += n
    if (!change.added) i += n
    return { added: Boolean(change.added), removed: false, value: right.slice(j - n, j) }
  })
}

/** A sentence ends after these tokens. */
const SENTENCE_END = /[。；;！？!?\n]$/

/** Tokens joined into sentences, each ending at 。；！？ or a line break. */
function sentencesOf(tokens: readonly string[]): string[] {
  const out: string[] = []
  let sentence = ''
  for (const token of tokens) {
    sentence += token
    if (SENTENCE_END.test(token)) {
      out.push(sentence)
      sentence = ''
    }
  }
  if (sentence !== '') out.push(sentence)
  return out
}

/**
 * The diff of two long, very different texts, sentence by sentence (bounded: texts have far fewer
 * sentences than words); past `maxEditLength` sentence edits too, all removed then all added.
 */
function diffSentences(left: readonly string[], right: readonly string[], maxEditLength: number): Change[] {
  const a = sentencesOf(left)
  const b = sentencesOf(right)
  return (
    diffFolded(a, b, maxEditLength) ?? [
      { added: false, removed: true, value: a },
      { added: true, removed: false, value: b },
    ]
  )
}

/**
 * Share of word characters two texts have in common, between 0 (completely different) and 1 (the same
 * words): 2 × shared / (first + second), punctuation and spaces not counted.
 */
export function diffOverlap(parts: DiffPart[]): number {
  let same = 0
  let first = 0
  let second = 0
  for (const part of parts) {
    const n = countWordCharacters(part.text)
    if (part.op === 'same') same += n
    if (part.op !== 'added') first += n
    if (part.op !== 'removed') second += n
  }
  if (first + second === 0) return 1
  return round((2 * same) / (first + second), 4)
}

/** The first (`'from'`) or second (`'to'`) text of a diff. */
export function diffSide(parts: DiffPart[], side: 'from' | 'to'): string {
  const skip = side === 'from' ? 'added' : 'removed'
  return parts
    .filter((p) => p.op !== skip)
    .map((p) => p.text)
    .join('')
}

/** Within a run of changes, all removed words first, then all added ones; adjacent runs merged. */
function orderChanges(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = []
  let removed = ''
  let added = ''
  const flush = () => {
    if (removed) out.push({ op: 'removed', text: removed })
    if (added) out.push({ op: 'added', text: added })
    removed = ''
    added = ''
  }
  for (const part of parts) {
    if (part.text === '') continue
    if (part.op === 'removed') removed += part.text
    else if (part.op === 'added') added += part.text
    else {
      flush()
      const last = out[out.length - 1]
      if (last?.op === 'same') last.text += part.text
      else out.push({ ...part })
    }
  }
  flush()
  return out
}

/**
 * Semantic cleanup in the manner of diff-match-patch: a shared run of one or two characters no longer
 * than the changes on both of its sides (a lone 的, 、 or 个 between two rewritten phrases) is folded
 * into them, until nothing changes. Longer shared words (5G基站, 公共数据资源) stay as anchors. Both
 * texts read from the diff are unchanged by this.
 */
export function cleanupDiff(input: DiffPart[]): DiffPart[] {
  let parts = input
  for (let guard = 0; guard < 100; guard++) {
    let changed = false
    for (let i = 1; i < parts.length - 1; i++) {
      const part = parts[i]!
      if (part.op !== 'same') continue
      const before = changeLength(parts, i, -1)
      const after = changeLength(parts, i, 1)
      const length = [...part.text].length
      if (before === 0 || after === 0) continue
      if (length <= Math.min(before, after) && length <= MAX_MERGED) {
        parts = [
          ...parts.slice(0, i),
          { op: 'removed', text: part.text },
          { op: 'added', text: part.text },
          ...parts.slice(i + 1),
        ]
        parts = orderChanges(parts)
        changed = true
        break
      }
    }
    if (!changed) break
  }
  return parts
}

/** Characters of the longer side (removed or added) of the change run next to `parts[i]`. */
function changeLength(parts: DiffPart[], i: number, step: 1 | -1): number {
  let removed = 0
  let added = 0
  for (let k = i + step; k >= 0 && k < parts.length; k += step) {
    const part = parts[k]!
    if (part.op === 'same') break
    const n = [...part.text].length
    if (part.op === 'removed') removed += n
    else added += n
  }
  return Math.max(removed, added)
}

function round(value: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
