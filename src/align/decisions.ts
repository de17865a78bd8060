/**
 * The review loop: researchers correct the machine. A decisions file confirms or rejects links and
 * merges or splits threads; `align` honours it. JSON (an array, or `{ "decisions": [...] }`) or CSV
 * with the columns `action,source,target,items,note` — and the review sheet of the CSV export
 * (review.csv, its `decision` column filled in with confirm or reject) is accepted as it is.
 */
import { parse as parseCsv } from 'csv-parse/sync'
import { isRecord } from '../arguments.js'
import { describeValue, expectArgument, PlanCascadeError } from '../errors.js'
import { locateJson, parseJson } from '../json.js'

/** Where a decision was read: the decisions file and the line:column of its row. */
export interface DecisionPlace {
  file: string
  line: number
  column: number
}

export type Decision =
  /** Keep this link whatever its score, and thread its items together. */
  | { action: 'confirm'; source: string; target: string; note?: string }
  /** Drop this link and never thread its items together. */
  | { action: 'reject'; source: string; target: string; note?: string }
  /** Put these items in one thread. */
  | { action: 'merge'; items: string[]; note?: string }
  /** Take these items out of their threads, into a thread of their own. */
  | { action: 'split'; items: string[]; note?: string }

const ACTIONS = new Set(['confirm', 'reject', 'merge', 'split'])

/** Where each decision read from a file came from (kept aside, so that decisions stay plain records). */
const places = new WeakMap<Decision, DecisionPlace>()

/**
 * Reads a decisions file's text; `file` names it in errors, which give the line:column of the row at
 * fault (bad JSON, a row that is not an object, an unknown action, a link without its two ids).
 * @throws PlanCascadeError `bad-decisions`, `bad-argument` when `text` is not a string.
 */
export function parseDecisions(text: string, file = 'decisions'): Decision[] {
  expectArgument(typeof text === 'string', 'parseDecisions', 'the text of a decisions file', text)
  expectArgument(typeof file === 'string', 'parseDecisions', 'file to be a name', file)
  const source = text.replace(/^\ufeff/, '')
  const trimmed = source.trim()
  if (trimmed === '') return []
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return fromJson(source, file)
  return fromCsv(source, file)
}

function fromJson(text: string, file: string): Decision[] {
  const data = parseJson(text, file, 'bad-decisions')
  const wrapped = isRecord(data) && Array.isArray(data.decisions)
  const list = Array.isArray(data) ? data : wrapped ? (data.decisions as unknown[]) : null
  if (!list) {
    throw new PlanCascadeError('bad-decisions', 'expected an array of decisions, or { "decisions": [...] }', {
      file,
      ...locateJson(text, []),
    })
  }
  return list.map((row, k) => {
    const where = wrapped ? ['decisions', k] : [k]
    const place = { file, ...locateJson(text, where) }
    return toDecision(row, place)
  })
}

/**
 * A cell as it was before the CSV export neutralised it: review.csv writes a cell that a spreadsheet
 * would run as a formula (=…, +…, -…, @…) with a leading `'`, so an id `=x#1` comes back as `'=x#1`.
 */
function unneutralise(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell
}

function fromCsv(text: string, file: string): Decision[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>
  try {
    records = parseCsv(text.trim(), {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      cast: (value) => unneutralise(value),
    }) as Array<{ record: Record<string, string>; info: { lines: number } }>
  } catch (error) {
    const lines = (error as { lines?: number }).lines
    throw new PlanCascadeError('bad-decisions', `not valid CSV: ${(error as Error).message}`, {
      file,
      ...(lines !== undefined ? { line: lines, column: 1 } : {}),
    })
  }
  const leading = text.length - text.trimStart().length
  const skipped = (text.slice(0, leading).match(/\n/g) ?? []).length
  const out: Decision[] = []
  for (const { record: row, info } of records) {
    const place: DecisionPlace = { file, line: info.lines + skipped, column: 1 }
    // the review sheet (review.csv, or links.csv): a decision column filled in with confirm or reject;
    // rows left empty, and the machine's own marks (machine, confirmed), are not decisions
    if (!('action' in row) && 'decision' in row) {
      const decision = (row.decision ?? '').trim().toLowerCase()
      if (decision === '' || decision === 'machine' || decision === 'confirmed') continue
      out.push(toDecision({ ...row, action: decision }, place))
      continue
    }
    out.push(toDecision({ ...row, action: (row.action ?? '').toLowerCase() }, place))
  }
  return out
}

function toDecision(value: unknown, place: DecisionPlace): Decision {
  if (!isRecord(value)) {
    throw new PlanCascadeError(
      'bad-decisions',
      `expected a decision object ({ "action": "confirm", "source": …, "target": … }), got ${describeValue(value)}`,
      place,
    )
  }
  const row = value
  const action = String(row.action ?? '').toLowerCase()
  if (!ACTIONS.has(action)) {
    throw new PlanCascadeError(
      'bad-decisions',
      `expected an action of confirm, reject, merge or split, got "${action}"`,
      place,
    )
  }
  const note = row.note ? { note: String(row.note) } : {}
  if (action === 'confirm' || action === 'reject') {
    const source = typeof row.source === 'string' ? row.source : ''
    const target = typeof row.target === 'string' ? row.target : ''
    if (!source || !target) {
      throw new PlanCascadeError('bad-decisions', `${action} needs a source and a target item id`, place)
    }
    return placed({ action, source, target, ...note }, place)
  }
  const items = Array.isArray(row.items)
    ? row.items.filter((id): id is string => typeof id === 'string' && id !== '')
    : typeof row.items === 'string'
      ? row.items.split(/[;\s]+/).filter(Boolean)
      : []
  if (items.length < (action === 'merge' ? 2 : 1)) {
    throw new PlanCascadeError('bad-decisions', `${action} needs item ids (separated by ; in CSV)`, place)
  }
  return placed({ action: action as 'merge' | 'split', items, ...note }, place)
}

function placed(decision: Decision, place: DecisionPlace): Decision {
  places.set(decision, place)
  return decision
}

/** A decision that names an item no document has: a reviewer's typo must not vanish. */
export interface DecisionWarning {
  code: 'unknown-item'
  message: string
  /** The item id as written. */
  item: string
  /** Where the decision was read, when it came from a file. */
  place?: DecisionPlace
}

/**
 * The decisions that name items the documents do not have, one warning per unknown id. `align`
 * would ignore such a decision silently; the CLI prints these and exits 1 unless told otherwise.
 */
export function checkDecisions(
  decisions: readonly Decision[],
  documents: ReadonlyArray<{ id: string; items: ReadonlyArray<{ id: string }> }>,
): DecisionWarning[] {
  expectArgument(Array.isArray(decisions), 'checkDecisions', 'an array of decisions', decisions)
  expectArgument(
    Array.isArray(documents) &&
      documents.every((d) => typeof d === 'object' && d !== null && Array.isArray(d.items)),
    'checkDecisions',
    'an array of documents',
    documents,
  )
  const items = new Set(documents.flatMap((d) => d.items.map((i: { id: string }) => i.id)))
  const docs = new Set(documents.map((d) => d.id))
  const warnings: DecisionWarning[] = []
  for (const decision of decisions) {
    expectArgument(
      typeof decision === 'object' && decision !== null,
      'checkDecisions',
      'decisions to be objects',
      decision,
    )
    const ids = 'items' in decision ? decision.items : [decision.source, decision.target]
    for (const id of ids) {
      if (items.has(id)) continue
      const doc = id.split('#')[0] ?? id
      const why = docs.has(doc)
        ? `${doc} has no item ${id.slice(doc.length + 1) || '(none given)'}`
        : `no document ${doc}`
      warnings.push({
        code: 'unknown-item',
        message: `${decision.action} names the item ${id}, which is not in the documents (${why}): the decision is ignored`,
        item: id,
        ...(places.has(decision) ? { place: places.get(decision) as DecisionPlace } : {}),
      })
    }
  }
  return warnings
}
