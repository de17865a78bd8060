/**
 * Helpers every format shares: escaping, names of levels, the reading order of documents, and lookups
 * from ids to records.
 */
import { compareStrings, LEVEL_RANK } from '../diff/index.js'
import type { Level, PlanDocument, PlanItem, Relation } from '../model/index.js'
import type { ReportOutput } from '../model/report.js'

/** Escapes text for HTML and XML (content and attribute values). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Chinese names of the levels, for people. */
export const LEVEL_LABEL: Record<Level, string> = {
  national: '国家',
  province: '省级',
  city: '市级',
  district: '区级',
  county: '县级',
}

/** Documents in reading order: level (province first), year, id. */
export function sortDocuments(documents: readonly PlanDocument[]): PlanDocument[] {
  return [...documents].sort(
    (a, b) =>
      levelRank(a.jurisdiction?.level ?? null) - levelRank(b.jurisdiction?.level ?? null) ||
      (a.year ?? 9999) - (b.year ?? 9999) ||
      compareStrings(a.id, b.id),
  )
}

export function levelRank(level: Level | null): number {
  return level ? LEVEL_RANK[level] : 9
}

/** A document for people: 福州市 2019. */
export function documentName(doc: PlanDocument): string {
  const place = doc.jurisdiction?.name ?? doc.id
  return doc.year ? `${place} ${doc.year}` : place
}

/** An item for people: its label and heading, else the start of its text. */
export function itemName(item: PlanItem, length = 40): string {
  const label = item.label ? `${item.label} ` : ''
  const text = item.heading || item.text
  return `${label}${truncate(text, length)}`.trim()
}

export function truncate(text: string, length: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length > length ? `${chars.slice(0, length - 1).join('')}…` : chars.join('')
}

/** How two documents relate, from their jurisdictions: same place, higher and lower level, or peers. */
export function documentRelation(a: PlanDocument, b: PlanDocument): Relation {
  const ja = a.jurisdiction
  const jb = b.jurisdiction
  if (!ja || !jb) return 'other'
  if (ja.name === jb.name) return 'evolution'
  if (levelRank(ja.level) !== levelRank(jb.level)) return 'cascade'
  return 'peer'
}

/** Lookups of a report: documents and items by id, topic labels by id, threads of each item. */
export interface ReportIndex {
  documents: Map<string, PlanDocument>
  items: Map<string, { item: PlanItem; doc: PlanDocument }>
  topics: Map<string, string>
  threadsOfItem: Map<string, string[]>
}

export function indexReport(report: ReportOutput): ReportIndex {
  const documents = new Map(report.documents.map((d) => [d.id, d]))
  const items = new Map<string, { item: PlanItem; doc: PlanDocument }>()
  const topics = new Map<string, string>()
  for (const doc of report.documents) {
    for (const item of doc.items) {
      items.set(item.id, { item, doc })
      for (const topic of item.topics) if (!topics.has(topic.id)) topics.set(topic.id, topic.label)
    }
  }
  const threadsOfItem = new Map<string, string[]>()
  for (const thread of report.threads) {
    for (const id of thread.items) threadsOfItem.set(id, [...(threadsOfItem.get(id) ?? []), thread.id])
  }
  return { documents, items, topics, threadsOfItem }
}

/** A number for tables: at most 4 decimals, no trailing zeros. */
export function formatScore(value: number | null): string {
  if (value === null) return ''
  return Number.parseFloat(value.toFixed(4)).toString()
}
