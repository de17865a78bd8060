/**
 * Repeated text. Scrapers that pass over a page twice repeat sentences and whole paragraphs, and may
 * interleave the passes. The first copy is kept; later copies become `duplicate` regions.
 */
import type { Piece } from './pieces.js'

/** Sentences shorter than this (in letters, without punctuation) may repeat legitimately. */
const MIN_KEY = 10

/** A comparison key: letters and digits only. */
export function pieceKey(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]/gu, '')
}

/**
 * Marks duplicates: a long piece seen before is a duplicate; a short one (a 责任单位 clause, a short
 * heading) only when it repeats inside a run of duplicates, since short clauses repeat legitimately
 * (every item of a city plan may end with the same 责任单位).
 * Returns, for each duplicate piece, the index of its first copy.
 */
export function findDuplicates(
  text: string,
  pieces: Piece[],
  skip: (piece: Piece) => boolean,
): Map<number, number> {
  const firstByKey = new Map<string, number>()
  const duplicateOf = new Map<number, number>()
  let previousWasDuplicate = false
  for (const piece of pieces) {
    if (piece.kind === 'blank' || piece.kind === 'boilerplate') continue
    if (skip(piece)) {
      previousWasDuplicate = false
      continue
    }
    const key = pieceKey(text.slice(piece.start, piece.end))
    if (key === '') continue
    const first = firstByKey.get(key)
    // 责任单位 clauses repeat legitimately whatever their length: only a run of duplicates takes them.
    const isLong = piece.kind !== 'clause' && key.length >= MIN_KEY
    if (first !== undefined && (isLong || previousWasDuplicate)) {
      duplicateOf.set(piece.index, first)
      previousWasDuplicate = true
      continue
    }
    if (first === undefined) firstByKey.set(key, piece.index)
    previousWasDuplicate = false
  }
  // A short piece right before a run of duplicates that repeats the piece before that run's first
  // copy belongs to the run too (…（责任单位：…）then a repeated paragraph).
  for (const piece of pieces) {
    if (duplicateOf.has(piece.index) || piece.kind === 'blank' || piece.kind === 'boilerplate' || skip(piece))
      continue
    const next = nextContent(pieces, piece.index)
    if (next === null || !duplicateOf.has(next)) continue
    const key = pieceKey(text.slice(piece.start, piece.end))
    const first = firstByKey.get(key)
    const nextFirst = duplicateOf.get(next) as number
    if (first !== undefined && first !== piece.index && nextContent(pieces, first) === nextFirst) {
      duplicateOf.set(piece.index, first)
    }
  }
  // A scraper repeats runs of text or whole paragraphs; one sentence said again in the middle of new
  // text is the author's own repetition (a plan may restate a task inside a 重点工程 box) and stays.
  const isolated = [...duplicateOf.keys()].filter((index) => {
    const piece = pieces[index] as Piece
    const previous = previousContent(pieces, index)
    const next = nextContent(pieces, index)
    const nextPiece = next === null ? null : (pieces[next] as Piece)
    const wholeLine = piece.startsLine && (nextPiece === null || nextPiece.line !== piece.line)
    return (
      !wholeLine &&
      (previous === null || !duplicateOf.has(previous)) &&
      (next === null || !duplicateOf.has(next))
    )
  })
  for (const index of isolated) duplicateOf.delete(index)
  return duplicateOf
}

function previousContent(pieces: Piece[], index: number): number | null {
  for (let i = index - 1; i >= 0; i--) {
    const p = pieces[i] as Piece
    if (p.kind !== 'blank' && p.kind !== 'boilerplate') return i
  }
  return null
}

function nextContent(pieces: Piece[], index: number): number | null {
  for (let i = index + 1; i < pieces.length; i++) {
    const p = pieces[i] as Piece
    if (p.kind !== 'blank' && p.kind !== 'boilerplate') return i
  }
  return null
}
