/**
 * CSV tables for R, pandas and Excel: one row per record, one file per record kind, ids joining them
 * (items.doc_id -> documents.id, links.source -> items.id …). UTF-8 with a byte order mark, so that
 * Excel opens the Chinese correctly; RFC 4180 quoting and CRLF line ends (csv-stringify). Lists inside
 * a cell are joined with `; `.
 */
import { stringify } from 'csv-stringify/sync'
import { diffSide } from '../diff/index.js'
import type { ReportOutput } from '../model/report.js'
import { formatScore, indexReport } from './shared.js'

/** A CSV file: name and content (BOM included). */
export type CsvFiles = Record<CsvName, string>

/** The tables, in the order they are written. */
export const CSV_NAMES = [
  'documents.csv',
  'items.csv',
  'targets.csv',
  'links.csv',
  'threads.csv',
  'evolution.csv',
  'diffs.csv',
  'target-changes.csv',
  'review.csv',
] as const
export type CsvName = (typeof CSV_NAMES)[number]

type Cell = string | number | null
type Row = Record<string, Cell>

const LIST = '; '

/**
 * The report as CSV tables: documents, items, targets (one row per figure: the trajectories in long
 * form), links, threads (one row per member), evolution (one row per continued, new or dropped goal),
 * diffs and target changes, and a review sheet of the links to fill in and read back as decisions.
 */
export function toCsv(report: ReportOutput): CsvFiles {
  const index = indexReport(report)
  const documents: Row[] = report.documents.map((d) => ({
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
  const items: Row[] = report.documents.flatMap((d) =>
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
  const targets: Row[] = report.documents.flatMap((d) =>
    d.items.flatMap((i) =>
      i.targets.map((t) => ({
        doc_id: d.id,
        item_id: i.id,
        jurisdiction: d.jurisdiction?.name ?? null,
        level: d.jurisdiction?.level ?? null,
        doc_year: d.year,
        year: t.year,
        metric_family: t.metricFamily,
        metric: t.metric,
        kind: t.kind,
        comparator: t.comparator,
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
  const features = [...new Set(report.links.flatMap((l) => Object.keys(l.evidence.features)))]
  const links: Row[] = report.links.map((l) => ({
    source: l.source,
    target: l.target,
    source_doc: docOf(l.source),
    target_doc: docOf(l.target),
    score: l.score,
    relation: l.relation,
    changes: l.changes.join(LIST),
    decision: l.decision,
    ...Object.fromEntries(
      features.map((f) => [`feature_${f}`, (l.evidence.features as Record<string, number>)[f] ?? null]),
    ),
    shared_terms: l.evidence.sharedTerms.join(LIST),
    shared_topics: l.evidence.sharedTopics.join(LIST),
    shared_metrics: l.evidence.sharedMetrics.join(LIST),
    shared_units: l.evidence.sharedUnits.join(LIST),
    summary: l.evidence.summary,
  }))
  const threads: Row[] = report.threads.flatMap((t) =>
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
  const evolution: Row[] = report.evolution.flatMap((e) => [
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
  const diffs: Row[] = report.diffs.map((d) => ({
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
  const changes: Row[] = report.diffs.flatMap((d) =>
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
      delta: t.delta,
      ratio: t.ratio === null ? null : formatScore(t.ratio),
      summary: t.summary,
    })),
  )
  // The review sheet: one row per link with both texts side by side and an empty decision column to
  // fill in with confirm or reject; `plan-cascade align --decisions review.csv` reads it back. Texts
  // are clipped (items.csv has them whole): a sheet of the national reports' long items was 85 MB.
  const review: Row[] = report.links.map((l) => {
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
      evidence: l.evidence.summary,
      note: null,
    }
  })
  return {
    'documents.csv': writeCsv(documents, DOCUMENT_COLUMNS),
    'items.csv': writeCsv(items, ITEM_COLUMNS),
    'targets.csv': writeCsv(targets, TARGET_COLUMNS),
    'links.csv': writeCsv(links, [
      ...LINK_COLUMNS.slice(0, 8),
      ...features.map((f) => `feature_${f}`),
      ...LINK_COLUMNS.slice(8),
    ]),
    'threads.csv': writeCsv(threads, THREAD_COLUMNS),
    'evolution.csv': writeCsv(evolution, ['from_doc', 'to_doc', 'status', 'from_item', 'to_item', 'score']),
    'diffs.csv': writeCsv(diffs, DIFF_COLUMNS),
    'target-changes.csv': writeCsv(changes, CHANGE_COLUMNS),
    'review.csv': writeCsv(review, REVIEW_COLUMNS),
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
  'doc_id item_id jurisdiction level doc_year year metric_family metric kind comparator value value_max unit normalized normalized_max normalized_unit text span_start span_end'.split(
    ' ',
  )
const LINK_COLUMNS =
  'source target source_doc target_doc score relation changes decision shared_terms shared_topics shared_metrics shared_units summary'.split(
    ' ',
  )
const THREAD_COLUMNS =
  'thread_id label topic terms position item_id doc_id jurisdiction level year heading'.split(' ')
const REVIEW_COLUMNS =
  'decision source target score relation source_heading target_heading source_text target_text evidence note'.split(
    ' ',
  )
const DIFF_COLUMNS =
  'from to basis relation score overlap removed added from_text to_text units_kept units_added units_removed'.split(
    ' ',
  )
const CHANGE_COLUMNS =
  'from to key metric_family metric change from_text to_text from_value to_value unit from_kind to_kind delta ratio summary'.split(
    ' ',
  )

/** One table: BOM, header, RFC 4180 quoting, CRLF; null cells empty. */
function writeCsv(rows: Row[], columns: string[]): string {
  return stringify(rows, {
    bom: true,
    header: true,
    columns,
    record_delimiter: 'windows',
    cast: { number: (value) => String(value) },
  })
}

/** Characters of an item's text the review sheet shows. */
export const REVIEW_TEXT_LENGTH = 240

/** A text cut to `REVIEW_TEXT_LENGTH` characters, with … where it was cut. */
function clip(text: string): string {
  const chars = [...text]
  return chars.length <= REVIEW_TEXT_LENGTH ? text : `${chars.slice(0, REVIEW_TEXT_LENGTH).join('')}…`
}
