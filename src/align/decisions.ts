/**
 * The review loop: researchers correct the machine. A decisions file confirms or rejects links and
 * merges or splits threads; `align` honours it. JSON (an array, or `{ "decisions": [...] }`) or CSV
 * with the columns `action,source,target,items,note` — and the review sheet of the CSV export
 * (review.csv, its `decision` column filled in with confirm or reject) is accepted as it is.
 */
import { parse as parseCsv } from 'csv-parse/sync'
import { PlanCascadeError } from '../errors.js'

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

/** Reads a decisions file's text; `file` names it in errors. */
export function parseDecisions(text: string, file = 'decisions'): Decision[] {
  const trimmed = text.replace(/^\ufeff/, '').trim()
  if (trimmed === '') return []
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return fromJson(trimmed, file)
  return fromCsv(trimmed, file)
}

function fromJson(text: string, file: string): Decision[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new PlanCascadeError('bad-decisions', `not valid JSON: ${(error as Error).message}`, { file })
  }
  const list = Array.isArray(data) ? data : (data as { decisions?: unknown }).decisions
  if (!Array.isArray(list))
    throw new PlanCascadeError('bad-decisions', 'expected an array of decisions', { file })
  return list.map((row, k) => toDecision(row as Record<string, unknown>, file, k + 1))
}

function fromCsv(text: string, file: string): Decision[] {
  let rows: Array<Record<string, string>>
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true })
  } catch (error) {
    throw new PlanCascadeError('bad-decisions', `not valid CSV: ${(error as Error).message}`, { file })
  }
  const out: Decision[] = []
  rows.forEach((row, k) => {
    // the review sheet (review.csv, or links.csv): a decision column filled in with confirm or reject;
    // rows left empty, and the machine's own marks (machine, confirmed), are not decisions
    if (!('action' in row) && 'decision' in row) {
      const decision = (row.decision ?? '').trim().toLowerCase()
      if (decision === '' || decision === 'machine' || decision === 'confirmed') return
      out.push(toDecision({ ...row, action: decision }, file, k + 2))
      return
    }
    out.push(toDecision({ ...row, action: (row.action ?? '').toLowerCase() }, file, k + 2))
  })
  return out
}

function toDecision(row: Record<string, unknown>, file: string, line: number): Decision {
  const action = String(row.action ?? '').toLowerCase()
  if (!ACTIONS.has(action)) {
    throw new PlanCascadeError(
      'bad-decisions',
      `expected an action of confirm, reject, merge or split, got "${action}"`,
      {
        file,
        line,
      },
    )
  }
  const note = row.note ? { note: String(row.note) } : {}
  if (action === 'confirm' || action === 'reject') {
    const source = String(row.source ?? '')
    const target = String(row.target ?? '')
    if (!source || !target) {
      throw new PlanCascadeError('bad-decisions', `${action} needs a source and a target item id`, {
        file,
        line,
      })
    }
    return { action, source, target, ...note }
  }
  const items = Array.isArray(row.items)
    ? row.items.map(String)
    : String(row.items ?? '')
        .split(/[;\s]+/)
        .filter(Boolean)
  if (items.length < (action === 'merge' ? 2 : 1)) {
    throw new PlanCascadeError('bad-decisions', `${action} needs item ids (separated by ; in CSV)`, {
      file,
      line,
    })
  }
  return { action: action as 'merge' | 'split', items, ...note }
}
