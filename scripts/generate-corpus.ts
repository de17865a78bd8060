/**
 * Generated corpora for the benchmark: N plan documents made deterministically from the seeds, NOT
 * verbatim copies (N identical copies of every item is a pathological case no real corpus has).
 *
 * - Jurisdictions come from data/divisions.json, as a real study corpus has them: provinces, cities
 *   inside them and districts or counties inside those, each with one to three years of plans, so that
 *   cascade, evolution and peer relations all occur.
 * - Each document starts from a seed of its level (province, city, district), with the seed's place
 *   names replaced by the new jurisdiction's and its parent's, its year replaced, figures scaled.
 * - Sentences of items are dropped, reordered or replaced by sentences of other items (of any seed),
 *   so that link density is realistic. A later year of one jurisdiction is made from its earlier year
 *   (mutated again), so evolution links exist as they do in a real series.
 *
 * `npx tsx scripts/generate-corpus.ts N DIR` writes the files and a manifest.json into DIR.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { listInputFiles, readSource } from '../src/io/index.js'
import type { Jurisdiction, Level } from '../src/model/index.js'
import { parseDocument } from '../src/parse/index.js'
import type { Manifest } from '../src/pipeline/index.js'

/** A deterministic pseudo-random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Seed {
  file: string
  text: string
  level: 'province' | 'city' | 'district'
  year: number
  /** Place names to replace: the seed's own jurisdiction first, then its parents. */
  names: Array<{ full: string; short: string }>
}

interface DivisionRow {
  code: string
  name: string
  level: Level
  parentCode: string | null
  shortName: string
}

function loadDivisions(): DivisionRow[] {
  const data = JSON.parse(readFileSync('data/divisions.json', 'utf8')) as {
    divisions: Array<[string, string, Level, string | null, string]>
  }
  return data.divisions.map(([code, name, level, parentCode, shortName]) => ({
    code,
    name,
    level,
    parentCode,
    shortName: shortName || name,
  }))
}

function loadSeeds(seedDir: string, divisions: Map<string, DivisionRow>): Seed[] {
  return listInputFiles(seedDir).map((file) => {
    const source = readSource(file)
    const doc = parseDocument(source)
    const j = doc.jurisdiction
    if (!j?.code) throw new Error(`seed ${file} has no jurisdiction`)
    const names: Seed['names'] = []
    for (let d = divisions.get(j.code); d; d = d.parentCode ? divisions.get(d.parentCode) : undefined)
      names.push({ full: d.name, short: d.shortName })
    const level = j.level === 'province' ? 'province' : j.level === 'city' ? 'city' : 'district'
    return { file, text: source.text, level, year: doc.year ?? 2020, names }
  })
}

/** Sentences of a line, each with its closing mark. */
function sentencesOf(line: string): string[] {
  return line.split(/(?<=[。；！？])/).filter((s) => s.length > 0)
}

/** Figures of amounts (3000个, 70%, 10亿条) scaled by a factor; years, codes (12345, 5G) kept. */
function scaleFigures(text: string, next: () => number): string {
  return text.replace(/(\d+(?:\.\d+)?)(?=[个项家%亿万条次人户所座张台套千百])/g, (figure) => {
    const value = Number(figure) * (0.7 + next() * 0.7)
    return figure.includes('.') ? value.toFixed(1) : String(Math.max(1, Math.round(value)))
  })
}

export interface MutateOptions {
  /** Chance to drop a sentence of an item. */
  drop: number
  /** Chance to replace a sentence by one of another item. */
  replace: number
  /** Chance to swap two neighbouring sentences. */
  swap: number
  /** Chance to leave out a whole item line. */
  dropLine: number
}

/** Mutates the items of a text: lines of two or more sentences lose, swap and borrow sentences. */
function mutateText(text: string, pool: string[], next: () => number, options: MutateOptions): string {
  const out: string[] = []
  for (const line of text.split('\n')) {
    const sentences = sentencesOf(line)
    if (sentences.length < 2) {
      out.push(line)
      continue
    }
    if (next() < options.dropLine) continue
    // the first sentence holds the numbering and lead phrase: the item stays an item
    const [head, ...rest] = sentences as [string, ...string[]]
    const kept: string[] = []
    for (const s of rest) {
      const r = next()
      if (r < options.drop) continue
      if (r < options.drop + options.replace) kept.push(pool[Math.floor(next() * pool.length)] as string)
      else kept.push(s)
    }
    for (let k = 0; k + 1 < kept.length; k++) {
      if (next() < options.swap) [kept[k], kept[k + 1]] = [kept[k + 1] as string, kept[k] as string]
    }
    if (kept.length === 0 && rest.length > 0) kept.push(rest[0] as string)
    out.push([head, ...kept].join(''))
  }
  return out.join('\n')
}

function replaceNames(text: string, from: Seed['names'], to: DivisionRow[]): string {
  let out = text
  from.forEach((name, k) => {
    const target = to[k] ?? to[to.length - 1]
    if (!target) return
    out = out.split(name.full).join(target.name)
    if (name.short.length >= 2) out = out.split(name.short).join(target.shortName)
  })
  return out
}

export interface GeneratedDocument {
  name: string
  text: string
}

export interface GeneratedCorpus {
  documents: GeneratedDocument[]
  manifest: Manifest
}

/** N documents generated from the seeds (deterministic for N and the seed files). */
/** Picks in a row that add no document before the generator plans more divisions (see generateCorpus). */
const STALL_LIMIT = 1000

export function generateCorpus(n: number, seedDir = 'seeds', seed = 20260101): GeneratedCorpus {
  const next = random(seed)
  const rows = loadDivisions()
  const byCode = new Map(rows.map((d) => [d.code, d]))
  const seeds = loadSeeds(seedDir, byCode)
  const pool = seeds.flatMap((s) =>
    s.text
      .split('\n')
      .flatMap((line) => sentencesOf(line).slice(1))
      .filter((x) => x.length >= 12),
  )
  const children = new Map<string, DivisionRow[]>()
  for (const d of rows) {
    if (!d.parentCode) continue
    const list = children.get(d.parentCode) ?? []
    list.push(d)
    children.set(d.parentCode, list)
  }
  const provinces = rows.filter((d) => d.level === 'province')
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T
  const chainOf = (d: DivisionRow): DivisionRow[] => {
    const chain: DivisionRow[] = []
    for (let x: DivisionRow | undefined = d; x; x = x.parentCode ? byCode.get(x.parentCode) : undefined)
      chain.push(x)
    return chain
  }
  const documents: GeneratedDocument[] = []
  const manifest: Manifest = {}
  const used = new Set<string>()
  // The first three cities of a province and a few districts each give some 2,000 documents; past
  // that every pick is used and the loop would never end. After STALL_LIMIT picks in a row that add
  // nothing, every city and district of a province is planned (wide), and after as many more the
  // divisions are planned again a decade later (round): 10,000 documents are every county's plans
  // of a few decades. Smaller corpora never stall that long, so they are as they always were.
  let stalled = 0
  let wide = false
  let round = 0
  // A province, then cities inside it, then districts inside those: cascades as in a real corpus.
  while (documents.length < n) {
    const before = documents.length
    const province = pick(provinces)
    const cities = (children.get(province.code) ?? []).filter((d) => d.level === 'city')
    const plan: DivisionRow[] = [province]
    const cityCount = 1 + Math.floor(next() * 3)
    for (const city of wide ? cities : cities.slice(0, cityCount)) {
      plan.push(city)
      const below = (children.get(city.code) ?? []).filter(
        (d) => d.level === 'district' || d.level === 'county',
      )
      if (wide) plan.push(...below)
      else for (let k = 0; k < Math.floor(next() * 3) && below.length > 0; k++) plan.push(pick(below))
    }
    for (const division of plan) {
      const key = `${division.code}@${round}`
      if (documents.length >= n || used.has(key)) continue
      used.add(key)
      const level =
        division.level === 'province' ? 'province' : division.level === 'city' ? 'city' : 'district'
      const candidates = seeds.filter((s) => s.level === level)
      const base = pick(candidates.length > 0 ? candidates : seeds)
      const chain = chainOf(division)
      const years = 1 + Math.floor(next() * 3)
      const firstYear = 2018 + 10 * round + Math.floor(next() * 6)
      let text = replaceNames(base.text, base.names, chain)
      let year = firstYear
      for (let y = 0; y < years && documents.length < n; y++) {
        if (y > 0) year += 1 + Math.floor(next() * 2)
        const rates =
          y === 0
            ? { drop: 0.15, replace: 0.15, swap: 0.2, dropLine: 0.08 }
            : { drop: 0.1, replace: 0.08, swap: 0.1, dropLine: 0.05 }
        text = scaleFigures(mutateText(text, pool, next, rates), next)
        const yearText = text.split(String(base.year)).join(String(year))
        const name = `${division.code}-${year}-${basename(base.file, '.txt').replace(/-\d+$/, '')}.txt`
        documents.push({ name, text: yearText })
        const jurisdiction: Jurisdiction = {
          name: division.name,
          level: division.level,
          code: division.code,
          parent: division.parentCode ? (byCode.get(division.parentCode)?.name ?? null) : null,
          parentCode: division.parentCode,
        }
        manifest[name] = { id: name.replace(/\.txt$/, ''), jurisdiction, year }
      }
    }
    stalled = documents.length === before ? stalled + 1 : 0
    if (stalled >= STALL_LIMIT) {
      if (wide) round++
      wide = true
      stalled = 0
    }
  }
  return { documents, manifest }
}

/** Writes a generated corpus into a folder: the files and manifest.json. */
export function writeCorpus(corpus: GeneratedCorpus, dir: string): string[] {
  mkdirSync(dir, { recursive: true })
  const paths = corpus.documents.map((d) => {
    const path = join(dir, d.name)
    writeFileSync(path, d.text)
    return path
  })
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(corpus.manifest, null, 1))
  return paths
}

if (process.argv[1]?.endsWith('generate-corpus.ts')) {
  const n = Number(process.argv[2] ?? 100)
  const dir = process.argv[3] ?? `/tmp/plan-cascade-generated-${n}`
  const corpus = generateCorpus(n)
  writeCorpus(corpus, dir)
  process.stdout.write(`${corpus.documents.length} documents in ${dir}\n`)
}
