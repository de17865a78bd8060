/**
 * Sparse vectors as sorted id arrays with parallel weights, compared by a merge (much faster than
 * maps, and a few typed arrays per item instead of a map per vector). An item keeps all its vectors
 * in one pair of arrays, each vector a range `[start, end)` of it.
 */

/** A vector as parallel arrays sorted by id. */
export interface SparseVector {
  ids: Int32Array
  weights: Float32Array
}

/** Dot product of two ranges of sorted sparse arrays. */
export function dotRange(
  aIds: Int32Array,
  aWeights: Float32Array,
  aStart: number,
  aEnd: number,
  bIds: Int32Array,
  bWeights: Float32Array,
  bStart: number,
  bEnd: number,
): number {
  let i = aStart
  let j = bStart
  let sum = 0
  while (i < aEnd && j < bEnd) {
    const x = aIds[i] as number
    const y = bIds[j] as number
    if (x === y) {
      sum += (aWeights[i] as number) * (bWeights[j] as number)
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return sum
}

/** Cosine of two unit sparse vectors, between 0 and 1. */
export function cosineSparse(a: SparseVector, b: SparseVector): number {
  const sum = dotRange(a.ids, a.weights, 0, a.ids.length, b.ids, b.weights, 0, b.ids.length)
  return Math.max(0, Math.min(1, sum))
}

/** Sorted distinct ids of a list with their counts. */
export function countIds(list: ArrayLike<number>): { ids: number[]; counts: number[] } {
  const sorted = Int32Array.from(list).sort()
  const ids: number[] = []
  const counts: number[] = []
  for (let k = 0; k < sorted.length; k++) {
    const id = sorted[k] as number
    if (ids.length > 0 && ids[ids.length - 1] === id)
      counts[counts.length - 1] = (counts[counts.length - 1] as number) + 1
    else {
      ids.push(id)
      counts.push(1)
    }
  }
  return { ids, counts }
}
