/**
 * Topic tagging: which topics of the taxonomy an item is about, each with a score in [0, 1].
 *
 * Matching is on the text itself, not on tokens, so it needs no segmenter and a keyword need not be a
 * dictionary word. Per topic:
 * 1. responsibility clauses are cut out: 〔牵头责任单位:市卫健委…〕 names who, not what;
 * 2. the topic's `exclude` patterns are masked: 12320 is not the 12345 hotline, 5G手机 is not 5G
 *    network build-out;
 * 3. keywords are matched longest first, each hit masking its span (so 5G基站 does not count 5G
 *    again), then patterns; a keyword inside a longer keyword of another topic does not count
 *    (物联网 in 农业物联网, 掌上办 in 掌上办公); keywords are weighed by specificity: shorter ones and
 *    ones shared by several topics weigh less; patterns weigh like a long keyword;
 * 4. repeated hits add with diminishing returns, hits inside an enumeration (云计算、大数据、物联网等)
 *    count less, hits in the heading count more;
 * 5. the sum becomes a score `1 - exp(-sum)`; a topic is kept when its score reaches the threshold
 *    and, unless its evidence is strong on its own, when it is not far below the item's best topic.
 */

import { AhoCorasick } from '@monyone/aho-corasick'
import { expectArgument, expectLexicon, expectOptions, isRecord } from '../arguments.js'
import { stored } from '../collections.js'
import type { TopicTag } from '../model/index.js'
import type { Lexicon, Topic } from './lexicon.js'
import { lowerAscii } from './tokens.js'

export interface TagTopicsOptions {
  /** Lowest score kept, in [0, 1]; default 0.6 (one specific keyword outside a list). */
  threshold?: number
  /**
   * Weak evidence must also reach this share of the item's best topic's evidence, so that a passing
   * mention does not tag an item that is about something else; default 0.3.
   */
  relativeThreshold?: number
  /** Score from which a topic is kept whatever the best topic's evidence; default 0.9. */
  strongScore?: number
  /** At most this many topics; default 6. */
  max?: number
}

/** Extra weight of a hit in the heading (the lead phrase says what the item is about). */
const HEADING_BONUS = 1.5
/** Weight of a hit inside an enumeration (、-separated, or closed by 等). */
const LIST_FACTOR = 0.4

interface Weighted {
  /** Lower-cased (ASCII) keyword, or a compiled pattern. */
  match: string | RegExp
  weight: number
}

interface CompiledTopic {
  topic: Topic
  /** Keywords longest first, then patterns. */
  matchers: Weighted[]
  exclude: RegExp[]
}

interface CompiledTaxonomy {
  topics: CompiledTopic[]
  /** Every distinct keyword of every topic, found in one pass over a text. */
  automaton: AhoCorasick
  /** Topics listing each keyword, by keyword. */
  owners: Map<string, number[]>
  /**
   * Keywords holding a blank or NUL, the characters masking writes: masking could make such a keyword
   * occur where the text had none, so they are always searched.
   */
  maskSensitive: Set<string>
  /** Length of the longest keyword (see `KeywordSpans.longest`). */
  longestKeyword: number
}

/** A `[start, end)` span of text. */
type Span = [number, number]

const compiled = new WeakMap<Lexicon, CompiledTaxonomy>()

/**
 * How much a keyword says on its own: short Chinese keywords are often parts of other words (城管 in
 * 城管局), while longer ones, terms of the policy dictionary (信创, 算力) and Latin/digit codes (5G,
 * IPv6, 12345) are specific.
 */
function keywordSpecificity(keyword: string, dictionary: ReadonlySet<string>): number {
  if (/[0-9]/.test(keyword) || /^[A-Z]{2,}/.test(keyword) || dictionary.has(keyword)) return 1
  const length = [...keyword].length
  return length >= 4 ? 1 : length === 3 ? 0.85 : 0.6
}

function compileTaxonomy(lexicon: Lexicon): CompiledTaxonomy {
  const cached = compiled.get(lexicon)
  if (cached) return cached
  const taxonomy = lexicon.taxonomy
  const dictionary = new Set(lexicon.dictionary)
  // A keyword listed by several topics tells them apart less well.
  const shared = new Map<string, number>()
  for (const topic of taxonomy) {
    for (const keyword of new Set(topic.keywords.map(lowerAscii)))
      shared.set(keyword, (shared.get(keyword) ?? 0) + 1)
  }
  const result = taxonomy.map((topic) => {
    const keywords = [...new Set(topic.keywords)]
      .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
      .map((keyword) => ({
        match: lowerAscii(keyword),
        weight: keywordSpecificity(keyword, dictionary) / Math.sqrt(shared.get(lowerAscii(keyword))!),
      }))
    const patterns = topic.patterns.map((source) => ({ match: new RegExp(source, 'giu'), weight: 1 }))
    return {
      topic,
      matchers: [...keywords, ...patterns],
      exclude: (topic.exclude ?? []).map((source) => new RegExp(source, 'giu')),
    }
  })
  const owners = new Map<string, number[]>()
  result.forEach(({ matchers }, owner) => {
    for (const match of new Set(matchers.map(({ match }) => match))) {
      if (typeof match === 'string') stored(owners, match, () => []).push(owner)
    }
  })
  const keywords = [...owners.keys()]
  const compiledTaxonomy = {
    topics: result,
    automaton: new AhoCorasick(keywords),
    owners,
    maskSensitive: new Set(keywords.filter((keyword) => keyword.includes(' ') || keyword.includes('\u0000'))),
    longestKeyword: keywords.reduce((m, keyword) => Math.max(m, keyword.length), 0),
  }
  compiled.set(lexicon, compiledTaxonomy)
  return compiledTaxonomy
}

/** Words that open a responsibility clause. */
const RESPONSIBILITY = /责任单位|牵头单位|责任部门|配合单位|牵头部门/g
const OPENERS = '(（〔[［【'
const CLOSERS = ')）〕]］】'

/**
 * Blanks out responsibility clauses — 〔牵头责任单位:市数据管理局;相关责任单位:市工信局…〕 — bracket
 * included, nested brackets (市行政(市民)服务中心) respected; a clause left open runs to the end. Offsets
 * are kept. The brackets are matched in one pass and the text rebuilt once: scanning from each clause
 * and rebuilding the text for each was quadratic on a long line of open clauses.
 */
export function maskResponsibility(text: string): string {
  // closing[i]: offset of the closer matching the opener at i (any bracket kind closes any), or -1
  const closing = new Int32Array(text.length).fill(-1)
  const open: number[] = []
  for (let i = 0; i < text.length; i++) {
    if (OPENERS.includes(text[i]!)) open.push(i)
    else if (CLOSERS.includes(text[i]!) && open.length > 0) closing[open.pop()!] = i
  }
  const masked: Span[] = []
  for (const match of text.matchAll(RESPONSIBILITY)) {
    let start = match.index
    while (start > 0 && !OPENERS.includes(text[start - 1]!) && match.index - start < 4) start--
    if (start === 0 || !OPENERS.includes(text[start - 1]!)) continue
    start--
    const close = closing[start]!
    masked.push([start, close < 0 ? text.length : close + 1])
  }
  return blankSpans(text, masked, ' ')
}

/** `text` with the characters of `spans` (in any order, overlapping or not) replaced by `fill`. */
function blankSpans(text: string, spans: readonly Span[], fill: string): string {
  if (spans.length === 0) return text
  const sorted = [...spans].sort((a, b) => a[0] - b[0])
  let out = ''
  let at = 0
  for (const [start, end] of sorted) {
    if (end <= at) continue
    const from = Math.max(start, at)
    out += text.slice(at, from) + fill.repeat(end - from)
    at = end
  }
  return out + text.slice(at)
}

/** Replaces the matches of `pattern` with spaces, keeping offsets. */
function mask(text: string, pattern: RegExp): string {
  return text.replace(pattern, (found) => ' '.repeat(found.length))
}

/** True when the hit at [start, end) is an element of an enumeration: 云计算、大数据、物联网等. */
function inEnumeration(text: string, start: number, end: number): boolean {
  const before = text[start - 1]
  const after = text[end]
  return before === '、' || after === '、' || (after === '等' && before !== '等')
}

/**
 * Keyword spans of every topic, sorted by start, to ask whether a hit lies inside a longer keyword of
 * another topic with a binary search (a scan of every span for every hit was quadratic in the hits).
 */
interface KeywordSpans {
  starts: Int32Array
  ends: Int32Array
  owners: Int32Array
  /** Length of the longest keyword: a span holding [start, end) starts no earlier than end - longest. */
  longest: number
  /** The keywords that occur in the text. */
  present: ReadonlySet<string>
}

/** True when [start, end) lies inside a strictly longer keyword span of a topic other than `owner`. */
function inLonger(spans: KeywordSpans, owner: number, start: number, end: number): boolean {
  let lo = 0
  let hi = spans.starts.length
  const from = end - spans.longest
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (spans.starts[mid]! < from) lo = mid + 1
    else hi = mid
  }
  for (let k = lo; k < spans.starts.length && spans.starts[k]! <= start; k++) {
    const e = spans.ends[k]!
    if (spans.owners[k] !== owner && end <= e && e - spans.starts[k]! > end - start) return true
  }
  return false
}

/**
 * Finds the hits of one matcher in `text`, masking them in place; returns their spans. Keyword hits
 * inside a longer keyword of another topic are skipped.
 */
function findHits(
  text: { value: string },
  match: string | RegExp,
  foreign: { spans: KeywordSpans; owner: number },
  maskSensitive: ReadonlySet<string>,
): Span[] {
  const hits: Span[] = []
  if (typeof match === 'string') {
    // Masking only blanks characters, so a keyword absent from the unmasked text is absent here too.
    if (!foreign.spans.present.has(match) && !maskSensitive.has(match)) return hits
    let at = text.value.indexOf(match)
    while (at >= 0) {
      if (!inLonger(foreign.spans, foreign.owner, at, at + match.length)) hits.push([at, at + match.length])
      at = text.value.indexOf(match, at + match.length)
    }
  } else {
    for (const found of text.value.matchAll(match)) {
      if (found[0].length > 0) hits.push([found.index, found.index + found[0].length])
    }
  }
  text.value = blankSpans(text.value, hits, '\u0000')
  return hits
}

/**
 * Spans of every keyword of every topic in `text`, sorted by start, found in one pass of the automaton
 * (a search per keyword made 1,100 scans of every item); `present` holds the keywords found.
 */
function keywordSpans(taxonomy: CompiledTaxonomy, text: string): KeywordSpans {
  const all: Array<[number, number, number]> = []
  const present = new Set<string>()
  for (const { begin, end, keyword } of taxonomy.automaton.matchInText(text)) {
    present.add(keyword)
    for (const owner of taxonomy.owners.get(keyword)!) all.push([begin, end, owner])
  }
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2])
  return {
    starts: Int32Array.from(all, (s) => s[0]),
    ends: Int32Array.from(all, (s) => s[1]),
    owners: Int32Array.from(all, (s) => s[2]),
    longest: taxonomy.longestKeyword,
    present,
  }
}

/** The raw (unbounded) evidence for one topic. */
function scoreTopic(
  topic: CompiledTopic,
  body: string,
  heading: string,
  foreign: { body: KeywordSpans; heading: KeywordSpans; owner: number; maskSensitive: ReadonlySet<string> },
): number {
  let excluded = body
  let excludedHeading = heading
  for (const pattern of topic.exclude) {
    excluded = mask(excluded, pattern)
    excludedHeading = mask(excludedHeading, pattern)
  }
  const text = { value: excluded }
  const head = { value: excludedHeading }
  const bodySpans = { spans: foreign.body, owner: foreign.owner }
  const headingSpans = { spans: foreign.heading, owner: foreign.owner }
  let total = 0
  for (const { match, weight } of topic.matchers) {
    const original = text.value
    const hits = findHits(text, match, bodySpans, foreign.maskSensitive)
    if (hits.length > 0) {
      // Repeats add with diminishing returns; hits in an enumeration count less.
      const strength = hits.map(([start, end]) => (inEnumeration(original, start, end) ? LIST_FACTOR : 1))
      // a loop, not Math.max(...strength): a long text has more hits than a call takes arguments
      const best = strength.reduce((m, value) => Math.max(m, value), 0)
      const rest = strength.reduce((sum, value) => sum + value, 0) - best
      total += weight * (best + Math.sqrt(rest) * 0.6)
    }
    if (head.value !== '' && findHits(head, match, headingSpans, foreign.maskSensitive).length > 0)
      total += weight * HEADING_BONUS
  }
  return total
}

/** Raw evidence of one topic on an item (before thresholds): see `scoreTopics`. */
export interface TopicEvidence {
  id: string
  label: string
  /** Unbounded evidence; the score is `1 - exp(-evidence)`. */
  evidence: number
}

/**
 * The raw evidence of every topic with any on an item, in taxonomy order. Tagging with several profiles
 * (the item's own tags, the passing mentions alignment uses) reads this once: `selectTopics`.
 */
export function scoreTopics(item: { heading: string; text: string }, lexicon: Lexicon): TopicEvidence[] {
  const body = lowerAscii(maskResponsibility(item.text.normalize('NFKC')))
  const heading = lowerAscii(item.heading.normalize('NFKC'))
  const taxonomy = compileTaxonomy(lexicon)
  const bodySpans = keywordSpans(taxonomy, body)
  const headingSpans = keywordSpans(taxonomy, heading)
  const out: TopicEvidence[] = []
  taxonomy.topics.forEach((topic, index) => {
    const evidence = scoreTopic(topic, body, heading, {
      body: bodySpans,
      heading: headingSpans,
      owner: index,
      maskSensitive: taxonomy.maskSensitive,
    })
    if (evidence > 0) out.push({ id: topic.topic.id, label: topic.topic.zh, evidence })
  })
  return out
}

/** The tags of an item from its raw evidence (see `tagTopics` for the options). */
export function selectTopics(raw: readonly TopicEvidence[], options: TagTopicsOptions = {}): TopicTag[] {
  const threshold = options.threshold ?? 0.6
  const relative = options.relativeThreshold ?? 0.3
  const max = options.max ?? 6
  const strong = -Math.log(1 - Math.min(options.strongScore ?? 0.9, 0.999))
  const best = raw.reduce((m, { evidence }) => Math.max(m, evidence), 0)
  return raw
    .filter(({ evidence }) => evidence > 0 && (evidence >= strong || evidence >= relative * best))
    .map(({ id, label, evidence }) => ({
      id,
      label,
      score: Math.round((1 - Math.exp(-evidence)) * 1000) / 1000,
    }))
    .filter(({ score }) => score >= threshold)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, max)
}

/**
 * Scores every topic of the lexicon's taxonomy on an item and returns those above the threshold,
 * best first (ties by id). Scores are in [0, 1], rounded to 3 decimals; the result is deterministic.
 *
 * @example tagTopics({ heading: '做大做优12345便民服务平台', text: '做大做优12345便民服务平台。将…热线…' }, lexicon)
 *   // [{ id: 'hotline-12345', label: '12345便民服务热线', score: 0.99 }]
 */
export function tagTopics(
  item: { heading: string; text: string },
  lexicon: Lexicon,
  options: TagTopicsOptions = {},
): TopicTag[] {
  expectArgument(
    isRecord(item) && typeof item.text === 'string' && typeof item.heading === 'string',
    'tagTopics',
    'an item { heading, text }',
    item,
  )
  expectLexicon(lexicon, 'tagTopics')
  expectOptions(options, 'tagTopics')
  return selectTopics(scoreTopics(item, lexicon), options)
}
