/**
 * Where an item's analysed clauses stand in its text. The analysis keeps a clause as its content
 * tokens (normalized, stopwords out, clauses without content left out), which is what matching needs
 * but says nothing of where the clause was; a link's evidence names the clause of each item that
 * states the goal, as offsets into the item's `text`, so those are found once per item here.
 */

import { applySynonyms, type Lexicon } from '../lexicon/index.js'

/**
 * The characters a clause ends at, as they stand before NFKC (the analysis cuts the NFKC text at
 * 。；！？，： and line breaks): full-width, half-width, small and vertical forms.
 */
const CLAUSE_END = /[。｡︒;；﹔︔!！﹗︕?？﹖︖,，﹐︐:：﹕︓\n]/

/** Clauses of a long item looked through for one analysed clause: a bound, not a search of the rest. */
const LOOK_AHEAD = 16

/**
 * The [start, end) of each analysed clause in `text` (two numbers per clause; -1, -1 when it cannot
 * be placed). `clauses` are the analysis's clauses in order, each its tokens. The raw clauses of the
 * text come in the same order, one for one, but for those the analysis dropped (no content token:
 * 同时，) and the responsibility clause it never saw; a raw clause is read as the analysis read it
 * (NFKC, synonyms), and an analysed clause is the next raw clause when that holds half its tokens or
 * when no later one does, else the first later one that does.
 */
export function placeClauses(
  text: string,
  clauses: ReadonlyArray<ReadonlyArray<string>>,
  lexicon: Lexicon,
): Int32Array {
  const raw: Array<[number, number]> = []
  let start = 0
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !CLAUSE_END.test(text.charAt(i))) continue
    let s = start
    let e = i
    while (s < e && /\s/.test(text.charAt(s))) s++
    while (e > s && /\s/.test(text.charAt(e - 1))) e--
    if (e > s) raw.push([s, e])
    start = i + 1
  }
  const spans = new Int32Array(clauses.length * 2).fill(-1)
  const read: Array<string | undefined> = []
  const held = (q: number, tokens: ReadonlyArray<string>) => {
    let t = read[q]
    if (t === undefined) {
      const [s, e] = raw[q] as [number, number]
      t = applySynonyms(text.slice(s, e).normalize('NFKC'), lexicon)
      read[q] = t
    }
    let n = 0
    for (const token of tokens) if (t.includes(token)) n++
    return n
  }
  let next = 0
  clauses.forEach((tokens, k) => {
    if (next >= raw.length) return
    const half = Math.max(1, tokens.length / 2)
    const here = held(next, tokens)
    let at = here >= half ? next : -1
    for (let q = next + 1; at < 0 && q < raw.length && q < next + LOOK_AHEAD; q++)
      if (held(q, tokens) >= half) at = q
    if (at < 0 && here > 0) at = next
    if (at < 0) return
    const [s, e] = raw[at] as [number, number]
    spans[2 * k] = s
    spans[2 * k + 1] = e
    next = at + 1
  })
  return spans
}
