/**
 * npx tsx scripts/eval-corpus.ts [--verbose] [--hide-names]: parses every file of the development corpus
 * (../shared/corpus, or PLAN_CASCADE_CORPUS) with no manifest and prints how often the metadata agrees with
 * catalog.json (year, jurisdiction, level, title), the top-level headings found on work reports, item
 * lengths on the provincial reports, and how the reports relate (evolution, cascade).
 *
 * How a title is compared (`sameTitle` in test/helpers/corpus.ts): NFKC, without white space, 《》, quotes
 * and with one dash; the catalog's notice title (…关于印发《X》的通知) also accepts the plan it issues (X).
 * A catalog title of null is not scored. A jurisdiction is compared by the full name the catalog's name
 * resolves to (常州 -> 常州市).
 *
 * --hide-names gives each text a neutral source name (doc-001.txt …) so that only the text can tell the
 * metadata, as with documents named 1.txt or by a hash.
 */
import { relateDocuments } from '../src/align/relation.js'
import { readSource } from '../src/io/index.js'
import type { PlanDocument } from '../src/model/index.js'
import { parseDocument } from '../src/parse/index.js'
import { corpusPath, neutralName, readCatalog, sameJurisdiction, sameTitle } from '../test/helpers/corpus.js'

const verbose = process.argv.includes('--verbose')
const hideNames = process.argv.includes('--hide-names')
const catalog = readCatalog()
const docs = new Map<string, PlanDocument>()
const score = { year: 0, jurisdiction: 0, level: 0, parent: 0, title: 0, titled: 0 }
const misses: string[] = []
for (const [i, entry] of catalog.entries()) {
  const source = readSource(corpusPath(entry.file))
  const doc = parseDocument(hideNames ? { ...source, path: neutralName(i) } : source)
  docs.set(entry.file, doc)
  const j = doc.jurisdiction
  const ok = {
    year: doc.year === entry.year,
    jurisdiction: j !== null && sameJurisdiction(j.name, entry.jurisdiction),
    level: j?.level === entry.level,
    parent: (j?.parent ?? null) === entry.parent,
    title: entry.title === null ? null : sameTitle(doc.title, entry.title, entry.jurisdiction),
  }
  for (const k of ['year', 'jurisdiction', 'level', 'parent'] as const) if (ok[k]) score[k]++
  if (ok.title !== null) {
    score.titled++
    if (ok.title) score.title++
  }
  const wrong = Object.entries(ok).filter(([, v]) => v === false)
  if (wrong.length > 0)
    misses.push(
      `${entry.file}: ${wrong.map(([k]) => k).join(',')} | got ${doc.year} ${j?.name}/${j?.level}/${j?.parent} «${doc.title}» | want ${entry.year} ${entry.jurisdiction}/${entry.level}/${entry.parent} «${entry.title}»`,
    )
}
const n = catalog.length
const pct = (k: number, of = n) => `${k}/${of} (${((100 * k) / of).toFixed(1)}%)`
console.log(`documents ${n}${hideNames ? ' (file names hidden)' : ''}`)
console.log(`year ${pct(score.year)}  jurisdiction ${pct(score.jurisdiction)}  level ${pct(score.level)}`)
console.log(
  `parent ${pct(score.parent)}  title ${pct(score.title, score.titled)} of those with a catalog title`,
)
const untitled = catalog.filter((e) => e.title === null)
const fromFileName = untitled.filter((e) =>
  docs.get(e.file)?.warnings.some((w) => w.code === 'missing-title' || w.code === 'title-from-file-name'),
)
console.log(`no catalog title: ${untitled.length}, of which ${fromFileName.length} titled from the file name`)
const fromFile = (code: string) =>
  catalog.filter((e) => docs.get(e.file)?.warnings.some((w) => w.code === code)).length
console.log(
  `taken from the file name alone: title ${fromFile('missing-title')}, year ${fromFile('year-from-file-name')}, jurisdiction ${fromFile('jurisdiction-from-file-name')}`,
)
const unknown = catalog.filter((e) => docs.get(e.file)?.kind === 'other').length
console.log(`unknown genre (warning unknown-layout): ${unknown}`)
if (verbose) for (const m of misses) console.log(`  ✗ ${m}`)

// top-level headings of the work reports: every 一、 heading line (no sentence end, at most 40 characters),
// and every line with no (一) label that names a part of a report (2023年工作回顾, 全面加强政府自身建设), must be
// a section; those that are not under another part heading must be at the top (depth 0)
const reports = [...docs.entries()].filter(([file]) => file.startsWith('gwr-'))
let found = 0
let atTop = 0
let expected = 0
const missingTop: string[] = []
// a line under a (五) label is a sub-part (（五）持续加强政府自身建设 under 一、2025年工作回顾), not a part
const partLine =
  /^(?![(（][一二三四五六七八九十]+[)）])(\d{4}\s*年|过去[一五]年|“十[一二三四五六七八九]五”时期)?[^。，,；;：:、]{0,16}(工作回顾|工作安排|重点工作|主要工作|工作建议|总体要求|主要目标|总体目标|目标任务|工作任务|重点任务|主要任务|自身建设)[^。，,；;：:、]{0,16}$/
for (const [file, doc] of reports) {
  const lines = doc.sourceText
    .normalize('NFKC')
    .split(/\r?\n/)
    .map((l) => l.trim())
  const wanted = lines.filter(
    (l) => (/^[一二三四五六七八九十]、/.test(l) && l.length <= 40 && !/[。！？]/.test(l)) || partLine.test(l),
  )
  const key = (t: string) => t.replace(/^[一二三四五六七八九十]、/, '').replace(/[\s,，]/g, '')
  const sections = new Map(doc.sections.map((s) => [key(s.title), s]))
  for (const w of wanted) {
    expected++
    const section = sections.get(key(w))
    if (section) {
      found++
      const parent = doc.sections.find((s) => s.id === section.parentId)
      if (section.depth === 0 || parent?.style === 'heading' || parent?.style === 'annex') atTop++
      else missingTop.push(`${file}: nested ${w}`)
    } else missingTop.push(`${file}: ${w}`)
  }
}
console.log(
  `work reports: part and 一、 headings found as sections ${pct(found, expected)}, at the top ${pct(atTop, expected)}`,
)
if (verbose) for (const m of missingTop.slice(0, 60)) console.log(`  ✗ ${m}`)

// item lengths on the provincial reports
const lengths = reports
  .filter(([file]) => file.startsWith('gwr-provinces'))
  .flatMap(([, doc]) => doc.items.map((i) => i.text.length))
  .sort((a, b) => a - b)
const q = (p: number) => lengths[Math.min(lengths.length - 1, Math.floor(p * lengths.length))]
console.log(
  `provincial reports: ${lengths.length} items, median ${q(0.5)}, p90 ${q(0.9)}, p99 ${q(0.99)}, max ${lengths[lengths.length - 1]} characters`,
)
const roles = reports.flatMap(([, doc]) => doc.items.map((i) => i.role ?? 'null'))
const roleCount = new Map<string, number>()
for (const r of roles) roleCount.set(r, (roleCount.get(r) ?? 0) + 1)
console.log(`work-report item roles: ${[...roleCount].map(([r, c]) => `${r} ${c}`).join(', ')}`)

// relations: each province 2025 -> 2026 evolution; province 2025 -> its cities' 2024 reports cascade
const byName = (folder: string) =>
  [...docs.entries()].filter(([file]) => file.startsWith(folder)).map(([file, doc]) => ({ file, doc }))
const p25 = byName('gwr-provinces-2025')
const p26 = byName('gwr-provinces-2026')
let evolution = 0
for (const a of p25) {
  const province = a.file.split('_')[1]
  const b = p26.find((x) => x.file.split('_')[1] === province)
  if (b && relateDocuments(a.doc, b.doc).relation === 'evolution') evolution++
  else if (verbose) console.log(`  ✗ evolution ${a.file}`)
}
console.log(`evolution pairs 2025 -> 2026: ${pct(evolution, p25.length)}`)
let cascade = 0
let cascadeExpected = 0
for (const { file, doc } of byName('gwr-cities-2024')) {
  const entry = catalog.find((e) => e.file === file)
  if (entry?.level !== 'city') continue
  const province = p25.find((x) => x.file.split('_')[1] === entry.parent)
  if (!province) continue
  cascadeExpected++
  const r = relateDocuments(province.doc, doc)
  if (r.relation === 'cascade' && r.source === province.doc) cascade++
  else if (verbose) console.log(`  ✗ cascade ${province.file} -> ${file}: ${r.relation}`)
}
console.log(`cascade province 2025 -> city 2024: ${pct(cascade, cascadeExpected)}`)
