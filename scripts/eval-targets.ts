/**
 * How the extractor reads government work reports, against the hand-labelled figures of
 * test/fixtures/work-report-figures.json (see its note for how they were made).
 *
 *   npx tsx scripts/eval-targets.ts                 # the aims' figures, dev and test documents
 *   npx tsx scripts/eval-targets.ts --errors dev    # and every disagreement on the dev documents
 *
 * Main targets right: value, range, unit and comparator as labelled, over every figure of the goals
 * paragraphs (a figure not found counts as wrong). Results read as planned: among the results the
 * reports give (achieved, baseline, estimate) that were found, the share output as planned. The other
 * rows are agreement on each field over the figures found.
 */
import { measure, readWorkReports } from '../test/helpers/work-reports.js'

const pct = (x: number) => `${(100 * x).toFixed(1)}%`

function main(): void {
  const errorsOf = process.argv.includes('--errors')
    ? process.argv[process.argv.indexOf('--errors') + 1]
    : null
  for (const mode of ['paragraphs', 'pipeline'] as const) {
    for (const split of ['dev', 'test'] as const) {
      const readings = readWorkReports(mode, split)
      const m = measure(readings)
      console.log(
        `${mode.padEnd(10)} ${split.padEnd(4)} figures ${m.figures}, found ${pct(m.found)} | main targets right ${pct(m.mainTargetsRight)} of ${m.mainTargets} | results as planned ${pct(m.resultsAsPlanned)} of ${m.resultsFound} found (${m.results} labelled)`,
      )
      console.log(
        `${' '.repeat(16)}status ${pct(m.status)}, year ${pct(m.year)}, yearFrom ${pct(m.yearFrom)}, kind ${pct(m.kind)}, direction ${pct(m.direction)}, value/unit/comparator ${pct(m.figure)}, family ${pct(m.family)} of ${m.families}`,
      )
      if (errorsOf !== split || mode !== 'paragraphs') continue
      for (const r of readings) {
        const g = r.gold
        const t = r.found
        const diffs: string[] = []
        if (!t) diffs.push('not found')
        else {
          for (const [field, want, got] of [
            ['value', g.value, t.value],
            ['valueMax', g.valueMax, t.valueMax],
            ['unit', g.unit, t.unit],
            ['comparator', g.comparator, t.comparator],
            ['status', g.status, t.status],
            ['year', g.year, t.year],
            ['yearFrom', g.yearFrom, t.yearFrom],
            ['kind', g.kind, t.kind],
            ['direction', g.direction, t.direction],
            ['family', g.family, t.metricFamily],
          ] as const) {
            if (want !== got) diffs.push(`${field} ${want} -> ${got}`)
          }
        }
        if (diffs.length)
          console.log(
            `  ${g.file.split('/')[1]?.slice(0, 10)} ${g.part} ${g.anchor} [${t?.metric ?? ''}]: ${diffs.join('; ')}`,
          )
      }
    }
  }
}

main()
