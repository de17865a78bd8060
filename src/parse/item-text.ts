/**
 * The text of an item and the way back from it. An item's `text` is its parts joined (label dropped,
 * blank lines folded, ends trimmed); later stages find figures and clauses in that text and need their
 * spans in the source. `itemSourceSpan` rebuilds the item's text exactly as the parser did, from the
 * document alone, so it works on records read back from JSON too.
 */

import { expectDocument, expectItem, expectSpan } from '../arguments.js'
import type { PlanDocument, PlanItem, Span } from '../model/index.js'
import { fromSourceOffset, type NormalizedText, normalizeText } from '../normalize/index.js'
import { matchLabel } from './labels.js'

export interface ComposedText {
  text: string
  /** Normalized-text offset of each character of `text`, plus one past the end. */
  offsets: Int32Array
}

/**
 * Joins the normalized spans of an item into its text, keeping each character's offset. The text is
 * made of slices of the normalized text and the offsets are written into one typed array: a million-
 * character line is one item, and arrays of one-character strings and boxed numbers cost ~40 bytes a
 * character.
 */
export function composeItemText(normalized: string, parts: Span[], labelLength: number): ComposedText {
  let capacity = parts.length
  for (const [start, end] of parts) capacity += Math.max(0, end - start)
  const offsets = new Int32Array(capacity + 1)
  const slices: string[] = []
  let length = 0
  parts.forEach(([start, end], k) => {
    if (k > 0) {
      slices.push('\n')
      offsets[length++] = start
    }
    let previousBreak = false
    let from = k === 0 ? start + labelLength : start
    for (let i = from; i < end; i++) {
      const isBreak = normalized.charCodeAt(i) === 10
      if (isBreak && previousBreak) {
        // blank lines fold into one break
        if (i > from) slices.push(normalized.slice(from, i))
        from = i + 1
        continue
      }
      previousBreak = isBreak
      offsets[length++] = i
    }
    if (end > from) slices.push(normalized.slice(from, end))
  })
  const joined = slices.join('')
  let first = 0
  let last = length
  while (first < last && /\s/.test(joined[first] as string)) first++
  while (last > first && /\s/.test(joined[last - 1] as string)) last--
  const endOffset = last < length ? (offsets[last] as number) : (parts[parts.length - 1]?.[1] ?? 0)
  const kept = offsets.slice(first, last + 1)
  kept[last - first] = last > first ? (offsets[last - 1] as number) + 1 : endOffset
  return { text: first === 0 && last === length ? joined : joined.slice(first, last), offsets: kept }
}

const normalizedCache = new WeakMap<PlanDocument, NormalizedText>()

/** The document's normalized text, rebuilt from its source the way the parser made it (cached). */
export function normalizedTextOf(doc: PlanDocument): NormalizedText {
  let hit = normalizedCache.get(doc)
  if (!hit) {
    hit = normalizeText(doc.sourceText, {
      traditional: doc.source.convertedFromTraditional ? 'always' : 'never',
    })
    normalizedCache.set(doc, hit)
  }
  return hit
}

const composedCache = new WeakMap<PlanItem, ComposedText>()

/** The item's text rebuilt with the normalized offset of every character. */
export function composedTextOf(doc: PlanDocument, item: PlanItem): ComposedText {
  let hit = composedCache.get(item)
  if (hit) return hit
  const normalized = normalizedTextOf(doc)
  const parts: Span[] = item.parts.map(([s, e]) => [
    fromSourceOffset(normalized, s),
    fromSourceOffset(normalized, e),
  ])
  const first = parts[0]
  const labelLength = item.label !== null && first ? (matchLabel(normalized.text, first[0])?.length ?? 0) : 0
  hit = composeItemText(normalized.text, parts, labelLength)
  composedCache.set(item, hit)
  return hit
}

/** Maps a span of `item.text` to a span of the document's source text. */
export function itemSourceSpan(doc: PlanDocument, item: PlanItem, span: Span): Span {
  expectDocument(doc, 'itemSourceSpan')
  expectItem(item, 'itemSourceSpan', 'the item')
  expectSpan(span, 'itemSourceSpan')
  return toItemSourceSpan(doc, item, span)
}

/**
 * `itemSourceSpan` without the argument checks, for the stages that call it once per target of a
 * document they made: checking the whole document at every call made extraction quadratic in the
 * number of items (a 10 MB file spent 77 s there).
 */
export function toItemSourceSpan(doc: PlanDocument, item: PlanItem, span: Span): Span {
  const [start, end] = span
  const composed = composedTextOf(doc, item)
  const normalized = normalizedTextOf(doc)
  const from = composed.offsets[Math.min(start, composed.offsets.length - 1)] as number
  const lastChar = composed.offsets[Math.max(start, Math.min(end, composed.offsets.length - 1) - 1)] as number
  const to = end > start ? lastChar + 1 : from
  return [normalized.toSource[from] as number, normalized.toSource[to] as number]
}
