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

/** The relation of two documents, and which one a link should start from (the higher or earlier). */
export function relateDocuments(
  a: PlanDocument,
  b: PlanDocument,
): { relation: Relation; source: PlanDocument; target: PlanDocument } {
  const ja = a.jurisdiction
  const jb = b.jurisdiction
  const earlierFirst = (x: PlanDocument, y: PlanDocument) =>
    (x.year ?? 0) < (y.year ?? 0) || ((x.year ?? 0) === (y.year ?? 0) && x.id <= y.id) ? [x, y] : [y, x]
  if (ja && jb) {
    if (sameJurisdiction(ja, jb)) {
      const [source, target] = earlierFirst(a, b) as [PlanDocument, PlanDocument]
      return { relation: (a.year ?? 0) !== (b.year ?? 0) ? 'evolution' : 'other', source, target }
    }
    const cascade = cascades(a, b) ? 'cascade' : 'other'
    if (isAncestor(ja, jb)) return { relation: cascade, source: a, target: b }
    if (isAncestor(jb, ja)) return { relation: cascade, source: b, target: a }
    const [source, target] = earlierFirst(a, b) as [PlanDocument, PlanDocument]
    if (LEVEL_RANK[ja.level] === LEVEL_RANK[jb.level]) return { relation: 'peer', source, target }
    // different levels, not nested: the higher level first
    return LEVEL_RANK[ja.level] < LEVEL_RANK[jb.level]
      ? { relation: 'other', source: a, target: b }
      : { relation: 'other', source: b, target: a }
  }
  const [source, target] = earlierFirst(a, b) as [PlanDocument, PlanDocument]
  return { relation: 'other', source, target }
}

/** Sort key of a document: level, then year, then id. */
export function documentOrder(doc: PlanDocument): [number, number, string] {
  return [doc.jurisdiction ? LEVEL_RANK[doc.jurisdiction.level] : 9, doc.year ?? 0, doc.id]
}
