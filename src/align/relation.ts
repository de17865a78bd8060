/**
 * How two documents relate: cascade (parent to child jurisdiction, periods overlapping or issued at most
 * two years apart), evolution (same jurisdiction, a later document), peer (same level, other jurisdictions)
 * or other.
 */
import type { Jurisdiction, Level, PlanDocument, Relation } from '../model/index.js'

const LEVEL_RANK: Record<Level, number> = { national: 0, province: 1, city: 2, district: 3, county: 3 }

/** GB/T 2260 prefix of a code: 350000 -> 35, 350100 -> 3501, 350104 -> 350104. */
function codePrefix(code: string): string {
  return code.replace(/(00)+$/, '')
}

/** True when `a` contains `b` (福建省 contains 福州市 and 仓山区). */
export function isAncestor(a: Jurisdiction, b: Jurisdiction): boolean {
  if (a.level === 'national' && b.level !== 'national') return true
  if (a.code && b.code) return a.code !== b.code && b.code.startsWith(codePrefix(a.code))
  return b.parent === a.name
}

function sameJurisdiction(a: Jurisdiction, b: Jurisdiction): boolean {
  return a.code && b.code ? a.code === b.code : a.name === b.name
}

function yearsOf(doc: PlanDocument): [number, number] | null {
  if (doc.period) return [doc.period.from, doc.period.to]
  if (doc.year !== null) return [doc.year, doc.year]
  return null
}

/**
 * Years of issue a parent's plan and a child's may lie apart and still cascade when their periods do not
 * overlap: a province's 2025 work report and its cities' 2024 ones answer the same provincial goals, as
 * they do in practice (a city reports weeks before its province, or the year before).
 */
const CASCADE_GAP = 2

function overlaps(a: PlanDocument, b: PlanDocument): boolean {
  const x = yearsOf(a)
  const y = yearsOf(b)
  if (!x || !y) return true
  return x[0] <= y[1] && y[0] <= x[1]
}

function cascades(a: PlanDocument, b: PlanDocument): boolean {
  if (overlaps(a, b)) return true
  return a.year !== null && b.year !== null && Math.abs(a.year - b.year) <= CASCADE_GAP
}

/** The earlier document first (ties by id). A function of the module: it runs for every pair scored. */
function earlierFirst(x: PlanDocument, y: PlanDocument): [PlanDocument, PlanDocument] {
  return (x.year ?? 0) < (y.year ?? 0) || ((x.year ?? 0) === (y.year ?? 0) && x.id <= y.id) ? [x, y] : [y, x]
}

/** The relation of two documents, and which one a link should start from (the higher or earlier). */
export function relateDocuments(
  a: PlanDocument,
  b: PlanDocument,
): { relation: Relation; source: PlanDocument; target: PlanDocument } {
  const ja = a.jurisdiction
  const jb = b.jurisdiction
  if (ja && jb) {
    if (sameJurisdiction(ja, jb)) {
      const [source, target] = earlierFirst(a, b)
      return { relation: (a.year ?? 0) !== (b.year ?? 0) ? 'evolution' : 'other', source, target }
    }
    const cascade = cascades(a, b) ? 'cascade' : 'other'
    if (isAncestor(ja, jb)) return { relation: cascade, source: a, target: b }
    if (isAncestor(jb, ja)) return { relation: cascade, source: b, target: a }
    const [source, target] = earlierFirst(a, b)
    if (LEVEL_RANK[ja.level] === LEVEL_RANK[jb.level]) return { relation: 'peer', source, target }
    // different levels, not nested: the higher level first
    return LEVEL_RANK[ja.level] < LEVEL_RANK[jb.level]
      ? { relation: 'other', source: a, target: b }
      : { relation: 'other', source: b, target: a }
  }
  const [source, target] = earlierFirst(a, b)
  return { relation: 'other', source, target }
}

/** Sort key of a document: level, then year, then id. */
export function documentOrder(doc: PlanDocument): [number, number, string] {
  return [doc.jurisdiction ? LEVEL_RANK[doc.jurisdiction.level] : 9, doc.year ?? 0, doc.id]
}

/** Which jurisdiction a document is of, as a key: its code, else its name. */
function jurisdictionKey(j: Jurisdiction): string {
  return j.code ?? `name:${j.name}`
}

/** Keys of the jurisdiction directly above: its parent, or the whole country above a province. */
function parentKeys(j: Jurisdiction): string[] {
  if (j.level === 'national') return []
  const keys: string[] = []
  if (j.parentCode) keys.push(j.parentCode)
  if (j.parent) keys.push(`name:${j.parent}`)
  if (j.level === 'province') keys.push('national')
  return keys
}

export interface RelatedDocumentsOptions {
  /** Documents of the same jurisdiction related on each side of one, nearest years first; default 2. */
  years?: number
  /** Documents of the parent jurisdiction related to one, nearest years first; default 2. */
  parents?: number
}

/**
 * Pairs of documents whose items should be compared whatever the rest of the corpus holds, as
 * indexes into `documents` (lower first, sorted): a plan and the same jurisdiction's plans of the
 * nearest years (evolution), a plan and its parent jurisdiction's plans of the nearest years with
 * overlapping periods (cascade). Each document has a bounded number of them, so their pairs grow
 * linearly with the corpus.
 */
export function relatedDocuments(
  documents: readonly PlanDocument[],
  options: RelatedDocumentsOptions = {},
): Array<[number, number]> {
  const years = options.years ?? 2
  const parents = options.parents ?? 2
  const byKey = new Map<string, number[]>()
  const add = (key: string, k: number) => {
    const list = byKey.get(key) ?? []
    list.push(k)
    byKey.set(key, list)
  }
  documents.forEach((doc, k) => {
    const j = doc.jurisdiction
    if (!j) return
    add(jurisdictionKey(j), k)
    if (j.code) add(`name:${j.name}`, k)
    if (j.level === 'national') add('national', k)
  })
  const yearOf = (k: number) => documents[k]?.year ?? 0
  const byYear = (x: number, y: number) =>
    yearOf(x) - yearOf(y) || ((documents[x] as PlanDocument).id < (documents[y] as PlanDocument).id ? -1 : 1)
  const pairs = new Set<number>()
  const n = documents.length
  const pair = (x: number, y: number) => {
    if (x !== y) pairs.add(Math.min(x, y) * n + Math.max(x, y))
  }
  for (const list of byKey.values()) {
    // one jurisdiction's documents by year: each with its nearest neighbours
    const sorted = [...new Set(list)].sort(byYear)
    for (let a = 0; a < sorted.length; a++)
      for (let b = a + 1; b <= a + years && b < sorted.length; b++)
        pair(sorted[a] as number, sorted[b] as number)
  }
  documents.forEach((doc, k) => {
    const j = doc.jurisdiction
    if (!j) return
    const above = new Set<number>()
    for (const key of parentKeys(j)) for (const p of byKey.get(key) ?? []) above.add(p)
    const nearest = [...above]
      .filter((p) => p !== k && cascades(doc, documents[p] as PlanDocument))
      .sort((x, y) => Math.abs(yearOf(x) - yearOf(k)) - Math.abs(yearOf(y) - yearOf(k)) || byYear(x, y))
      .slice(0, parents)
    for (const p of nearest) pair(k, p)
  })
  return [...pairs].sort((x, y) => x - y).map((code) => [Math.floor(code / n), code % n])
}

/** Related documents of each document, both directions by id: what the link selection reads. */
export function relatedMap(documents: PlanDocument[]): Map<string, Set<string>> {
  const relatedOf = new Map<string, Set<string>>()
  for (const [x, y] of relatedDocuments(documents)) {
    const a = (documents[x] as PlanDocument).id
    const b = (documents[y] as PlanDocument).id
    for (const [p, q] of [
      [a, b],
      [b, a],
    ] as const)
      relatedOf.set(p, (relatedOf.get(p) ?? new Set<string>()).add(q))
  }
  return relatedOf
}
