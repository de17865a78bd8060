// The development corpus (../shared/corpus beside the checkout, or PLAN_CASCADE_CORPUS): 163 real
// documents and catalog.json, the truth of what each is. It is read from there, never shipped.
// CI has it; a checkout without it skips the corpus suites and says so, unless PLAN_CASCADE_REQUIRE_CORPUS
// is set (CI sets it), where a missing corpus fails instead of passing silently.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Folder of the development corpus. */
export const corpusDir = resolve(process.env.PLAN_CASCADE_CORPUS ?? join(root, '..', 'shared', 'corpus'))

/** Folder of the shared gold labels (dev-threads.json). */
export const sharedGoldDir = resolve(corpusDir, '..', 'gold')

/** True when the corpus is here; throws when CI asks for it and it is not. */
export const hasCorpus: boolean = (() => {
  const found = existsSync(join(corpusDir, 'catalog.json'))
  if (!found && process.env.PLAN_CASCADE_REQUIRE_CORPUS)
    throw new Error(`the development corpus is required but ${corpusDir}/catalog.json is missing`)
  return found
})()

/** Reason printed in a skipped suite's name. */
export const corpusSkipReason = hasCorpus ? '' : ` (skipped: no corpus at ${corpusDir})`

export interface CatalogEntry {
  /** Path relative to the corpus folder, e.g. gwr-provinces-2025/2025_山东省_政府工作报告.txt. */
  file: string
  title: string | null
  jurisdiction: string
  level: 'national' | 'province' | 'city' | 'district' | 'county'
  parent: string | null
  year: number
  notes?: string
}

/** The corpus catalog, sorted by file. */
export function readCatalog(): CatalogEntry[] {
  if (!hasCorpus) return []
  const data = JSON.parse(readFileSync(join(corpusDir, 'catalog.json'), 'utf8')) as {
    documents: CatalogEntry[]
  }
  return [...data.documents].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}

/** A name that tells nothing (doc-001.txt), for reading the corpus with its file names hidden. */
export const neutralName = (index: number) => `doc-${String(index + 1).padStart(3, '0')}.txt`

/** Absolute path of a corpus file. */
export const corpusPath = (file: string) => join(corpusDir, file)

/** A title as compared with the catalog: NFKC, no white space, no 《》 or quotes, one kind of dash. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .replace(/[\s《》〈〉“”"‘’']/g, '')
    .replace(/[—–―‐-]+/g, '-')
}

/**
 * True when a found title is the catalog's: the same key, or, for a catalog title that is a notice
 * (…关于印发《X》的通知, …印发X的通知), the plan it issues.
 */
export function sameTitle(found: string, catalogTitle: string, catalogJurisdiction?: string): boolean {
  const key = titleKey(found)
  if (key === titleKey(catalogTitle)) return true
  // 2024年德州政府工作报告 in the catalog (made from a file name) is 2024年德州市政府工作报告, as 德州 is 德州市
  if (
    catalogJurisdiction &&
    !catalogJurisdiction.endsWith('市') &&
    key === titleKey(catalogTitle.replace(catalogJurisdiction, `${catalogJurisdiction}市`))
  )
    return true
  const issued = /印发(.+)的通知$/.exec(catalogTitle.normalize('NFKC'))?.[1]
  return issued !== undefined && key === titleKey(issued)
}

/** True when a found jurisdiction name is the catalog's (常州 in the catalog is 常州市). */
export function sameJurisdiction(found: string, catalogName: string): boolean {
  return found === catalogName || found === `${catalogName}市` || found.replace(/市$/, '') === catalogName
}
