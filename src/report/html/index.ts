/**
 * The HTML report: one standalone file that works offline (styles, script, diagram and charts inline;
 * a Content-Security-Policy forbids any request). For a person who wants to look rather than read:
 *
 * - overview: the cascade diagram (documents by level and year, threads flowing between them);
 * - threads: each thread's items side by side in level and year order, with word diffs (<del>/<ins>),
 *   target changes, targets and responsible units;
 * - evolution: new, dropped and continued goals of each jurisdiction;
 * - target trajectories: one chart per metric family, drawn by the page's script from compact data
 *   (chart-data.ts: a few hundred bytes a chart, where inline SVG took 20 kB), its figures in a table;
 * - documents; filters by topic, level and year, and a search box.
 *
 * Same report in, same bytes out: no timestamps, no random ids, stable orders.
 */

import { expectArrayOf, expectOptions, expectReport, isRecord } from '../../arguments.js'
import { formatNumber } from '../../diff/index.js'
import { itemBody } from '../../extract/responsible.js'
import type { PlanDocument, PlanItem, Target } from '../../model/index.js'
import type {
  DiffPart,
  Fulfilment,
  ItemDiff,
  ReportOutput,
  TargetChange,
  Trajectory,
} from '../../model/report.js'
import {
  documentName,
  escapeXml,
  formatScore,
  indexReport,
  levelRank,
  type ReportIndex,
  sortDocuments,
  truncate,
} from '../shared.js'
import { type OrderedThread, orderedThreads } from '../threads.js'
import { renderCascade } from './cascade.js'
import {
  type ChartData,
  chartJson,
  fulfilmentChartData,
  scriptJson,
  trajectoryChartData,
} from './chart-data.js'
import { CHART_SCRIPT } from './chart-script.js'
import { chartUnit, fulfilmentUnit, jurisdictionColors } from './charts.js'
import { SCRIPT } from './script.js'
import { createTranslator, type ReportLanguage, stringsJson, type Translator } from './strings.js'
import { STYLE } from './style.js'

export { documentFlows, renderCascade } from './cascade.js'
export {
  chartUnit,
  fulfilmentSpec,
  jurisdictionColors,
  prefixIds,
  renderTrajectoryChart,
  robustDomain,
  trajectorySpec,
} from './charts.js'
export { fillText, loadReportStrings, type ReportLanguage, type ReportStrings } from './strings.js'

export interface ToHtmlOptions {
  /** Title of the page (default 规划级联报告 / Plan cascade report). */
  title?: string
  /**
   * Language the page opens in: `zh` (default) or `en`. The page has a switch to the other one; the
   * words are in data/report-strings.json.
   */
  language?: ReportLanguage
}

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

/**
 * The report as one standalone HTML page. Without JavaScript the page shows its tables (documents,
 * evolution, figures) and says that threads and charts need it. Async for the sake of callers written
 * when the charts were rendered by vega.
 */
export async function toHtml(report: ReportOutput, options: ToHtmlOptions = {}): Promise<string> {
  expectReport(report, 'toHtml') // rejects: the function is async
  expectOptions(options, 'toHtml')
  const index = indexReport(report)
  const threads = orderedThreads(report)
  const diffs = new Map(report.diffs.map((d) => [pairKey(d.from, d.to), d]))
  const documents = sortDocuments(report.documents)
  const tr = createTranslator(options.language ?? 'zh')
  const title = options.title ?? null
  const titleHtml = title ? escapeXml(title) : tr.text('title')
  const itemCount = report.documents.reduce((n, d) => n + d.items.length, 0)
  const targetCount = report.documents.reduce(
    (n, d) => n + d.items.reduce((m, i) => m + i.targets.length, 0),
    0,
  )
  const texts = new ItemTexts()
  const cards = new CardDocuments(documents)
  const charts = renderCharts(report, documents, tr)
  const fulfilment = renderFulfilment(report, tr)

  const levels = [...new Set(documents.map((d) => d.jurisdiction?.level).filter((l) => l !== undefined))]
  const years = [...new Set(documents.map((d) => d.year).filter((y): y is number => y !== null))].sort()
  const topicCounts = new Map<string, number>()
  for (const thread of threads)
    for (const topic of threadTopics(thread, index)) topicCounts.set(topic, (topicCounts.get(topic) ?? 0) + 1)
  const topics = [...topicCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))

  const html: string[] = []
  html.push(
    '<!doctype html>',
    `<html lang="${tr.language === 'zh' ? 'zh-CN' : 'en'}" data-language="${tr.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="plan-cascade">',
    '<link rel="icon" href="data:,">',
    title ? `<title>${titleHtml}</title>` : `<title data-i18n="title">${titleHtml}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header class="top">',
    '<div>',
    title ? `<h1>${titleHtml}</h1>` : tr.el('title', undefined, 'h1'),
    `<p class="sub">${escapeXml(documents.map((d) => documentName(d)).join(' · '))}</p>`,
    '</div>',
    '<ul class="stats">',
    ...(
      [
        ['stat-documents', report.documents.length],
        ['stat-items', itemCount],
        ['stat-targets', targetCount],
        ['stat-links', report.links.length],
        ['stat-threads', report.threads.length],
      ] as const
    ).map(([key, n]) => `<li><b>${n}</b>${tr.el(key, { n })}</li>`),
    '</ul>',
    `<nav class="tabs" ${tr.attrs({ 'aria-label': 'sections' })}>`,
    `<a href="#overview">${tr.el('tab-overview')}</a><a href="#threads">${tr.el('tab-threads')}</a><a href="#evolution">${tr.el('tab-evolution')}</a>`,
    `<a href="#trajectories">${tr.el('tab-targets')}</a><a href="#fulfilment">${tr.el('tab-fulfilment')}</a><a href="#documents">${tr.el('tab-documents')}</a>`,
    '</nav>',
    `<button type="button" class="link-button lang-switch" id="lang" ${tr.attrs({ 'aria-label': 'switch-label' })}>${tr.el('switch')}</button>`,
    '</header>',
    `<noscript><p class="empty panel" data-i18n="no-script">${tr.text('no-script')}</p></noscript>`,
  )

  // Filters
  html.push(
    '<form class="filters" role="search" onsubmit="return false">',
    `<input type="search" id="q" ${tr.attrs({ placeholder: 'search-placeholder', 'aria-label': 'search' })} autocomplete="off">`,
  )
  if (topics.length > 0) {
    html.push(
      `<select id="topic" ${tr.attrs({ 'aria-label': 'topic' })}><option value="" data-i18n="all-topics">${tr.text('all-topics')}</option>`,
    )
    for (const [id, n] of topics) {
      html.push(`<option value="${escapeXml(id)}">${escapeXml(index.topics.get(id) ?? id)} (${n})</option>`)
    }
    html.push('</select>')
  }
  if (levels.length > 0) {
    html.push(`<fieldset>${tr.el('level', undefined, 'legend')}`)
    for (const level of levels.sort((a, b) => levelRank(a) - levelRank(b))) {
      html.push(
        `<label class="chip"><input type="checkbox" name="level" value="${level}" checked><span class="dot level-${level}"></span>${tr.el(`level-${level}`)}</label>`,
      )
    }
    html.push('</fieldset>')
  }
  if (years.length > 0) {
    html.push(`<fieldset>${tr.el('year', undefined, 'legend')}`)
    for (const year of years) {
      html.push(
        `<label class="chip"><input type="checkbox" name="year" value="${year}" checked>${year}</label>`,
      )
    }
    html.push('</fieldset>')
  }
  html.push(
    `<span class="active-filter" id="picked" hidden><span id="picked-label"></span><button type="button" id="picked-clear" ${tr.attrs({ 'aria-label': 'clear' })}>×</button></span>`,
    `<button type="button" class="link-button" id="reset">${tr.el('reset')}</button>`,
    '<span class="count" id="count" aria-live="polite"></span>',
    '</form>',
    '<main>',
  )

  // Overview
  html.push(
    '<section id="overview">',
    tr.el('cascade', undefined, 'h2'),
    `<p class="hint" data-i18n="cascade-hint">${tr.text('cascade-hint')}</p>`,
    '<div class="panel">',
    `<figure class="cascade">${renderCascade(report, threads, tr)}</figure>`,
    `<div class="legend"><span class="cascade">${tr.el('legend-cascade')}</span><span class="evolution">${tr.el('legend-evolution')}</span><span class="peer">${tr.el('legend-peer')}</span></div>`,
    '</div>',
    '</section>',
  )

  // Threads
  html.push(
    '<section id="threads">',
    tr.el('threads', undefined, 'h2'),
    `<p class="hint" data-i18n="threads-hint">${tr.text('threads-hint')}</p>`,
  )
  if (threads.length === 0)
    html.push(`<p class="empty panel" data-i18n="no-thread">${tr.text('no-thread')}</p>`)
  html.push(
    `<div class="thread-layout"${threads.length === 0 ? ' hidden' : ''}>`,
    `<nav class="thread-list panel" ${tr.attrs({ 'aria-label': 'threads' })}><ol>`,
  )
  html.push(...threads.map((thread, k) => threadButton(thread, k, index, tr)))
  html.push(
    `</ol><p class="empty" id="no-threads" hidden data-i18n="no-thread-match">${tr.text('no-thread-match')}</p></nav>`,
    '<div class="thread-view">',
    `<p class="placeholder" id="thread-placeholder" data-i18n="select-thread">${tr.text('select-thread')}</p>`,
  )
  for (const thread of threads) html.push(threadDetail(thread, index, diffs, texts, cards, tr))
  html.push('</div>', '</div>', '</section>')

  // Evolution
  html.push(
    '<section id="evolution">',
    tr.el('evolution', undefined, 'h2'),
    `<p class="hint" data-i18n="evolution-hint">${tr.text('evolution-hint')}</p>`,
  )
  if (report.evolution.length === 0) {
    html.push(`<p class="empty panel" data-i18n="no-evolution">${tr.text('no-evolution')}</p>`)
  }
  // A continued goal that is a thread's step shows that step's diff, copied from the thread's
  // <template> when opened: each diff is on the page once.
  const stepThreads = new Map<string, string>()
  for (const thread of threads)
    for (const step of thread.steps) if (step.from) stepThreads.set(pairKey(step.from, step.to), thread.id)
  for (const pair of report.evolution) html.push(evolutionPair(pair, index, diffs, stepThreads, texts, tr))
  html.push('</section>')

  // Trajectories
  html.push(
    '<section id="trajectories">',
    tr.el('trajectories', undefined, 'h2'),
    `<p class="hint" data-i18n="trajectories-hint">${tr.text('trajectories-hint')}</p>`,
  )
  html.push(...charts)
  html.push('</section>')

  // Fulfilment
  html.push(
    '<section id="fulfilment">',
    tr.el('fulfilment', undefined, 'h2'),
    `<p class="hint" data-i18n="fulfilment-hint">${tr.text('fulfilment-hint')}</p>`,
  )
  html.push(...fulfilment)
  html.push('</section>')

  // Documents
  html.push(
    '<section id="documents">',
    tr.el('documents', undefined, 'h2'),
    documentTable(documents, threads, tr),
    '</section>',
  )

  html.push(
    '</main>',
    `<footer>${tr.el('footer', { n: report.schemaVersion })}</footer>`,
    `<script type="application/json" id="report-strings">${stringsJson()}</script>`,
    `<script type="application/json" id="item-texts">${scriptJson(texts.texts)}</script>`,
    `<script type="application/json" id="card-documents">${scriptJson(cards.rows)}</script>`,
    `<script>${SCRIPT}${CHART_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  )
  return html.join('\n')
}

/**
 * Each item's text once on the page, however many cards and diffs show it: a diff is the lengths of
 * its parts over the two texts (script.ts, `renderText`). The removed words of a star-shaped thread
 * repeated its first item's text in every card; texts and diffs were two fifths of the page.
 */
class ItemTexts {
  readonly texts: string[] = []
  private readonly numbers = new Map<string, number>()
  /** The item's number in the page's `#item-texts`: its text as the diffs cut it (`itemBody`). */
  number(item: PlanItem): number {
    let k = this.numbers.get(item.id)
    if (k === undefined) {
      k = this.texts.length
      this.texts.push(itemBody(item))
      this.numbers.set(item.id, k)
    }
    return k
  }
  /**
   * The element of a text, or of a diff from `base` to `item`, that the script fills in. A diff whose
   * parts are not the two texts cut in pieces (words folded to one width keep one side's form) is
   * written out as markup.
   */
  element(className: string, item: PlanItem, base?: PlanItem, parts?: readonly DiffPart[]): string {
    const open = `<div class="${className}" lang="zh"`
    if (!base || !parts) return `${open} data-t="${this.number(item)}"></div>`
    const codes = diffCodes(parts, itemBody(base), itemBody(item))
    if (codes === null) return `${open}>${renderDiffHtml([...parts])}</div>`
    return `${open} data-t="${this.number(item)}" data-b="${this.number(base)}" data-d="${codes}"></div>`
  }
}

/**
 * A diff as the lengths of its parts, each `length × 3 + op` (0 same, 1 removed, 2 added): the same and
 * removed parts spell `base`, the same and added ones `text`. Null when they do not.
 */
function diffCodes(parts: readonly DiffPart[], base: string, text: string): string | null {
  const codes: number[] = []
  let i = 0
  let j = 0
  for (const part of parts) {
    const n = part.text.length
    if (part.op !== 'added') {
      if (!base.startsWith(part.text, i)) return null
      i += n
    }
    if (part.op !== 'removed') {
      if (!text.startsWith(part.text, j)) return null
      j += n
    }
    codes.push(n * 3 + (part.op === 'same' ? 0 : part.op === 'removed' ? 1 : 2))
  }
  return i === base.length && j === text.length ? codes.join(',') : null
}

/**
 * What a card says of its document (level, name, title) and of the document it is compared with, once
 * per document: `#card-documents` rows `[level, name, title]`, numbered by `data-doc` (script.ts,
 * `renderCards`). Written in every card they were a fifth of the page.
 */
class CardDocuments {
  readonly rows: Array<[string, string, string]>
  private readonly numbers: Map<string, number>
  constructor(documents: readonly PlanDocument[]) {
    this.rows = documents.map((d) => [d.jurisdiction?.level ?? '', documentName(d), d.title])
    this.numbers = new Map(documents.map((d, k) => [d.id, k]))
  }
  number(doc: PlanDocument): number {
    return this.numbers.get(doc.id) ?? -1
  }
}

function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`
}

/** Topic ids a thread is filed under: its own topic and its members' main topics. */
function threadTopics(thread: OrderedThread, index: ReportIndex): string[] {
  const topics = new Set<string>()
  if (thread.topic) topics.add(thread.topic)
  for (const id of thread.items) {
    const topic = index.items.get(id)?.item.topics[0]?.id
    if (topic) topics.add(topic)
  }
  return [...topics].sort()
}

/** Lower-cased text a search runs over. */
function searchText(parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .join(' ')
    .replace(/\s+/g, ' ')
    .toLowerCase()
}

function membersOf(thread: OrderedThread, index: ReportIndex): Array<{ item: PlanItem; doc: PlanDocument }> {
  return thread.steps.flatMap((s) => {
    const found = index.items.get(s.to)
    return found ? [found] : []
  })
}

function threadButton(thread: OrderedThread, k: number, index: ReportIndex, tr: Translator): string {
  const members = membersOf(thread, index)
  const docs = [...new Set(members.map((m) => m.doc))]
  const levels = [...new Set(docs.map((d) => d.jurisdiction?.level).filter(Boolean))]
  const years = [...new Set(docs.map((d) => d.year).filter((y) => y !== null))]
  const search = searchText([
    thread.label,
    thread.id,
    thread.topic ? index.topics.get(thread.topic) : null,
    ...thread.terms,
    // Not the items' text: the page holds it once, in the thread's <template>, and the script
    // searches that (a second copy here made the page of 21 national reports twice its size).
    ...members.flatMap((m) => [
      m.item.id,
      m.item.heading,
      documentName(m.doc),
      m.doc.title,
      ...(m.item.responsible ? [...m.item.responsible.lead, ...m.item.responsible.related] : []),
    ]),
  ])
  const dots = docs
    .map(
      (d) =>
        `<span class="dot level-${d.jurisdiction?.level ?? 'other'}" title="${escapeXml(documentName(d))}"></span>`,
    )
    .join('')
  const topic = thread.topic ? (index.topics.get(thread.topic) ?? thread.topic) : ''
  return [
    '<li>',
    `<button type="button" class="thread-button" data-thread-id="${escapeXml(thread.id)}" data-index="${k}" data-topics="${escapeXml(threadTopics(thread, index).join(' '))}" data-levels="${levels.join(' ')}" data-years="${years.join(' ')}" data-docs="${escapeXml(docs.map((d) => d.id).join(' '))}" data-search="${escapeXml(search)}" aria-selected="false">`,
    `<span class="label">${escapeXml(thread.label)}</span>`,
    `<span class="meta"><span class="dots">${dots}</span>${tr.el('thread-meta', { n: members.length })} · ${escapeXml(docs.map((d) => documentName(d)).join(', '))}${topic ? ` · ${escapeXml(topic)}` : ''}</span>`,
    '</button>',
    '</li>',
  ].join('')
}

function threadDetail(
  thread: OrderedThread,
  index: ReportIndex,
  diffs: Map<string, ItemDiff>,
  texts: ItemTexts,
  cards: CardDocuments,
  tr: Translator,
): string {
  const members = membersOf(thread, index)
  const docs = [...new Set(members.map((m) => m.doc))]
  const topic = thread.topic ? (index.topics.get(thread.topic) ?? thread.topic) : null
  // Inside a <template>: inert until the thread is opened (the script clones it in), so a page with
  // thousands of threads lays out one of them, not all.
  const out: string[] = [
    `<template class="thread-template" data-thread-id="${escapeXml(thread.id)}">`,
    `<article class="thread-detail" data-thread-id="${escapeXml(thread.id)}" hidden>`,
    '<header>',
    `<h3>${escapeXml(thread.label)}</h3>`,
    `<p class="meta">${topic ? `<span class="tag">${escapeXml(topic)}</span>` : ''}${thread.terms.map((t) => `<span class="tag">${escapeXml(t)}</span>`).join('')} ${tr.el('thread-size', { n: members.length, m: docs.length })} · <code>${escapeXml(thread.id)}</code></p>`,
    '</header>',
    `<div class="toolbar"><label><input type="checkbox" class="show-plain"> ${tr.el('plain-text')}</label></div>`,
    '<div class="cards">',
  ]
  for (const step of thread.steps) {
    const found = index.items.get(step.to)
    if (!found) continue
    const base = step.from ? index.items.get(step.from) : undefined
    const diff = step.from ? diffs.get(pairKey(step.from, step.to)) : undefined
    out.push(itemCard(found.item, found.doc, base, diff, texts, cards, tr))
  }
  out.push('</div>', '</article>', '</template>')
  return out.join('\n')
}

function itemCard(
  item: PlanItem,
  doc: PlanDocument,
  base: { item: PlanItem; doc: PlanDocument } | undefined,
  diff: ItemDiff | undefined,
  texts: ItemTexts,
  cards: CardDocuments,
  tr: Translator,
): string {
  const level = doc.jurisdiction?.level ?? 'other'
  // the script writes the document's badge, name and title in from #card-documents
  const out: string[] = [
    `<section class="card level-${level}" data-item="${escapeXml(item.id)}"${base && diff ? ` data-base="${escapeXml(base.item.id)}"` : ''} data-doc="${cards.number(doc)}">`,
    `<p class="item-ref">${item.sectionPath.length ? `${escapeXml(truncate(item.sectionPath.join(' › '), 40))} › ` : ''}<code>${escapeXml(item.path)}</code>${item.heading ? ` <span class="heading">${escapeXml(item.heading)}</span>` : ''}</p>`,
  ]
  if (base && diff) {
    // the words of the comparison are the script's (renderCards); its figures are here
    const relation = diff.relation ? ` data-relation="${escapeXml(diff.relation)}"` : ''
    const score = diff.score !== null ? ` data-score="${formatScore(diff.score)}"` : ''
    out.push(
      `<p class="compare" data-doc="${cards.number(base.doc)}" data-path="${escapeXml(base.item.path)}" data-overlap="${Math.round(diff.overlap * 100)}"${score}${relation}></p>`,
      // The plain-text switch hides the <del> parts and unmarks the <ins> ones (a CSS rule): what
      // is left is this item's text, so no second copy of it is needed.
      texts.element('text diff', item, base.item, diff.parts),
    )
  } else {
    out.push(texts.element('text diff', item))
  }
  if ((diff && diff.targets.length > 0) || item.targets.length > 0)
    out.push(targetsData(diff?.targets ?? [], item.targets))
  out.push(...unitsBlock(item, diff, tr))
  out.push('</section>')
  return out.join('\n')
}

/** A diff as HTML: <del>removed</del><ins>added</ins>. */
export function renderDiffHtml(parts: DiffPart[]): string {
  expectArrayOf(parts, 'renderDiffHtml', 'parts to be the parts of a word diff', isRecord)
  return parts
    .map((p) => {
      const text = escapeXml(p.text)
      if (p.op === 'removed') return `<del>${text}</del>`
      if (p.op === 'added') return `<ins>${text}</ins>`
      return text
    })
    .join('')
}

/**
 * A card's figures as data the script renders when the thread is opened (script.ts, `renderTargets`):
 * the changes `[change, from, to, note, metric]` and the targets `[metric, figure, kind, status, year]`.
 * As markup they were a fifth of the page for 30 provincial reports.
 */
function targetsData(changes: readonly TargetChange[], targets: readonly Target[]): string {
  const data = {
    c: changes.map((c) => [c.change, c.from?.text ?? null, c.to?.text ?? null, changeNote(c), c.metric]),
    t: targets.map((t) => [t.metric, t.text, t.kind, t.status, t.year ?? null]),
  }
  return `<script type="application/json" class="card-targets">${scriptJson(data)}</script>`
}

/** How much a figure changed (+0.5 pp, −12.5%) and how its kind changed, as printed after it. */
function changeNote(c: TargetChange): string {
  const note: string[] = []
  if (c.ratio !== null && c.change !== 'unchanged') {
    const pct = c.from?.normalizedUnit === '%' || c.from?.normalizedUnit === '个百分点'
    note.push(
      pct && c.delta !== null
        ? `${c.delta > 0 ? '+' : '−'}${formatNumber(Math.abs(c.delta))} pp`
        : `${c.ratio > 0 ? '+' : '−'}${formatNumber(Math.abs(c.ratio) * 100, 1)}%`,
    )
  }
  if (c.kindChange) note.push(`${c.kindChange[0]} → ${c.kindChange[1]}`)
  return note.join(', ')
}

function unitsBlock(item: PlanItem, diff: ItemDiff | undefined, tr: Translator): string[] {
  // An item without a responsibility clause names no units: that is not dropping them.
  const removed = item.responsible ? (diff?.units.removed ?? []) : []
  if (!item.responsible) return []
  const added = new Set(diff?.units.added ?? [])
  const lead = new Set(item.responsible?.lead ?? [])
  const units = item.responsible ? [...new Set([...item.responsible.lead, ...item.responsible.related])] : []
  const chips = units.map((u) => {
    const classes = ['unit', lead.has(u) ? 'lead' : '', added.has(u) ? 'added' : ''].filter(Boolean).join(' ')
    const title = `${tr.text(lead.has(u) ? 'unit-lead' : 'unit-related')}${added.has(u) ? tr.text('unit-new') : ''}`
    return `<span class="${classes}" title="${title}">${escapeXml(u)}</span>`
  })
  for (const u of removed)
    chips.push(`<span class="unit removed" title="${tr.text('unit-removed')}">${escapeXml(u)}</span>`)
  return [tr.el('responsible', undefined, 'h4'), `<p class="units" lang="zh">${chips.join('')}</p>`]
}

function evolutionPair(
  pair: ReportOutput['evolution'][number],
  index: ReportIndex,
  diffs: Map<string, ItemDiff>,
  stepThreads: ReadonlyMap<string, string>,
  texts: ItemTexts,
  tr: Translator,
): string {
  const from = index.documents.get(pair.from)
  const to = index.documents.get(pair.to)
  const attributes = (
    doc: PlanDocument | undefined,
    item: PlanItem | undefined,
    extra: string[],
    withText = true,
  ) => {
    // A continued goal's texts are in its diff, which the script searches as the element's text.
    const search = searchText([item?.id, item?.heading, withText ? item?.text : null, ...extra])
    const topic = item?.topics[0]?.id
    return `data-filter-item data-search="${escapeXml(search)}" data-levels="${doc?.jurisdiction?.level ?? ''}" data-years="${doc?.year ?? ''}"${topic ? ` data-topics="${escapeXml(topic)}"` : ''}`
  }
  const name = (id: string) => {
    const found = index.items.get(id)
    return found
      ? `<code>${escapeXml(found.item.path)}</code> ${escapeXml(truncate(found.item.heading || found.item.text, 36))}`
      : `<code>${escapeXml(id)}</code>`
  }
  const out: string[] = [
    '<article class="evolution-pair panel">',
    '<header>',
    `<h3>${escapeXml(from?.jurisdiction?.name ?? pair.from)}: ${escapeXml(String(from?.year ?? pair.from))} → ${escapeXml(String(to?.year ?? pair.to))}</h3>`,
    `<span class="score">${escapeXml(from?.title ?? pair.from)} → ${escapeXml(to?.title ?? pair.to)}</span>`,
    '</header>',
    '<div class="evo-columns">',
    `<div class="continued"><h4>${tr.el('continued')}<span class="n">${pair.continued.length}</span></h4><ul>`,
  ]
  for (const c of pair.continued) {
    const diff = diffs.get(pairKey(c.from, c.to))
    const a = index.items.get(c.from)
    const b = index.items.get(c.to)
    const thread = diff ? stepThreads.get(pairKey(c.from, c.to)) : undefined
    // the script searches the step's card in the thread's template, and copies it in when opened
    const step = thread
      ? ` data-thread-id="${escapeXml(thread)}" data-item="${escapeXml(c.to)}" data-base="${escapeXml(c.from)}"`
      : ''
    out.push(
      `<li ${attributes(b?.doc, b?.item, diff ? [] : [a?.item.text ?? ''], !diff)}${step}><details><summary>${name(c.from)} → ${name(c.to)} <span class="score">${formatScore(c.score)}</span></summary>`,
    )
    if (diff && !thread) {
      out.push(
        a && b
          ? texts.element('text', b.item, a.item, diff.parts)
          : `<div class="text" lang="zh">${renderDiffHtml(diff.parts)}</div>`,
      )
      if (diff.targets.length) out.push(targetsData(diff.targets, []))
    }
    out.push('</details></li>')
  }
  out.push(
    '</ul></div>',
    `<div class="new"><h4>${tr.el('new')}<span class="n">${pair.new.length}</span></h4><ul>`,
  )
  for (const id of pair.new) {
    const found = index.items.get(id)
    out.push(`<li ${attributes(found?.doc, found?.item, [])} lang="zh">${name(id)}</li>`)
  }
  out.push(
    '</ul></div>',
    `<div class="dropped"><h4>${tr.el('dropped')}<span class="n">${pair.dropped.length}</span></h4><ul>`,
  )
  for (const id of pair.dropped) {
    const found = index.items.get(id)
    out.push(`<li ${attributes(found?.doc, found?.item, [])} lang="zh">${name(id)}</li>`)
  }
  out.push('</ul></div>', '</div>', '</article>')
  return out.join('\n')
}

function renderCharts(report: ReportOutput, documents: PlanDocument[], tr: Translator): string[] {
  // Charts that compare documents first: more documents, then more figures, then by id.
  const documentsOf = (t: Trajectory) => new Set(t.points.map((p) => p.docId)).size
  const plotted = report.trajectories
    .filter((t) => t.points.length > 1)
    .sort(
      (a, b) =>
        documentsOf(b) - documentsOf(a) || b.points.length - a.points.length || (a.id < b.id ? -1 : 1),
    )
  const single = report.trajectories.filter((t) => t.points.length === 1)
  if (report.trajectories.length === 0)
    return [`<p class="empty panel" data-i18n="no-figures">${tr.text('no-figures')}</p>`]
  const names = [...new Set(documents.map((d) => d.jurisdiction?.name ?? d.id))]
  const colors = jurisdictionColors(names)
  const out: string[] = ['<div class="charts">']
  for (const trajectory of plotted) {
    out.push(chartFigure(trajectory, trajectoryChartData(trajectory, colors), tr))
  }
  out.push('</div>')
  if (single.length > 0) {
    out.push(
      '<div class="single panel" style="margin-top:14px">',
      `<details><summary>${tr.el('single-figures', { n: single.length })}</summary>`,
      `<table class="targets" lang="zh"><thead><tr>${headers(tr, 'metric', 'jurisdiction', 'year', 'figure', 'kind')}</tr></thead><tbody>`,
    )
    for (const t of single) {
      const p = t.points[0]!
      out.push(
        `<tr data-filter-item data-search="${escapeXml(searchText([t.label, t.labelEn, p.text, p.jurisdiction, p.metric]))}" data-levels="${p.level ?? ''}" data-years="${p.year ?? ''}"><td>${escapeXml(t.label)}</td><td>${escapeXml(p.jurisdiction ?? p.docId)}</td><td class="num">${p.year ?? ''}</td><td class="num">${escapeXml(p.text)}</td><td><span class="kind">${p.kind} · ${p.status}</span></td></tr>`,
      )
    }
    out.push('</tbody></table></details></div>')
  }
  return out
}

/** One chart per indicator and year with targets and results of two jurisdictions or more; a table of all. */
function renderFulfilment(report: ReportOutput, tr: Translator): string[] {
  if (report.fulfilment.length === 0) {
    return [`<p class="empty panel">${tr.el('no-fulfilment')}</p>`]
  }
  const groups = new Map<string, Fulfilment[]>()
  for (const f of report.fulfilment) {
    const key = `${f.series}\u0000${f.year}`
    groups.set(key, [...(groups.get(key) ?? []), f])
  }
  const labels = new Map(report.trajectories.map((t) => [t.metricFamily ?? t.id, t.label]))
  const charted = [...groups.values()]
    .filter((g) => new Set(g.map((f) => f.jurisdiction)).size >= 2)
    .sort((a, b) => b.length - a.length || (a[0]!.series < b[0]!.series ? -1 : 1))
  const out: string[] = ['<div class="charts">']
  for (const group of charted) {
    const first = group[0] as Fulfilment
    const label = `${labels.get(first.metricFamily ?? '') ?? first.metric} ${first.planned.target.kind} ${first.year}`
    const svg = chartScript(fulfilmentChartData(group, label))
    const unit = fulfilmentUnit(group)
    out.push(
      `<figure class="chart" data-filter-item data-search="${escapeXml(searchText([label, first.series, ...group.map((f) => f.jurisdiction)]))}" data-years="${first.year}">`,
      `<h3 lang="zh">${escapeXml(label)}${unit ? ` <span class="en">(${escapeXml(unit)})</span>` : ''}</h3>`,
      svg,
      '</figure>',
    )
  }
  out.push('</div>')
  const rows = report.fulfilment.map(
    (f) =>
      `<tr data-filter-item data-search="${escapeXml(searchText([f.metric, f.series, f.jurisdiction]))}" data-years="${f.year}"><td>${escapeXml(f.jurisdiction)}</td><td class="num">${f.year}</td><td>${escapeXml(f.metric)}</td><td class="num">${escapeXml(f.planned.target.text)}</td><td class="num">${escapeXml(f.achieved.target.text)}</td><td><span class="kind outcome-${f.outcome}">${f.outcome}</span></td><td><code>${escapeXml(f.planned.itemId)}</code> → <code>${escapeXml(f.achieved.itemId)}</code></td></tr>`,
  )
  out.push(
    '<div class="single panel" style="margin-top:14px">',
    `<details><summary>${tr.el('fulfilment-count', { n: report.fulfilment.length })}</summary>`,
    `<table class="targets" lang="zh"><thead><tr>${headers(tr, 'jurisdiction', 'year', 'metric', 'target-col', 'result-col', 'outcome-col', 'items-of-pair')}</tr></thead><tbody>${rows.join('')}</tbody></table></details></div>`,
  )
  return out
}

/** A chart's data where the page's script draws it (an inert JSON script element: no markup inside). */
function chartScript(chart: ChartData): string {
  return `<script type="application/json" class="chart-data">${chartJson(chart)}</script>`
}

function chartFigure(trajectory: Trajectory, chart: ChartData, tr: Translator): string {
  const levels = [...new Set(trajectory.points.map((p) => p.level).filter(Boolean))].join(' ')
  const years = [...new Set(trajectory.points.map((p) => p.year).filter((y) => y !== null))].join(' ')
  const search = searchText([
    trajectory.label,
    trajectory.labelEn,
    trajectory.id,
    ...trajectory.points.flatMap((p) => [p.metric, p.text, p.jurisdiction]),
  ])
  const rows = trajectory.points.map(
    (p) =>
      `<tr><td>${escapeXml(p.jurisdiction ?? p.docId)}</td><td class="num">${p.year ?? ''}</td><td class="num">${escapeXml(p.text)}</td><td><span class="kind">${p.status}</span></td><td>${escapeXml(p.metric)}</td><td><code>${escapeXml(p.itemId)}</code></td></tr>`,
  )
  return [
    `<figure class="chart" data-filter-item data-search="${escapeXml(search)}" data-levels="${levels}" data-years="${years}">`,
    `<h3 lang="zh">${escapeXml(trajectory.label)}${chartUnit(trajectory) ? ` <span class="en">(${escapeXml(chartUnit(trajectory))})</span>` : ''}</h3>`,
    trajectory.labelEn ? `<span class="en">${escapeXml(trajectory.labelEn)}</span>` : '',
    chartScript(chart),
    `<details><summary>${tr.el('figures', { n: trajectory.points.length })}</summary><table class="targets" lang="zh"><thead><tr>${headers(tr, 'jurisdiction', 'year', 'figure', 'status', 'metric', 'item')}</tr></thead><tbody>${rows.join('')}</tbody></table></details>`,
    '</figure>',
  ].join('\n')
}

function documentTable(documents: PlanDocument[], threads: readonly OrderedThread[], tr: Translator): string {
  const rows = documents.map((d) => {
    const level = d.jurisdiction?.level
    const count = threads.filter((t) => t.documents.includes(d.id)).length
    const warnings = d.warnings.map((w) => `${w.code}: ${w.message}`).join('\n')
    return [
      `<tr data-filter-item data-search="${escapeXml(searchText([d.id, d.title, d.jurisdiction?.name, d.issuer]))}" data-levels="${level ?? ''}" data-years="${d.year ?? ''}">`,
      `<td>${level ? `<span class="badge level-${level}">${tr.el(`level-${level}`)}</span>` : ''}</td>`,
      `<td lang="zh">${escapeXml(d.jurisdiction?.name ?? '')}</td>`,
      `<td class="num">${d.year ?? ''}</td>`,
      `<td lang="zh">${escapeXml(d.title)}<br><code>${escapeXml(d.id)}</code></td>`,
      `<td>${d.kind}</td>`,
      `<td class="num">${d.sections.length}</td>`,
      `<td class="num">${d.items.length}</td>`,
      `<td class="num">${d.items.reduce((n, i) => n + i.targets.length, 0)}</td>`,
      `<td class="num">${count}</td>`,
      `<td class="num"${warnings ? ` title="${escapeXml(warnings)}"` : ''}>${d.warnings.length}</td>`,
      '</tr>',
    ].join('')
  })
  const head = headers(
    tr,
    'level',
    'jurisdiction',
    'year',
    'title-col',
    'kind',
    'sections-col',
    'items-col',
    'targets-col',
    'threads-col',
    'warnings-col',
  )
  return `<table class="documents"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/** Table header cells, translated. */
function headers(tr: Translator, ...keys: string[]): string {
  return keys.map((key) => tr.el(key, undefined, 'th')).join('')
}
