/**
 * Precision and recall of `tagTopics` against the hand-labelled passages of
 * test/fixtures/topics-gold.json.
 *
 *   npx tsx scripts/eval-topics.ts            # totals, per document and per topic
 *   npx tsx scripts/eval-topics.ts --errors   # and every missed or extra topic
 *
 * How the fixture was labelled (by reading, before the tagger existed): a passage gets a topic when a
 * task or target of the passage is about it. A technology named in passing in a list (推动云计算、
 * 大数据、物联网、人工智能等与实体经济融合) and the units of the responsibility clause do not count.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { findPackageRoot, loadLexicon, tagTopics } from '../src/lexicon/index.js'

interface GoldPassage {
  doc: string
  anchor: string
  topics: string[]
}

/** The lead phrase of a passage: the first sentence when it is short and has no comma (推进数字乡村建设。). */
function leadPhrase(text: string): string {
  const end = text.indexOf('。')
  const first = end < 0 ? '' : text.slice(0, end)
  return first.length > 0 && first.length <= 30 && !/[,，;；]/.test(first) ? first : ''
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b
}

function main(): void {
  const root = findPackageRoot()
  const gold = JSON.parse(readFileSync(join(root, 'test/fixtures/topics-gold.json'), 'utf8')) as GoldPassage[]
  const lexicon = loadLexicon()
  const showErrors = process.argv.includes('--errors')
  const perTopic = new Map<string, { tp: number; fp: number; fn: number }>()
  const perDoc = new Map<string, { tp: number; fp: number; fn: number }>()
  const count = (map: Map<string, { tp: number; fp: number; fn: number }>, key: string) => {
    const entry = map.get(key) ?? { tp: 0, fp: 0, fn: 0 }
    map.set(key, entry)
    return entry
  }
  let tp = 0
  let fp = 0
  let fn = 0
  const errors: string[] = []
  for (const passage of gold) {
    const predicted = tagTopics({ heading: leadPhrase(passage.anchor), text: passage.anchor }, lexicon).map(
      (tag) => tag.id,
    )
    const expected = new Set(passage.topics)
    const doc = count(perDoc, passage.doc)
    for (const id of predicted) {
      const hit = expected.has(id)
      if (hit) tp++
      else fp++
      count(perTopic, id)[hit ? 'tp' : 'fp']++
      doc[hit ? 'tp' : 'fp']++
    }
    for (const id of expected) {
      if (predicted.includes(id)) continue
      fn++
      count(perTopic, id).fn++
      doc.fn++
    }
    const extra = predicted.filter((id) => !expected.has(id))
    const missed = [...expected].filter((id) => !predicted.includes(id))
    if (extra.length + missed.length > 0) {
      errors.push(
        `${passage.doc} ${passage.anchor.slice(0, 24)}…  extra: ${extra.join(',') || '-'}  missed: ${missed.join(',') || '-'}`,
      )
    }
  }
  const precision = ratio(tp, tp + fp)
  const recall = ratio(tp, tp + fn)
  const f1 = (2 * precision * recall) / (precision + recall || 1)
  const out: string[] = []
  out.push(`passages ${gold.length}, gold labels ${tp + fn}, predicted ${tp + fp}`)
  out.push(`precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}`)
  out.push('', 'per document:')
  for (const [doc, c] of [...perDoc].sort()) {
    out.push(
      `  ${doc.padEnd(16)} P ${ratio(c.tp, c.tp + c.fp).toFixed(3)}  R ${ratio(c.tp, c.tp + c.fn).toFixed(3)}`,
    )
  }
  out.push('', 'per topic (tp fp fn):')
  for (const [id, c] of [...perTopic].sort()) out.push(`  ${id.padEnd(24)} ${c.tp} ${c.fp} ${c.fn}`)
  if (showErrors) out.push('', 'errors:', ...errors.map((line) => `  ${line}`))
  process.stdout.write(`${out.join('\n')}\n`)
}

main()
