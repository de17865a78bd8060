/**
 * Cutting the normalized text into pieces: the smallest runs the parser classifies. A line is cut
 * before every label (also inside one long line: scraped pages run items together), around
 * responsibility clauses and inline boilerplate, and after every sentence end, so that repeated
 * sentences can be found one by one.
 */

import type { BoilerplateRule } from './boilerplate.js'
import { findInlineBoilerplate, matchBoilerplateLine } from './boilerplate.js'
import type { LabelMatch } from './labels.js'
import { matchLabel } from './labels.js'
import type { LongParagraph } from './layouts.js'

export type PieceKind = 'text' | 'label' | 'clause' | 'boilerplate' | 'blank'

export interface Piece {
  /** Index in the piece list. */
  index: number
  kind: PieceKind
  /** `[start, end)` in the normalized text; line breaks are not part of any piece. */
  start: number
  end: number
  /** 0-based line number. */
  line: number
  /** True for the first piece of its line. */
  startsLine: boolean
  /** The label, for kind 'label' (the piece then runs from the label to the end of its sentence). */
  label: LabelMatch | null
  /** Boilerplate rule id, for kind 'boilerplate'. */
  rule?: string
  /** Leading spaces of the source line (indentation is a layout cue for boxes). */
  indent: number
  /** True when the piece opens with a layout's sub-item mark (一是, ——) inside a line. */
  subItem?: boolean
}

export interface Line {
  start: number
  end: number
  indent: number
}

/** Splits a text into lines `[start, end)` without their line break. */
export function splitLines(text: string, indents: (lineStart: number) => number): Line[] {
  const lines: Line[] = []
  let start = 0
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      lines.push({ start, end: i, indent: indents(start) })
      start = i + 1
    }
  }
  return lines
}

const OPENERS = '([〔【［'
const CLOSERS = ')]〕】］'
/** Openings of a responsibility clause: (责任单位: 〔牵头责任单位: [责任单位: (牵头单位:… */
const CLAUSE_HEAD =
  /^[([〔【［]\s*(?:牵头责任单位|牵头单位|牵头部门|责任单位|责任部门|主要责任单位|相关责任单位|配合单位|协办单位|实施单位|承办单位)\s*[:：]/

/**
 * Responsibility clauses in a line, as `[start, end)` relative to it. The clause may hold brackets of
 * its own (各县(市)区政府), so the end is found by counting depth, not by the first closer.
 */
export function findClauses(line: string): Array<[number, number]> {
  const found: Array<[number, number]> = []
  for (let i = 0; i < line.length; i++) {
    if (!OPENERS.includes(line[i] as string)) continue
    if (!CLAUSE_HEAD.test(line.slice(i, i + 16))) continue
    let depth = 0
    let end = -1
    for (let j = i; j < line.length; j++) {
      const c = line[j] as string
      if (OPENERS.includes(c)) depth++
      else if (CLOSERS.includes(c)) {
        depth--
        if (depth === 0) {
          end = j + 1
          break
        }
      }
    }
    if (end < 0) end = line.length // an unclosed clause runs to the end of the line
    found.push([i, end])
    i = end - 1
  }
  return found
}

const SENTENCE_END = /[。！？!?]/
const SUB_ITEM_MAY_FOLLOW = /[。；;：:！？!?”]/
const LABEL_MAY_FOLLOW = /[。；;！？!?:：]/

export interface SplitOptions {
  boilerplate: BoilerplateRule[]
  /** Document titles: a title printed inside a line (a notice followed by the plan) is cut out. */
  titles?: string[]
  /** Whole lines that head a part without a number (a layout's part headings: 2023年工作回顾). */
  partHeadings?: RegExp[]
  /** Sticky marks that open a sub-item after a sentence end, a semicolon or a colon (一是, ——). */
  subItems?: RegExp[]
  /** A sentence inside a paragraph that opens a sub-item of its own (优化提升传统产业。实施…). */
  leadSentence?: RegExp | null
  /** A paragraph too long for one item is cut at its sentence ends (a work report's review paragraphs). */
  longParagraph?: LongParagraph | null
  /** The characters before 一 of words ending in 一 (统一, 唯一), from data/layouts.json. */
  beforeOneInWords?: ReadonlySet<string>
}

/** Cuts the text into pieces. */
export function splitPieces(text: string, lines: Line[], options: SplitOptions): Piece[] {
  const pieces: Piece[] = []
  const seenStyles = new Set<string>()
  const push = (
    kind: PieceKind,
    start: number,
    end: number,
    line: number,
    label: LabelMatch | null,
    indent: number,
    rule?: string,
  ) => {
    if (end <= start && kind !== 'blank') return
    const startsLine = pieces.length === 0 || (pieces[pieces.length - 1] as Piece).line !== line
    const piece: Piece = { index: pieces.length, kind, start, end, line, startsLine, label, indent }
    if (rule) piece.rule = rule
    pieces.push(piece)
  }

  const titles = (options.titles ?? []).filter((t) => t.length >= 6)
  const partHeadings = options.partHeadings ?? []
  const subItems = options.subItems ?? []
  const beforeOneInWords = options.beforeOneInWords ?? new Set<string>()
  let partCount = 0
  lines.forEach((line, lineNo) => {
    const content = text.slice(line.start, line.end)
    if (content.trim() === '') {
      push('blank', line.start, line.end, lineNo, null, line.indent)
      return
    }
    const lineRule = matchBoilerplateLine(content, options.boilerplate)
    if (lineRule) {
      push('boilerplate', line.start, line.end, lineNo, null, line.indent, lineRule)
      return
    }
    const trimmed = content.trim()
    if (
      partHeadings.length > 0 &&
      partHeadings.some((p) => p.test(trimmed)) &&
      matchLabel(content, content.length - content.trimStart().length) === null
    ) {
      const indent = content.length - content.trimStart().length
      const label: LabelMatch = { style: 'heading', number: ++partCount, label: '', length: indent }
      push('label', line.start, line.start + content.trimEnd().length, lineNo, label, line.indent)
      return
    }
    const inline = findInlineBoilerplate(content, options.boilerplate)
    const clauses = findClauses(content)
    // By offset, so that each character asks once (finding them in the lists was quadratic on a long
    // line with many clauses); the first of several at one offset wins, as in the lists.
    const inlineAt = new Map<number, (typeof inline)[number]>()
    for (const b of inline) if (!inlineAt.has(b[0])) inlineAt.set(b[0], b)
    const clauseAt = new Map<number, [number, number]>()
    for (const c of clauses) if (!clauseAt.has(c[0])) clauseAt.set(c[0], c)
    const cutEnds = new Set([...clauses.map((c) => c[1]), ...inline.map((b) => b[1])])
    // Cut points inside the line: [offset, kind of the run that starts there].
    let runStart = 0
    let i = 0
    let currentLabel: LabelMatch | null = null
    /** Where the current label's title began, to allow a child label right after a heading. */
    let headingFrom = -1
    let headingStyle: string | null = null
    let pendingSubItem = false
    const flush = (end: number) => {
      if (end > runStart) {
        push(
          currentLabel ? 'label' : 'text',
          line.start + runStart,
          line.start + end,
          lineNo,
          currentLabel,
          line.indent,
        )
        if (pendingSubItem && !currentLabel) (pieces[pieces.length - 1] as Piece).subItem = true
        pendingSubItem = false
      }
      currentLabel = null
      runStart = end
    }
    while (i < content.length) {
      const bp = inlineAt.get(i)
      if (bp) {
        flush(i)
        push('boilerplate', line.start + bp[0], line.start + bp[1], lineNo, null, line.indent, bp[2])
        i = bp[1]
        runStart = i
        headingFrom = -1
        continue
      }
      const clause = clauseAt.get(i)
      if (clause) {
        flush(i)
        push('clause', line.start + clause[0], line.start + clause[1], lineNo, null, line.indent)
        i = clause[1]
        runStart = i
        headingFrom = -1
        continue
      }
      const before = i === 0 ? '' : (content[i - 1] as string)
      // a title printed again starts a piece of its own, never inside a sentence (关于印发…的通知)
      const atBoundary = i === 0 || /[。；;！？!?)）\]】〕]/.test(before) || i === runStart
      const title = atBoundary ? titles.find((t) => content.startsWith(t, i)) : undefined
      if (title && content[i + title.length] !== '》') {
        flush(i)
        push('text', line.start + i, line.start + i + title.length, lineNo, null, line.indent)
        i += title.length
        runStart = i
        headingFrom = -1
        continue
      }
      // 一年来，我们…：一是…；二是…: each run is cut out, to be a sub-item of its own
      if (i > 0 && subItems.length > 0 && SUB_ITEM_MAY_FOLLOW.test(before)) {
        const mark = subItems.some((p) => {
          p.lastIndex = i
          return p.test(content)
        })
        if (mark && !currentLabel) {
          flush(i)
          pendingSubItem = true
        }
      }
      const afterClause = cutEnds.has(i)
      const inHeading = headingFrom >= 0 && i - headingFrom <= 40
      if (i === 0 || LABEL_MAY_FOLLOW.test(before) || afterClause || inHeading) {
        const label = matchLabel(content, i)
        // decimal numbers (1.2) and annexes (附件) are labels only at the start of a line
        const decimal =
          label?.style === 'decimal-2' || label?.style === 'decimal-3' || label?.style === 'annex'
        // 坚持产业第一、制造业立市, “五统一、一开放”: an ordinal (第一) or a word ending in 一 (统一, 唯一)
        // in a heading's words is no label
        const wordInHeading =
          inHeading &&
          !LABEL_MAY_FOLLOW.test(before) &&
          !afterClause &&
          label?.style === 'cn-dun' &&
          (before === '第' || (label.label.startsWith('一') && beforeOneInWords.has(before)))
        const plausible =
          label &&
          !wordInHeading &&
          (!decimal || i === 0) &&
          (i === 0 ||
            label.number === 1 ||
            seenStyles.has(label.style) ||
            (inHeading && label.style !== headingStyle)) &&
          (!inHeading ||
            i === 0 ||
            LABEL_MAY_FOLLOW.test(before) ||
            afterClause ||
            label.style !== headingStyle)
        if (label && plausible) {
          flush(i)
          currentLabel = label
          seenStyles.add(label.style)
          headingFrom = i + label.length
          headingStyle = label.style
          i += label.length
          continue
        }
      }
      const c = content[i] as string
      i++
      if (SENTENCE_END.test(c)) {
        // keep closing quotes and brackets with their sentence (。” 。）), and a run of sentence ends
        // together (？！, a garbled 1?。)
        while (i < content.length && /[”’」』)）。！？!?]/.test(content[i] as string)) i++
        flush(i)
        headingFrom = -1
      }
    }
    flush(content.length)
  })
  if (options.leadSentence) markLeadSentences(text, pieces, options.leadSentence)
  if (options.longParagraph) cutLongParagraphs(text, pieces, options.longParagraph)
  return pieces
}

/**
 * 做强现代化产业体系重要载体。坚持…。优化提升传统产业。实施…1900个。培育壮大新兴产业和未来产业。集中…: a
 * work report runs several tasks into one paragraph, each opened by a short sentence that names it. Such
 * a sentence, after another sentence and before more text of its line, opens a sub-item.
 */
function markLeadSentences(text: string, pieces: Piece[], lead: RegExp): void {
  for (let k = 1; k < pieces.length - 1; k++) {
    const piece = pieces[k] as Piece
    const before = pieces[k - 1] as Piece
    const after = pieces[k + 1] as Piece
    if (piece.kind !== 'text' || piece.startsLine || piece.subItem) continue
    if (before.line !== piece.line || (before.kind !== 'text' && before.kind !== 'label')) continue
    if (after.line !== piece.line || after.kind !== 'text') continue
    if (!pieceEndsSentence(text, before)) continue
    if (lead.test(text.slice(piece.start, piece.end).trim())) piece.subItem = true
  }
}

const QUOTE_OPENERS = '“‘「『(（'
const QUOTE_CLOSERS = '”’」』)）'

/**
 * Quotations and brackets open at a position of a paragraph, counted as the position moves forward
 * (each character once, however many cuts are tried).
 */
class OpenQuotes {
  private at: number
  private open = 0
  constructor(
    private readonly text: string,
    from: number,
  ) {
    this.at = from
  }
  /** How many are open just before `position` (not before the last position asked for). */
  before(position: number): number {
    for (; this.at < position; this.at++) {
      const c = this.text[this.at] as string
      if (QUOTE_OPENERS.includes(c)) this.open++
      else if (QUOTE_CLOSERS.includes(c) && this.open > 0) this.open--
    }
    return this.open
  }
}

/**
 * Whether a piece starts inside a quotation or a bracket: 开展“你好！重庆”推介 has a sentence end in its
 * quote, and a cut there would split the quote. Inside means one is open at the piece's start and the
 * piece closes one before it opens one or ends a sentence, so an opener never closed (a typo) does not
 * hold the rest of the paragraph whole.
 */
function startsInQuote(text: string, piece: Piece, quotes: OpenQuotes): boolean {
  if (quotes.before(piece.start) === 0) return false
  for (let i = piece.start; i < piece.end; i++) {
    const c = text[i] as string
    if (QUOTE_CLOSERS.includes(c)) return true
    if (QUOTE_OPENERS.includes(c) || SENTENCE_END.test(c)) return false
  }
  return false
}

/** Whether a piece's text ends with a sentence end (。！？), closing white space aside. */
function pieceEndsSentence(text: string, piece: Piece): boolean {
  return SENTENCE_END.test(text.slice(piece.start, piece.end).trimEnd().slice(-1))
}

/**
 * 二是加力提速实施“百千万工程”…。推动县域特色、集聚、联动发展，…。开展首批15个…试点，…。: a paragraph of a
 * thousand characters states a task or a result in each sentence. A run of text longer than the layout's
 * maxChars (from a line start, a label or a sub-item to the next) is cut before each sentence, except
 * where the part so far is shorter than minPartChars (a lead sentence keeps the task it names) or the
 * rest of the run is (a closing sentence stays with the last task).
 */
function cutLongParagraphs(text: string, pieces: Piece[], rule: LongParagraph): void {
  const opensRun = (p: Piece) =>
    p.startsLine || p.subItem === true || p.kind === 'label' || p.kind === 'blank'
  let k = 0
  while (k < pieces.length) {
    let end = k + 1
    while (end < pieces.length && !opensRun(pieces[end] as Piece)) end++
    const first = pieces[k] as Piece
    const last = pieces[end - 1] as Piece
    if (first.kind !== 'blank' && last.end - first.start > rule.maxChars) {
      let partStart = first.start
      const quotes = new OpenQuotes(text, first.start)
      for (let j = k + 1; j < end; j++) {
        const piece = pieces[j] as Piece
        const before = pieces[j - 1] as Piece
        if (piece.kind !== 'text' || (before.kind !== 'text' && before.kind !== 'label')) continue
        if (!pieceEndsSentence(text, before)) continue
        if (piece.start - partStart < rule.minPartChars || last.end - piece.start < rule.minPartChars)
          continue
        if (startsInQuote(text, piece, quotes)) continue
        piece.subItem = true
        partStart = piece.start
      }
    }
    k = end
  }
}
