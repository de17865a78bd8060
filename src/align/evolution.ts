/**
 * New, dropped and continued goals between two documents of one jurisdiction: continued pairs are an
 * optimal one-to-one matching of their links (Hungarian method); an item with no link at all to the
 * other document is new (in the later one) or dropped (from the earlier one).
 */
import { munkres } from 'munkres'
import type { EvolutionPair, Link, PlanDocument } from '../model/index.js'

/** Optimal one-to-one pairs among scored pairs (maximum total score). */
export function matchOneToOne(
  rows: string[],
  cols: string[],
  scores: Map<string, number>,
): Array<[string, string, number]> {
  if (rows.length === 0 || cols.length === 0) return []
  const size = Math.max(rows.length, cols.length)
  // an unscored cell costs 1; the scored pairs are placed by row and column (a key made and looked up
  // per cell was most of the evolution stage)
  const cost = Array.from({ length: size }, () => new Array<number>(size).fill(1))
  const rowOf = new Map(rows.map((id, r) => [id, r]))
  const colOf = new Map(cols.map((id, c) => [id, c]))
  for (const [key, s] of scores) {
    const cut = key.indexOf('\u0000')
    const r = rowOf.get(key.slice(0, cut))
    const c = colOf.get(key.slice(cut + 1))
    if (r !== undefined && c !== undefined) (cost[r] as number[])[c] = 1 - s
  }
  const out: Array<[string, string, number]> = []
  for (const [r, c] of munkres(cost)) {
    if (r >= rows.length || c >= cols.length) continue
    const s = scores.get(`${rows[r]}\u0000${cols[c]}`)
    if (s !== undefined) out.push([rows[r] as string, cols[c] as string, s])
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1))
}

export function evolutionPair(earlier: PlanDocument, later: PlanDocument, links: Link[]): EvolutionPair {
  const from = new Set(earlier.items.map((i) => i.id))
  const to = new Set(later.items.map((i) => i.id))
  const scores = new Map<string, number>()
  for (const l of links) {
    if (from.has(l.source) && to.has(l.target)) scores.set(`${l.source}\u0000${l.target}`, l.score)
    else if (from.has(l.target) && to.has(l.source)) scores.set(`${l.target}\u0000${l.source}`, l.score)
  }
  const linkedFrom = new Set([...scores.keys()].map((k) => k.split('\u0000')[0]))
  const linkedTo = new Set([...scores.keys()].map((k) => k.split('\u0000')[1]))
  const continued = matchOneToOne(
    earlier.items.map((i) => i.id).filter((id) => linkedFrom.has(id)),
    later.items.map((i) => i.id).filter((id) => linkedTo.has(id)),
    scores,
  ).map(([a, b, score]) => ({ from: a, to: b, score }))
  return {
    from: earlier.id,
    to: later.id,
    continued,
    new: later.items.map((i) => i.id).filter((id) => !linkedTo.has(id)),
    dropped: earlier.items.map((i) => i.id).filter((id) => !linkedFrom.has(id)),
  }
}
