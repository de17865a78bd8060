/**
 * The parse stage: normalized text -> a PlanDocument with its section tree, items and regions.
 *
 * Steps: cut the text into pieces (labels, sentences, clauses, boilerplate); set aside the table of
 * contents, flattened tables and repeated text; walk the rest, placing labels in a tree; then turn the
 * tree into sections and items, and every piece into a region.
 */

import { expectArgument, expectOptions, isRecord } from '../arguments.js'
import { PlanCascadeError } from '../errors.js'
import type { FlattenedTable } from '../extract/index.js'
import { parseFlattenedTable } from '../extract/index.js'
import type { SourceText } from '../io/index.js'
import type { DocumentKind, Jurisdiction, Period, PlanDocument, PlanWarning, Span } from '../model/index.js'
import { normalizeText, toSourceSpan } from '../normalize/index.js'
import { loadBoilerplateRules } from './boilerplate.js'
import { markCellRuns, missingLabelWarnings } from './checks.js'
import { findDuplicates, pieceKey } from './dedupe.js'
import { layoutFor, loadLayouts, roleOfTitle } from './layouts.js'
import { inferMetadata } from './metadata.js'
import { type Line, type Piece, splitLines, splitPieces } from './pieces.js'
import { checkPlanLikeness } from './plan-likeness.js'
import { buildRecords, buildRegions, nameInferredSections, summaryParts, tableRowRecord } from './records.js'
import { findTableOfContents } from './toc.js'
import { reparentShuffled } from './tree.js'
import { type PieceRole, walkPieces } from './walk.js'

export { findDivisions, resolveJurisdiction } from './divisions.js'
export { composedTextOf, itemSourceSpan, normalizedTextOf, toItemSourceSpan } from './item-text.js'
export { labelNumber, matchLabel } from './labels.js'
export { inferMetadata } from './metadata.js'

export interface ParseOptions {
  /** Document id; defaults to the file's base name, else `document`. */
  id?: string
  /** Title, overriding the one found in the text. */
  title?: string
  /** Jurisdiction (a name such as 仓山区, or fields), overriding inference. */
  jurisdiction?: string | Partial<Jurisdiction>
  /** Year issued, overriding inference. */
  year?: number
  /** Period, overriding inference. */
  period?: Period
  /** Kind, overriding inference. */
  kind?: DocumentKind
  /** A boilerplate rules file replacing data/boilerplate.json. */
  boilerplateFile?: string
  /** A layouts file replacing data/layouts.json (parts of plans, layouts of genres). */
  layoutsFile?: string
  /** Traditional to simplified conversion (default 'auto'). */
  traditional?: 'auto' | 'always' | 'never'
}

/** Parses a document given as text (or as read by `readSource`). Messy text never throws. */
export function parseDocument(input: string | SourceText, options: ParseOptions = {}): PlanDocument {
  expectArgument(
    typeof input === 'string' || (isRecord(input) && typeof input.text === 'string'),
    'parseDocument',
    'the text, or a SourceText as readSource returns it',
    input,
  )
  expectOptions(options, 'parseDocument')
  const source: SourceText =
    typeof input === 'string' ? { text: input, encoding: 'utf-16', format: 'text', path: null } : input
  const id = options.id ?? (source.path ? baseName(source.path) : 'document')
  if (source.text.trim() === '') {
    throw new PlanCascadeError('empty-input', 'the document has no text', { file: source.path ?? id })
  }
  const normalized = normalizeText(source.text, { traditional: options.traditional ?? 'auto' })
  const text = normalized.text
  const metadata = inferMetadata(text, { ...options, fileName: source.path ?? undefined })
  const lines = splitLines(text, (start) => sourceIndent(source.text, normalized.toSource[start] as number))
  const titleVariants = [metadata.title, metadata.title.replace(/[(（]征求意见稿[)）]$/, '')]
  const layouts = loadLayouts(options.layoutsFile)
  const layout = layoutFor(metadata.kind, layouts)
  const pieces = splitPieces(text, lines, {
    boilerplate: loadBoilerplateRules(options.boilerplateFile),
    titles: titleVariants,
    partHeadings: layout?.partHeadings ?? [],
    subItems: layout?.subItems ?? [],
    leadSentence: layout?.leadSentence ?? null,
    longParagraph: layout?.longParagraph ?? null,
    beforeOneInWords: layouts.beforeOneInWords,
  })

  const fixed = new Map<number, PieceRole>()
  const toc = findTableOfContents(text, lines)
  if (toc) {
    for (const p of pieces)
      if (p.line >= toc.firstLine && p.line <= toc.lastLine) fixed.set(p.index, { kind: 'toc' })
  }
  const tables: FlattenedTable[] = []
  const tableAt = new Map<number, number>()
  for (const p of pieces) {
    if (fixed.has(p.index) || p.kind !== 'label' || p.label?.style !== 'table') continue
    const table = parseFlattenedTable(text, p.start)
    if (!table) continue
    tableAt.set(p.index, tables.length)
    for (const q of pieces) {
      if (q.start >= table.span[0] && q.end <= table.span[1] && q.index !== p.index)
        fixed.set(q.index, { kind: 'table' })
    }
    fixed.set(p.index, { kind: 'table' })
    tables.push(table)
  }

  const cellWarnings = markCellRuns(text, lines, pieces, fixed)

  const duplicateOf = findDuplicates(text, pieces, (p) => fixed.has(p.index))
  const titleKeys = new Set(titleVariants.map(pieceKey))
  titleKeys.delete('')
  const paragraphItems = layout?.paragraphItems ?? false
  let walked = walkPieces({
    text,
    pieces,
    duplicateOf,
    fixed,
    tableAt,
    titleKeys,
    toc,
    startInBody: false,
    paragraphItems,
    formulas: layout?.formulas ?? [],
  })
  const warnings: PlanWarning[] = [...metadata.warnings, ...cellWarnings]
  if (metadata.kind === 'other') {
    warnings.push({
      code: 'unknown-layout',
      message:
        'the document names no genre the parser knows (政府工作报告, 工作要点, 规划, 方案, 意见, 办法 …): it was read with the general rules',
    })
  }
  const notPlan = checkPlanLikeness(text, walked.labelCount > 0)
  if (notPlan) warnings.push(notPlan)
  if (walked.labelCount === 0) {
    warnings.push({
      code: 'no-numbered-items',
      message: 'no numbered items found: each paragraph is taken as an item',
    })
    walked = walkPieces({
      text,
      pieces,
      duplicateOf,
      fixed,
      tableAt,
      titleKeys,
      toc,
      startInBody: true,
      paragraphItems,
      formulas: layout?.formulas ?? [],
    })
  }
  if (walked.outOfOrder) {
    warnings.push({
      code: 'labels-out-of-order',
      message:
        'labels are out of order (the page was probably scraped in pieces); items are returned in label order',
    })
    reparentShuffled(walked.root, pieces)
  }
  warnings.push(...walked.warnings)
  if (duplicateOf.size > 0) {
    warnings.push({
      code: 'duplicate-paragraph',
      message: `${duplicateOf.size} repeated sentences or paragraphs were set aside as duplicates`,
    })
  }
  warnings.push(...missingLabelWarnings(walked.root))

  const built = buildRecords(
    id,
    text,
    pieces,
    walked.root,
    toc?.titles ?? new Map(),
    tables,
    (title) => roleOfTitle(title, layouts, metadata.year),
    paragraphItems,
  )
  nameInferredSections(built.sections, built.items, summaryParts(text, pieces, walked.roles))
  const toSource = (span: Span): Span => toSourceSpan(normalized, span)
  const regions = buildRegions(text, pieces, walked.roles, built, tables, normalized)
  return {
    id,
    source: {
      path: source.path,
      encoding: source.encoding,
      format: source.format,
      convertedFromTraditional: normalized.convertedFromTraditional,
    },
    title: metadata.title,
    issuer: metadata.issuer,
    jurisdiction: metadata.jurisdiction,
    year: metadata.year,
    period: metadata.period,
    kind: metadata.kind,
    sections: built.sections.map((s) => ({ ...s, span: toSource(s.span) })),
    items: built.items.map((item) => ({
      ...item,
      span: toSource(item.span),
      parts: item.parts.map(toSource),
      row: item.row ? { ...item.row, span: toSource(item.row.span) } : null,
    })),
    tables: tables.map((t) => ({
      label: t.label,
      title: t.title,
      span: toSource(t.span),
      rows: t.rows.map((r) => ({ ...tableRowRecord(r), span: toSource(r.span) })),
    })),
    regions,
    // the reader's warnings (replaced characters, mixed encodings) already point into the source
    warnings: [
      ...(source.warnings ?? []),
      ...warnings.map((w) => (w.span ? { ...w, span: toSource(w.span) } : w)),
    ],
    sourceText: source.text,
  }
}

/** Leading spaces of the source line holding `offset` (layout cue: boxes are indented differently). */
function sourceIndent(source: string, offset: number): number {
  let lineStart = offset
  while (lineStart > 0 && source.charCodeAt(lineStart - 1) !== 10) lineStart--
  let n = 0
  while (lineStart + n < source.length && /[ \t\u3000\u00a0]/.test(source[lineStart + n] as string)) n++
  return n
}

function baseName(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path
  return name.replace(/\.(txt|html?|text)$/i, '')
}

export type { Line, Piece }
