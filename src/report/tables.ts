/**
 * Flat tables of the records for DataFrames, CSV and Parquet: one row per record, one table per record
 * kind, ids joining them (items.doc_id -> documents.id, links.source -> items.id …), the document's
 * jurisdiction, level and year repeated where a row needs them. Cells are strings, numbers or null;
 * lists inside a cell are joined with `; `.
 */
import { expectArgument, expectDocuments, isRecord } from '../arguments.js'
import { diffSide } from '../diff/index.js'
import { SCHEMA_VERSION } from '../model/index.js'
import type { ReportOutput } from '../model/report.js'
import { formatScore, indexReport } from './shared.js'

/** A cell: text, a number, or null for nothing. */
export type FlatCell = string | number | null
/** A row: column name to cell. */
export type FlatRow = Record<string, FlatCell>
/** A table: its columns in order (an empty table keeps them) and its rows. */
export interface FlatTable {
  columns: string[]
  rows: FlatRow[]
}

/** The tables, in the order they are written. */
export const TABLE_NAMES = [
  'documents',
  'items',
  'targets',
  'links',
  'threads',
  'evolution',
  'diffs',
  'targetChanges',
  'fulfilment',
  'review',
] as const
export type TableName = (typeof TABLE_NAMES)[number]
export type FlatTables = Record<TableName, FlatTable>

/** What the tables are made from: the documents, and whatever of the alignment and diffs there is. */
export type TablesInput = Pick<ReportOutput, 'documents'> &
  Partial<Pick<ReportOutput, 'links' | 'threads' | 'evolution' | 'diffs' | 'fulfilment'>>

const LIST = '; '

/** Columns that hold whole numbers (counts, years, offsets); null where unknown. */
const INTEGER_COLUMNS = new Set(
  'year year_from reference_year period_from period_to sections items targets warnings doc_year span_start span_end position'.split(
    ' ',
  ),
)
/** Columns that hold measures (figures, scores, shares); null where unknown. */
const NUMBER_COLUMNS = new Set(
  'value value_max normalized normalized_max score probability overlap from_value to_value delta planned_value planned_value_max achieved_value gap'.split(
    ' ',
  ),
)

/**
 * What a column holds, by its name, the same whatever the data (so that an empty table and a full one
 * have one schema): `integer`, `number` (a measure; every `feature_…` score) or `string`. Lists are
 * joined strings.
 */
export function columnType(column: string): 'integer' | 'number' | 'string' {
  if (INTEGER_COLUMNS.has(column)) return 'integer'
  if (NUMBER_COLUMNS.has(column) || column.startsWith('feature_')) return 'number'
  return 'string'
}

/**
 * The comparator in words: a bare `=` in a cell is a formula to Excel, LibreOffice and Google Sheets,
 * and `>=`, `<=` read as one in some of them. The JSON keeps the symbols.
 */
export const COMPARATOR_WORDS: Record<string, string> = {
  '>=': 'at-least',
  '>': 'more-than',
  '<=': 'at-most',
  '<': 'less-than',
  '=': 'exactly',
  approx: 'about',
  range: 'range',
}

/**
 * The records as flat tables, one row per record, ready for a DataFrame: documents, items, targets (one
 * row per figure, with the document's jurisdiction, level and year: the trajectories in long form),
 * links (with both documents), threads (one row per member), evolution (one row per continued, new or
 * dropped goal), diffs and target changes, and a review sheet of the links. Only `documents` is needed:
 * tables of what is not given are empty (an `analyze` result has no diffs).
 *
 * @example
 * const { targets } = toTables(analyze('seeds/'))
 * targets.rows.filter((r) => r.metric_family === '5g-base-stations') // [{ doc_id, jurisdiction, year, normalized, … }]
 */
export function toTables(report: TablesInput): FlatTables {
  const parts = tablePartsOf(report, 'toTables')
  return Object.fromEntries(
    TABLE_NAMES.map((name) => [name, { columns: parts[name].columns, rows: [...parts[name].rows()] }]),
  ) as FlatTables
}

/** The table parts of a report or an analysis, checked for `caller`: tables of what is not given are empty. */
export function tablePartsOf(report: TablesInput, caller: string): Record<TableName, TablePart> {
  expectArgument(
    isRecord(report) && Array.isArray(report.documents),
    caller,
    'a report or an analysis ({ documents, links?, threads? … })',
    report,
  )
  expectDocuments(report.documents, caller)
  const full: ReportOutput = {
    schemaVersion: SCHEMA_VERSION,
    documents: [...report.documents],
    links: [...(report.links ?? [])],
    threads: [...(report.threads ?? [])],
    evolution: [...(report.evolution ?? [])],
    diffs: [...(report.diffs ?? [])],
    trajectories: [],
    fulfilment: [...(report.fulfilment ?? [])],
  }
  return tableParts(full)
}

/** A table whose rows are made when they are asked for, one at a time where a table grows with the links. */
export interface TablePart {
  columns: string[]
  rows: () => Iterable<FlatRow>
}

/**
 * The tables of a report, each made when it is written: a writer that streams a table holds one
 * table's rows at most, and the links and review tables (a row per link: 600,000 at 1,000 documents)
 * not even that.
 */
export interface TablePartsOptions {
  /**
   * Keep the links table's rows once made, for a second writer of the same tables (CSV, then
   * Parquet): a link's evidence is computed when it is read, and a row per link is cheaper to keep
   * than to compute again. Off, the links table is made anew each time it is asked for.
   */
  keepLinkRows?: boolean
}

export function tableParts(
  report: ReportOutput,
  options: TablePartsOptions = {},
): Record<TableName, TablePart> {
  const index = indexReport(report)
  const documents = (): FlatRow[] =>
    report.documents.map((d) => ({
      id: d.id,
      title: d.title,
      issuer: d.issuer,
      jurisdiction: d.jurisdiction?.name ?? null,
      level: d.jurisdiction?.level ?? null,
      code: d.jurisdiction?.code ?? null,
      parent: d.jurisdiction?.parent ?? null,
      year: d.year,
      period_from: d.period?.from ?? null,
      period_to: d.period?.to ?? null,
      kind: d.kind,
      path: d.source.path,
      encoding: d.source.encoding,
      sections: d.sections.length,
      items: d.items.length,
      targets: d.items.reduce((n, i) => n + i.targets.length, 0),
      warnings: d.warnings.length,
    }))
  const items = (): FlatRow[] =>
    report.documents.flatMap((d) =>
      d.items.map((i) => ({
        id: i.id,
        doc_id: d.id,
        jurisdiction: d.jurisdiction?.name ?? null,
        level: d.jurisdiction?.level ?? null,
        year: d.year,
        path: i.path,
        label: i.label,
        kind: i.kind,
        section_path: i.sectionPath.join(' > '),
        heading: i.heading,
        text: i.text,
        responsible_lead: i.responsible?.lead.join(LIST) ?? null,
        responsible_related: i.responsible?.related.join(LIST) ?? null,
        topic: i.topics[0]?.id ?? null,
        topics: i.topics.map((t) => t.id).join(LIST),
        topic_labels: i.topics.map((t) => t.label).join(LIST),
        keywords: i.keywords.join(LIST),
        targets: i.targets.length,
        threads: (index.threadsOfItem.get(i.id) ?? []).join(LIST),
      })),
    )
  const targets = (): FlatRow[] =>
    report.documents.flatMap((d) =>
      d.items.flatMap((i) =>
        i.targets.map((t) => ({
          doc_id: d.id,
          item_id: i.id,
          jurisdiction: d.jurisdiction?.name ?? null,
          level: d.jurisdiction?.level ?? null,
          doc_year: d.year,
          status: t.status,
          year: t.year,
          year_from: t.yearFrom,
          reference_year: t.referenceYear,
          metric_family: t.metricFamily,
          metric: t.metric,
          kind: t.kind,
          direction: t.direction,
          comparator: COMPARATOR_WORDS[t.comparator] ?? t.comparator,
          value: t.value,
          value_max: t.valueMax,
          unit: t.unit,
          normalized: t.normalized,
          normalized_max: t.normalizedMax,
          normalized_unit: t.normalizedUnit,
          text: t.text,
          span_start: t.span[0],
          span_end: t.span[1],
        })),
      ),
    )
  const docOf = (id: string) => index.items.get(id)?.doc.id ?? null
  // One column per feature of the links (feature_tfidf, feature_ngram …), in the order they come.
  const features = new Set<string>()
  for (const f of featureNames(report.links)) features.add(f)
  // the evidence read once per row: align's links compute it when it is read
  // the clause of an item its link was matched on (evidence read from an older file may have none)
  const clauseOf = (id: string, span: [number, number] | undefined) =>
    span ? (index.items.get(id)?.item.text.slice(span[0], span[1]) ?? null) : null
  const linkRow = (l: ReportOutput['links'][number], evidence = l.evidence): FlatRow => ({
    source: l.source,
    target: l.target,
    source_doc: docOf(l.source),
    target_doc: docOf(l.target),
    score: l.score,
    // links read from a file written before links had a probability have none
    probability: l.probability ?? null,
    relation: l.relation,
    changes: l.changes.join(LIST),
    decision: l.decision,
    ...Object.fromEntries(
      [...features].map((f) => [`feature_${f}`, (evidence.features as Record<string, number>)[f] ?? null]),
    ),
    shared_terms: evidence.sharedTerms.join(LIST),
    shared_topics: evidence.sharedTopics.join(LIST),
    shared_metrics: evidence.sharedMetrics.join(LIST),
    shared_units: evidence.sharedUnits.join(LIST),
    source_clause: clauseOf(l.source, evidence.clauses?.source),
    target_clause: clauseOf(l.target, evidence.clauses?.target),
    summary: evidence.summary,
  })
  // the review sheet reads only the summary: taken from the links table's rows when those came first,
  // so that the evidence is computed once for both tables, not twice
  const summaries: Array<string | undefined> = []
  let keptLinkRows: FlatRow[] | null = null
  function* links(): Generator<FlatRow> {
    if (keptLinkRows) {
      yield* keptLinkRows
      return
    }
    const kept: FlatRow[] | null = options.keepLinkRows ? [] : null
    for (const [i, l] of report.links.entries()) {
      const row = linkRow(l)
      summaries[i] = row.summary as string
      kept?.push(row)
      yield row
    }
    if (kept) keptLinkRows = kept
  }
  const threads = (): FlatRow[] =>
    report.threads.flatMap((t) =>
      t.items.map((id, position) => {
        const found = index.items.get(id)
        return {
          thread_id: t.id,
          label: t.label,
          topic: t.topic,
          terms: t.terms.join(LIST),
          position: position + 1,
          item_id: id,
          doc_id: found?.doc.id ?? null,
          jurisdiction: found?.doc.jurisdiction?.name ?? null,
          level: found?.doc.jurisdiction?.level ?? null,
          year: found?.doc.year ?? null,
          heading: found?.item.heading ?? null,
        }
      }),
    )
  const evolution = (): FlatRow[] =>
    report.evolution.flatMap((e) => [
      ...e.continued.map((c) => ({
        from_doc: e.from,
        to_doc: e.to,
        status: 'continued',
        from_item: c.from,
        to_item: c.to,
        score: c.score,
      })),
      ...e.new.map((id) => ({
        from_doc: e.from,
        to_doc: e.to,
        status: 'new',
        from_item: null,
        to_item: id,
        score: null,
      })),
      ...e.dropped.map((id) => ({
        from_doc: e.from,
        to_doc: e.to,
        status: 'dropped',
        from_item: id,
        to_item: null,
        score: null,
      })),
    ])
  const diffs = (): FlatRow[] =>
    report.diffs.map((d) => ({
      from: d.from,
      to: d.to,
      basis: d.basis.join(LIST),
      relation: d.relation,
      score: d.score,
      overlap: d.overlap,
      removed: d.parts
        .filter((p) => p.op === 'removed')
        .map((p) => p.text)
        .join(' … '),
      added: d.parts
        .filter((p) => p.op === 'added')
        .map((p) => p.text)
        .join(' … '),
      from_text: diffSide(d.parts, 'from'),
      to_text: diffSide(d.parts, 'to'),
      units_kept: d.units.kept.join(LIST),
      units_added: d.units.added.join(LIST),
      units_removed: d.units.removed.join(LIST),
    }))
  const changes = (): FlatRow[] =>
    report.diffs.flatMap((d) =>
      d.targets.map((t) => ({
        from: d.from,
        to: d.to,
        key: t.key,
        metric_family: t.metricFamily,
        metric: t.metric,
        change: t.change,
        from_text: t.from?.text ?? null,
        to_text: t.to?.text ?? null,
        from_value: t.from?.normalized ?? null,
        to_value: t.to?.normalized ?? null,
        unit: t.to?.normalizedUnit ?? t.from?.normalizedUnit ?? null,
        from_kind: t.from?.kind ?? null,
        to_kind: t.to?.kind ?? null,
        from_status: t.from?.status ?? null,
        to_status: t.to?.status ?? null,
        delta: t.delta,
        ratio: t.ratio === null ? null : formatScore(t.ratio),
        summary: t.summary,
      })),
    )
  // Targets beside the results later documents report: one row per pair.
  const fulfilment = (): FlatRow[] =>
    report.fulfilment.map((f) => ({
      series: f.series,
      metric_family: f.metricFamily,
      metric: f.metric,
      kind: f.planned.target.kind,
      jurisdiction: f.jurisdiction,
      year: f.year,
      planned_doc: f.planned.docId,
      planned_item: f.planned.itemId,
      planned_text: f.planned.target.text,
      planned_value: f.planned.target.normalized,
      planned_value_max: f.planned.target.normalizedMax,
      planned_comparator: COMPARATOR_WORDS[f.planned.target.comparator] ?? f.planned.target.comparator,
      achieved_doc: f.achieved.docId,
      achieved_item: f.achieved.itemId,
      achieved_text: f.achieved.target.text,
      achieved_status: f.achieved.target.status,
      achieved_value: f.achieved.target.normalized,
      unit: f.planned.target.normalizedUnit,
      gap: f.gap,
      outcome: f.outcome,
      summary: f.summary,
    }))
  // The review sheet: one row per link with both texts side by side and an empty decision column to
  // fill in with confirm or reject; `plan-cascade align --decisions review.csv` reads it back. Texts
  // are clipped (items.csv has them whole): a sheet of the national reports' long items was 85 MB.
  const reviewRow = (l: ReportOutput['links'][number], i: number): FlatRow => {
    const source = index.items.get(l.source)?.item
    const target = index.items.get(l.target)?.item
    return {
      decision: null,
      source: l.source,
      target: l.target,
      score: l.score,
      relation: l.relation,
      source_heading: source?.heading ?? null,
      target_heading: target?.heading ?? null,
      source_text: source ? clip(source.text) : null,
      target_text: target ? clip(target.text) : null,
      evidence: summaries[i] ?? l.evidence.summary,
      note: null,
    }
  }
  function* review(): Generator<FlatRow> {
    for (const [i, l] of report.links.entries()) yield reviewRow(l, i)
  }
  return {
    documents: { columns: DOCUMENT_COLUMNS, rows: documents },
    items: { columns: ITEM_COLUMNS, rows: items },
    targets: { columns: TARGET_COLUMNS, rows: targets },
    links: {
      columns: [
        ...LINK_COLUMNS.slice(0, 9),
        ...[...features].map((f) => `feature_${f}`),
        ...LINK_COLUMNS.slice(9),
      ],
      rows: links,
    },
    threads: { columns: THREAD_COLUMNS, rows: threads },
    evolution: { columns: EVOLUTION_COLUMNS, rows: evolution },
    diffs: { columns: DIFF_COLUMNS, rows: diffs },
    targetChanges: { columns: CHANGE_COLUMNS, rows: changes },
    fulfilment: { columns: FULFILMENT_COLUMNS, rows: fulfilment },
    review: { columns: REVIEW_COLUMNS, rows: review },
  }
}

// Column lists: an empty table still gets its header.
const DOCUMENT_COLUMNS =
  'id title issuer jurisdiction level code parent year period_from period_to kind path encoding sections items targets warnings'.split(
    ' ',
  )
const ITEM_COLUMNS =
  'id doc_id jurisdiction level year path label kind section_path heading text responsible_lead responsible_related topic topics topic_labels keywords targets threads'.split(
    ' ',
  )
const TARGET_COLUMNS =
  'doc_id item_id jurisdiction level doc_year status year year_from reference_year metric_family metric kind direction comparator value value_max unit normalized normalized_max normalized_unit text span_start span_end'.split(
    ' ',
  )
const LINK_COLUMNS =
  'source target source_doc target_doc score probability relation changes decision shared_terms shared_topics shared_metrics shared_units source_clause target_clause summary'.split(
    ' ',
  )
const THREAD_COLUMNS =
  'thread_id label topic terms position item_id doc_id jurisdiction level year heading'.split(' ')
const EVOLUTION_COLUMNS = 'from_doc to_doc status from_item to_item score'.split(' ')
const REVIEW_COLUMNS =
  'decision source target score relation source_heading target_heading source_text target_text evidence note'.split(
    ' ',
  )
const DIFF_COLUMNS =
  'from to basis relation score overlap removed added from_text to_text units_kept units_added units_removed'.split(
    ' ',
  )
const CHANGE_COLUMNS =
  'from to key metric_family metric change from_text to_text from_value to_value unit from_kind to_kind from_status to_status delta ratio summary'.split(
    ' ',
  )
const FULFILMENT_COLUMNS =
  'series metric_family metric kind jurisdiction year planned_doc planned_item planned_text planned_value planned_value_max planned_comparator achieved_doc achieved_item achieved_text achieved_status achieved_value unit gap outcome summary'.split(
    ' ',
  )

/** Characters of an item's text the review sheet shows. */
export const REVIEW_TEXT_LENGTH = 240

/** A text cut to `REVIEW_TEXT_LENGTH` characters, with … where it was cut. */
function clip(text: string): string {
  const chars = [...text]
  return chars.length <= REVIEW_TEXT_LENGTH ? text : `${chars.slice(0, REVIEW_TEXT_LENGTH).join('')}…`
}

/**
 * The feature names of the links' evidence, in the order they come. The evidence of `align`'s links is
 * computed when read (an accessor, one per scorer) and a scorer gives every link the same features, so
 * such links are read once per scorer, not once each: the links and review tables read every link's
 * evidence once already. Evidence held as a value (read from a file) is read for every link.
 */
function featureNames(links: Array<{ evidence: { features: object } }>): string[] {
  const names = new Set<string>()
  const scorers = new Set<unknown>()
  for (const l of links) {
    const computed = Object.getOwnPropertyDescriptor(l, 'evidence')?.get
    if (computed) {
      if (scorers.has(computed)) continue
      scorers.add(computed)
    }
    for (const f of Object.keys(l.evidence.features)) names.add(f)
  }
  return [...names]
}
