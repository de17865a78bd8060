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
const CLAUSE_ENDS = /[。｡︒;；﹔︔!！﹗︕?？﹖︖,，﹐︐:：﹕︓\n]/g

/** White space at a clause's ends (ASCII, ideographic, no-break). */
const isSpace = (code: number) =>
  code === 32 || code === 9 || code === 10 || code === 13 || code === 0x3000 || code === 0xa0

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
  const push = (from: number, to: number) => {
    let s = from
    let e = to
    while (s < e && isSpace(text.charCodeAt(s))) s++
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--
    if (e > s) raw.push([s, e])
  }
  let start = 0
  CLAUSE_ENDS.lastIndex = 0
  for (let m = CLAUSE_ENDS.exec(text); m; m = CLAUSE_ENDS.exec(text)) {
    push(start, m.index)
    start = m.index + 1
  }
  push(start, text.length)
  const spans = new Int32Array(clauses.length * 2).fill(-1)
  // a raw clause is read as the analysis read it (NFKC, synonyms) only when its own characters do
  // not hold the tokens: most clauses hold them as they are, and normalizing every one cost a
  // quarter of the features stage
  const read: Array<string | undefined> = []
  const count = (t: string, tokens: ReadonlyArray<string>) => {
    let n = 0
    for (const token of tokens) if (t.includes(token)) n++
    return n
  }
  const held = (q: number, tokens: ReadonlyArray<string>, half: number) => {
    const [s, e] = raw[q] as [number, number]
    const plain = count(text.slice(s, e), tokens)
    if (plain >= half) return plain
    let t = read[q]
    if (t === undefined) {
      t = applySynonyms(text.slice(s, e).normalize('NFKC'), lexicon)
      read[q] = t
    }
    return Math.max(plain, count(t, tokens))
  }
  let next = 0
  clauses.forEach((tokens, k) => {
    if (next >= raw.length) return
    const half = Math.max(1, tokens.length / 2)
    const here = held(next, tokens, half)
    let at = here >= half ? next : -1
    for (let q = next + 1; at < 0 && q < raw.length && q < next + LOOK_AHEAD; q++)
      if (held(q, tokens, half) >= half) at = q
    if (at < 0 && here > 0) at = next
    if (at < 0) return
    const [s, e] = raw[at] as [number, number]
    spans[2 * k] = s
    spans[2 * k + 1] = e
    next = at + 1
  })
  return spans
}
