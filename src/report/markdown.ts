/**
 * A readable summary in Markdown (GitHub flavour): the documents, the evolution of each jurisdiction
 * (new, dropped and continued goals), every thread with its items in order and their word diffs
 * (~~removed~~ **added**), and the target trajectories.
 */

import { expectOptions, expectReport } from '../arguments.js'
import { formatNumber } from '../diff/index.js'
import { itemBody } from '../extract/index.js'
import type { DiffPart, ItemDiff, ReportOutput, Trajectory } from '../model/report.js'
import {
  documentName,
  formatScore,
  indexReport,
  itemName,
  LEVEL_LABEL,
  sortDocuments,
  truncate,
} from './shared.js'
import { orderedThreads } from './threads.js'

export interface ToMarkdownOptions {
  /** Title of the summary (default `Plan cascade report`). */
  title?: string
}

/** The report as a Markdown summary. */
export function toMarkdown(report: ReportOutput, options: ToMarkdownOptions = {}): string {
  expectReport(report, 'toMarkdown')
  expectOptions(options, 'toMarkdown')
  const index = indexReport(report)
  const out: string[] = []
  const items = report.documents.reduce((n, d) => n + d.items.length, 0)
  out.push(`# ${escapeMarkdown(options.title ?? 'Plan cascade report')}`, '')
  out.push(
    `${report.documents.length} documents, ${items} items, ${report.links.length} links, ${report.threads.length} threads, ${report.trajectories.length} target trajectories.`,
    '',
  )

  out.push('## Documents', '')
  out.push(
    '| id | title | jurisdiction | level | year | items | targets |',
    '|---|---|---|---|---|---:|---:|',
  )
  for (const d of sortDocuments(report.documents)) {
    const level = d.jurisdiction ? LEVEL_LABEL[d.jurisdiction.level] : ''
    out.push(
      `| ${cell(d.id)} | ${cell(d.title)} | ${cell(d.jurisdiction?.name ?? '')} | ${level} | ${d.year ?? ''} | ${d.items.length} | ${d.items.reduce((n, i) => n + i.targets.length, 0)} |`,
    )
  }
  out.push('')

  out.push('## Evolution', '')
  if (report.evolution.length === 0)
    out.push('_No jurisdiction has two documents in this corpus, or no evolution was computed._', '')
  const diffs = new Map(report.diffs.map((d) => [`${d.from}\u0000${d.to}`, d]))
  for (const pair of report.evolution) {
    const from = index.documents.get(pair.from)
    const to = index.documents.get(pair.to)
    out.push(
      `### ${escapeMarkdown(from ? documentName(from) : pair.from)} → ${escapeMarkdown(to ? documentName(to) : pair.to)}`,
      '',
    )
    out.push(
      `${pair.continued.length} continued, ${pair.new.length} new, ${pair.dropped.length} dropped goals.`,
      '',
    )
    const name = (id: string) => {
      const found = index.items.get(id)
      return found ? `\`${id}\` ${escapeMarkdown(itemName(found.item))}` : `\`${id}\``
    }
    if (pair.continued.length) {
      out.push('**Continued**', '')
      for (const c of pair.continued) {
        out.push(`- ${name(c.from)} → ${name(c.to)} (score ${formatScore(c.score)})`)
        const diff = diffs.get(`${c.from}\u0000${c.to}`)
        for (const t of diff?.targets ?? [])
          if (t.change !== 'added' && t.change !== 'dropped') out.push(`  - ${escapeMarkdown(t.summary)}`)
      }
      out.push('')
    }
    if (pair.new.length) {
      out.push('**New**', '', ...pair.new.map((id) => `- ${name(id)}`), '')
    }
    if (pair.dropped.length) {
      out.push('**Dropped**', '', ...pair.dropped.map((id) => `- ${name(id)}`), '')
    }
  }

  out.push('## Threads', '')
  if (report.threads.length === 0) out.push('_No thread: no goal was found in two documents._', '')
  for (const thread of orderedThreads(report)) {
    const topic = thread.topic ? (index.topics.get(thread.topic) ?? thread.topic) : null
    out.push(`### ${escapeMarkdown(thread.label)} (\`${thread.id}\`)`, '')
    const facts = [
      topic ? `topic: ${escapeMarkdown(topic)}` : null,
      thread.terms.length ? `terms: ${escapeMarkdown(thread.terms.join('、'))}` : null,
    ]
    if (facts.some(Boolean)) out.push(facts.filter(Boolean).join(' · '), '')
    thread.steps.forEach((step, k) => {
      const found = index.items.get(step.to)
      if (!found) return
      const { item, doc } = found
      const where = `**${escapeMarkdown(documentName(doc))}** ${doc.jurisdiction ? LEVEL_LABEL[doc.jurisdiction.level] : ''} \`${item.id}\``
      out.push(`${k + 1}. ${where}`)
      const diff = step.from ? diffs.get(`${step.from}\u0000${step.to}`) : undefined
      if (diff && step.from) {
        const base = index.items.get(step.from)
        out.push(
          `   compared with ${base ? escapeMarkdown(documentName(base.doc)) : ''} \`${step.from}\` (${Math.round(diff.overlap * 100)}% shared words):`,
          '',
        )
        out.push(`   > ${renderDiff(diff.parts)}`, '')
        out.push(...diffDetails(diff, item.responsible !== null).map((line) => `   ${line}`))
      } else {
        out.push('', `   > ${escapeMarkdown(itemBody(item)).replace(/\s+/g, joinLines)}`, '')
        if (item.responsible)
          out.push(
            `   - Responsible: ${escapeMarkdown([...item.responsible.lead, ...item.responsible.related].join('、'))}`,
          )
        for (const t of item.targets)
          out.push(`   - Target: ${escapeMarkdown(t.text)} (${t.kind}${t.year ? `, ${t.year}` : ''})`)
      }
      out.push('')
    })
  }

  out.push('## Target trajectories', '')
  const plotted = report.trajectories.filter((t) => t.points.length > 1)
  if (plotted.length === 0) out.push('_No metric family has two figures._', '')
  for (const trajectory of plotted) out.push(...trajectoryTable(trajectory))
  const single = report.trajectories.filter((t) => t.points.length === 1)
  if (single.length) {
    out.push(
      '### Single figures',
      '',
      '| metric | jurisdiction | year | figure | kind |',
      '|---|---|---|---|---|',
    )
    for (const t of single) {
      const p = t.points[0]!
      out.push(
        `| ${cell(t.label)} | ${cell(p.jurisdiction ?? '')} | ${p.year ?? ''} | ${cell(p.text)} | ${p.kind} |`,
      )
    }
    out.push('')
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`
}

/**
 * Target changes and responsible units of a diff, as list lines. An item without a responsibility
 * clause names no units: that is not dropping them, so its units are left out.
 */
function diffDetails(diff: ItemDiff, namesUnits: boolean): string[] {
  const lines: string[] = []
  for (const t of diff.targets) lines.push(`- Target: ${escapeMarkdown(t.summary)}`)
  const { kept, added, removed } = diff.units
  if (namesUnits && (kept.length || added.length || removed.length)) {
    const units = [
      ...kept.map(escapeMarkdown),
      ...added.map((u) => `**+${escapeMarkdown(u)}**`),
      ...removed.map((u) => `~~${escapeMarkdown(u)}~~`),
    ]
    lines.push(`- Responsible: ${units.join('、')}`)
  }
  return lines
}

function trajectoryTable(trajectory: Trajectory): string[] {
  const unit = trajectory.unit ? ` (${trajectory.unit})` : ''
  const lines = [
    `### ${escapeMarkdown(trajectory.label)}${escapeMarkdown(unit)}`,
    '',
    trajectory.labelEn
      ? `${escapeMarkdown(trajectory.labelEn)} · \`${trajectory.id}\``
      : `\`${trajectory.id}\``,
    '',
    '| year | jurisdiction | level | value | figure | kind | item |',
    '|---:|---|---|---:|---|---|---|',
  ]
  for (const p of trajectory.points) {
    const level = p.level ? LEVEL_LABEL[p.level] : ''
    lines.push(
      `| ${p.year ?? ''} | ${cell(p.jurisdiction ?? '')} | ${level} | ${formatNumber(p.normalized)} | ${cell(p.text)} | ${p.kind} | \`${p.itemId}\` |`,
    )
  }
  lines.push('')
  return lines
}

/**
 * A diff as Markdown: ~~removed~~ **added**. CommonMark only closes a delimiter run that flanks a word,
 * and Chinese punctuation next to a delimiter (`据**，新增**`) breaks that, so a run with punctuation or
 * space at a flank is written as <del>/<ins> instead, which GitHub renders the same way.
 */
export function renderDiff(parts: DiffPart[]): string {
  let out = ''
  parts.forEach((part, k) => {
    const text = escapeMarkdown(part.text.replace(/\s+/g, joinLines))
    if (part.op === 'same') {
      out += text
      return
    }
    const before = out.slice(-1)
    const following = parts[k + 1]
    // A change that follows starts with its own marker (* or <), which counts as punctuation.
    const next = following ? (following.op === 'same' ? (following.text[0] ?? '') : '*') : ''
    const marker = part.op === 'removed' ? '~~' : '**'
    const tag = part.op === 'removed' ? 'del' : 'ins'
    out += flanks(text, before, next) ? `${marker}${text}${marker}` : `<${tag}>${text}</${tag}>`
  })
  return out
}

const PUNCTUATION_OR_SPACE = /^[\p{P}\p{S}\s]$/u

/** True when `marker text marker` is a valid emphasis between `before` and `after` (CommonMark flanking). */
function flanks(text: string, before: string, after: string): boolean {
  const first = [...text][0] ?? ''
  const last = [...text].slice(-1)[0] ?? ''
  if (!first || /\s/.test(first) || /\s/.test(last)) return false
  const opens = !PUNCTUATION_OR_SPACE.test(first) || before === '' || PUNCTUATION_OR_SPACE.test(before)
  const closes = !PUNCTUATION_OR_SPACE.test(last) || after === '' || PUNCTUATION_OR_SPACE.test(after)
  return opens && closes
}

/** Escapes the characters Markdown would read as syntax (a `>` only starts a quote at a line's start). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_~[\]<|#]/g, (c) => `\\${c}`)
}

/** A table cell: escaped, on one line, not too long. */
function cell(text: string): string {
  return escapeMarkdown(truncate(text, 80))
}

/** A run of white space holding a line break becomes one space; other runs stay (one linear pass). */
function joinLines(run: string): string {
  return run.includes('\n') ? ' ' : run
}
