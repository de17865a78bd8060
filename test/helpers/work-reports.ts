// The hand-labelled figures of government work reports (test/fixtures/work-report-figures.json) and how
// the extractor reads them, for the test and for `npx tsx scripts/eval-targets.ts`.
//
// Two readings of each report:
// - `paragraphs`: the extract stage on every paragraph of the file in order, the time scope carried
//   from one paragraph to the next (what the pipeline does over items when every paragraph is an item).
//   This measures the extract stage apart from the parse.
// - `pipeline`: `readDocument` as users call it; figures of text the parser leaves out of items
//   (a preamble) are not found. On this branch work reports are parsed coarsely (issue 11).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { extractTargets, readTimeScope, type TargetDraft, type TimeScope } from '../../src/extract/index.js'
import { readSource } from '../../src/io/index.js'
import type { Target } from '../../src/model/index.js'
import { normalizeText, toSourceSpan } from '../../src/normalize/index.js'
import { readDocument } from '../../src/pipeline/index.js'
import { corpusPath, readCatalog } from './corpus.js'

export interface GoldFigure {
  file: string
  part: 'goals' | 'review' | 'tasks'
  passage: string
  anchor: string
  figure: string
  value: number
  valueMax: number | null
  unit: string
  comparator: Target['comparator']
  status: Target['status']
  year: number | null
  yearFrom: number | null
  direction: Target['direction']
  kind: Target['kind']
  family: string | null
}

export interface WorkReportFixture {
  note: string
  documents: Record<string, { split: 'dev' | 'test' }>
  figures: GoldFigure[]
}

export function readWorkReportFixture(): WorkReportFixture {
  const path = fileURLToPath(new URL('../fixtures/work-report-figures.json', import.meta.url))
  return JSON.parse(readFileSync(path, 'utf8')) as WorkReportFixture
}

type Found = Pick<
  Target,
  | 'text'
  | 'value'
  | 'valueMax'
  | 'unit'
  | 'comparator'
  | 'status'
  | 'year'
  | 'yearFrom'
  | 'direction'
  | 'kind'
  | 'metricFamily'
  | 'metric'
> & { span: [number, number] }

/** A gold figure and the target found over it (or null), with where the figure is in the source. */
export interface Reading {
  gold: GoldFigure
  found: Found | null
  span: [number, number]
}

/** Targets of a report read paragraph by paragraph, spans in the decoded source text. */
function paragraphTargets(text: string, year: number): Found[] {
  const normalized = normalizeText(text)
  const out: Found[] = []
  let scope: TimeScope | null = null
  let offset = 0
  for (const line of normalized.text.split('\n')) {
    const context = { year, period: null, scope }
    for (const t of extractTargets(line, context)) {
      const span = toSourceSpan(normalized, [offset + t.span[0], offset + t.span[1]]) as [number, number]
      out.push({ ...(t as TargetDraft), span })
    }
    scope = readTimeScope(line, context)
    offset += line.length + 1
  }
  return out
}

function pipelineTargets(file: string, year: number): { text: string; targets: Found[] } {
  const doc = readDocument(corpusPath(file), { year })
  return { text: doc.sourceText, targets: doc.items.flatMap((i) => i.targets) }
}

/** Every gold figure of the fixture's documents of `split` with the target read over it. */
export function readWorkReports(mode: 'paragraphs' | 'pipeline', split: 'dev' | 'test' | 'all'): Reading[] {
  const fixture = readWorkReportFixture()
  const years = new Map(readCatalog().map((e) => [e.file, e.year]))
  const out: Reading[] = []
  const files = Object.keys(fixture.documents).filter(
    (f) => split === 'all' || fixture.documents[f]?.split === split,
  )
  for (const file of files) {
    const year = years.get(file) as number
    const { text, targets } =
      mode === 'pipeline'
        ? pipelineTargets(file, year)
        : (() => {
            const text = readSource(corpusPath(file)).text
            return { text, targets: paragraphTargets(text, year) }
          })()
    const used = new Set<Found>()
    for (const gold of fixture.figures.filter((g) => g.file === file)) {
      const at =
        text.indexOf(gold.passage) + gold.passage.indexOf(gold.anchor) + gold.anchor.indexOf(gold.figure)
      const span: [number, number] = [at, at + gold.figure.length]
      const found = targets.find((t) => !used.has(t) && t.span[0] < span[1] && t.span[1] > span[0]) ?? null
      if (found) used.add(found)
      out.push({ gold, found, span })
    }
  }
  return out
}

/** Value, range, unit and comparator as labelled. */
export function figureRight(r: Reading): boolean {
  const t = r.found
  return (
    t !== null &&
    t.value === r.gold.value &&
    t.valueMax === r.gold.valueMax &&
    t.unit === r.gold.unit &&
    t.comparator === r.gold.comparator
  )
}

/** The measures of the aims and the agreement on each field. */
export function measure(readings: Reading[]) {
  const goals = readings.filter((r) => r.gold.part === 'goals')
  const results = readings.filter((r) => r.gold.status !== 'planned')
  const resultsFound = results.filter((r) => r.found)
  const found = readings.filter((r) => r.found)
  const share = (list: Reading[], ok: (r: Reading) => boolean) =>
    list.length === 0 ? 1 : list.filter(ok).length / list.length
  const withFamily = found.filter((r) => r.gold.family !== null)
  return {
    figures: readings.length,
    found: found.length / readings.length,
    mainTargets: goals.length,
    mainTargetsRight: share(goals, figureRight),
    results: results.length,
    resultsFound: resultsFound.length,
    resultsAsPlanned: share(resultsFound, (r) => r.found?.status === 'planned'),
    status: share(found, (r) => r.found?.status === r.gold.status),
    year: share(found, (r) => r.found?.year === r.gold.year),
    yearFrom: share(found, (r) => r.found?.yearFrom === r.gold.yearFrom),
    kind: share(found, (r) => r.found?.kind === r.gold.kind),
    direction: share(found, (r) => r.found?.direction === r.gold.direction),
    figure: share(found, figureRight),
    families: withFamily.length,
    family: share(withFamily, (r) => r.found?.metricFamily === r.gold.family),
  }
}
