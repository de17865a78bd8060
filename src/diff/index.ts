/**
 * The diff stage: what changed between aligned items. Word diffs of their texts (over segmenter tokens,
 * not characters), their figures compared as numbers, their responsible units compared as sets; and,
 * across the corpus, the trajectory of every indicator and the fulfilment of planned targets.
 */

import {
  expectAligned,
  expectArgument,
  expectArrayOf,
  expectDocuments,
  expectItem,
  expectOptions,
  isRecord,
  isThreadLike,
} from '../arguments.js'
import { stored } from '../collections.js'
import { itemBody } from '../extract/index.js'
import { createSegmenter, type Segmenter } from '../lexicon/index.js'
import type { EvolutionPair, Level, Link, PlanDocument, PlanItem, Thread } from '../model/index.js'
import type { DiffBasis, ItemDiff, UnitsChange } from '../model/report.js'
import { type OnProgress, stageProgress } from '../progress.js'
import { diffTargets } from './targets.js'
import { compareStrings, LEVEL_RANK } from './trajectories.js'
import { cleanupDiff, cutText, type DiffWordsOptions, diffOverlap, diffTokens } from './words.js'

export { type MatchFulfilmentOptions, matchFulfilment } from './fulfilment.js'
export { compareTargets, diffTargets, formatNumber, targetKey } from './targets.js'
export {
  type BuildTrajectoriesOptions,
  buildTrajectories,
  compareStrings,
  LEVEL_RANK,
  seriesKey,
} from './trajectories.js'
export {
  cleanupDiff,
  countWordCharacters,
  cutText,
  type DiffWordsOptions,
  diffOverlap,
  diffSide,
  diffTokens,
  diffWords,
} from './words.js'

export interface DiffItemsOptions extends DiffWordsOptions {
  /** Segmenter that cuts the texts into words; default `createSegmenter()` (jieba, policy dictionary). */
  segmenter?: Segmenter
  /** Tokens of items already cut, by item id (filled as items are cut): saves cutting an item twice. */
  tokenCache?: Map<string, string[]>
  /** The link joining the items, when there is one: its relation and score go into the diff. */
  link?: Pick<Link, 'relation' | 'score'>
  /** Why the pair is diffed (kept in the diff). */
  basis?: DiffBasis[]
}

/** All responsible units of an item (lead first, then related), each once. */
export function itemUnits(item: PlanItem): string[] {
  if (!item.responsible) return []
  return [...new Set([...item.responsible.lead, ...item.responsible.related])]
}

/** Responsible units of two items compared by name. */
export function diffUnits(from: PlanItem, to: PlanItem): UnitsChange {
  const a = itemUnits(from)
  const b = itemUnits(to)
  return {
    kept: b.filter((u) => a.includes(u)),
    added: b.filter((u) => !a.includes(u)),
    removed: a.filter((u) => !b.includes(u)),
  }
}

/**
 * Diffs two items: a word diff of their texts (responsibility clauses left out, they are compared as
 * units), their figures paired by metric family and compared as numbers, their responsible units.
 *
 * @example
 * const d = diffItems(fuzhou2019Item, fuzhou2025Item)
 * d.targets[0].summary // '3000个以上 -> 3200个 (stock -> flow, not compared)'
 */
export function diffItems(from: PlanItem, to: PlanItem, options: DiffItemsOptions = {}): ItemDiff {
  expectItem(from, 'diffItems', 'from')
  expectItem(to, 'diffItems', 'to')
  expectOptions(options, 'diffItems')
  const segmenter = options.segmenter ?? createSegmenter()
  const tokens = (item: PlanItem) => {
    const cached = options.tokenCache?.get(item.id)
    if (cached) return cached
    const cut = cutText(itemBody(item), segmenter)
    options.tokenCache?.set(item.id, cut)
    return cut
  }
  // Overlap is counted on the raw diff: the cleanup turns short shared runs into changes.
  const raw = diffTokens(tokens(from), tokens(to), {
    cleanup: false,
    ...(options.maxEditLength !== undefined ? { maxEditLength: options.maxEditLength } : {}),
  })
  const parts = (options.cleanup ?? true) ? cleanupDiff(raw) : raw
  return {
    from: from.id,
    to: to.id,
    relation: options.link?.relation ?? null,
    score: options.link?.score ?? null,
    basis: options.basis ?? [],
    parts,
    overlap: diffOverlap(raw),
    targets: diffTargets(from.targets, to.targets),
    units: diffUnits(from, to),
  }
}

export interface BuildDiffsOptions extends DiffWordsOptions {
  /** Segmenter that cuts the texts into words; default `createSegmenter()`. */
  segmenter?: Segmenter
  /**
   * Also diff every link, not only thread steps and continued goals (default false). Links are many
   * (thousands on the five seed plans): the report grows tenfold and takes seconds more.
   */
  allLinks?: boolean
  /** Called as the diffs are made (stage `diffs`, one unit per pair of items). */
  onProgress?: OnProgress
}

/** What the alignment gives: links, threads, evolution pairs. */
export interface AlignedCorpus {
  links: readonly Link[]
  threads: readonly Thread[]
  evolution: readonly EvolutionPair[]
}

/**
 * The diffs a report shows, each pair once, ordered by ids: in every thread, each member against the
 * member it is compared with (see `threadSteps`); every continued goal of every evolution pair; and,
 * with `allLinks`, every link (source -> target). A diff keeps the relation and score of the link
 * joining its items, if any. Pairs naming an unknown item are skipped.
 */
export function buildDiffs(
  documents: readonly PlanDocument[],
  aligned: AlignedCorpus,
  options: BuildDiffsOptions = {},
): ItemDiff[] {
  expectDocuments(documents, 'buildDiffs')
  expectAligned(aligned, 'buildDiffs')
  expectOptions(options, 'buildDiffs')
  const items = indexItems(documents)
  const links = new Map(aligned.links.map((l) => [pairKey(l.source, l.target), l]))
  const pairs = new Map<string, { from: string; to: string; basis: Set<DiffBasis> }>()
  const add = (from: string, to: string, basis: DiffBasis) => {
    if (!items.has(from) || !items.has(to) || from === to) return
    const key = pairKey(from, to)
    const pair = pairs.get(key) ?? { from, to, basis: new Set<DiffBasis>() }
    pair.basis.add(basis)
    pairs.set(key, pair)
  }
  if (options.allLinks) for (const link of aligned.links) add(link.source, link.target, 'link')
  for (const thread of aligned.threads) {
    // orderThread, not threadSteps: the documents and links were checked once above, not per thread
    for (const step of orderThread(thread, documents, aligned.links))
      if (step.from) add(step.from, step.to, 'thread')
  }
  for (const pair of aligned.evolution) for (const c of pair.continued) add(c.from, c.to, 'evolution')
  const segmenter = options.segmenter ?? createSegmenter()
  const tokenCache = new Map<string, string[]>()
  const order: DiffBasis[] = ['link', 'thread', 'evolution']
  const progress = stageProgress(options.onProgress, 'diffs', pairs.size)
  progress(0)
  return [...pairs.values()]
    .sort((a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to))
    .map((pair, k) => {
      const link = links.get(pairKey(pair.from, pair.to))
      const diff = diffItems(items.get(pair.from)!.item, items.get(pair.to)!.item, {
        ...options,
        segmenter,
        tokenCache,
        ...(link ? { link } : {}),
        basis: order.filter((b) => pair.basis.has(b)),
      })
      progress(k + 1)
      return diff
    })
}

/** A thread member with the member it is compared with (null for the first). */
export interface ThreadStep {
  /** Member compared with: the closest earlier member, or null. */
  from: string | null
  /** The member. */
  to: string
}

/**
 * Members of a thread in reading order (level, province first, then year), each with the member it is
 * compared with: among the members before it, the one a link joins it to with the highest score, else
 * the closest earlier member of another document. Members of the first document are compared with
 * nothing.
 */
export function threadSteps(
  thread: Pick<Thread, 'items'>,
  documents: readonly PlanDocument[],
  links: readonly Link[],
): Array<ThreadStep & { from: string }> {
  expectArgument(isThreadLike(thread), 'threadSteps', 'thread to be a Thread ({ items })', thread)
  expectDocuments(documents, 'threadSteps')
  expectArrayOf(links, 'threadSteps', 'links to be an array of Links', isRecord)
  return orderThread(thread, documents, links).flatMap((step) =>
    step.from ? [step as ThreadStep & { from: string }] : [],
  )
}

/** Every member of a thread in reading order, with the member it is compared with (see `threadSteps`). */
export function orderThread(
  thread: Pick<Thread, 'items'>,
  documents: readonly PlanDocument[],
  links: readonly Link[],
): ThreadStep[] {
  const items = cachedIndex(documents)
  const members = [...new Set(thread.items)].filter((id) => items.has(id))
  const rank = (id: string) => {
    const { doc, index } = items.get(id)!
    return { level: levelRank(doc.jurisdiction?.level ?? null), year: doc.year ?? 9999, doc: doc.id, index }
  }
  members.sort((a, b) => {
    const x = rank(a)
    const y = rank(b)
    return x.level - y.level || x.year - y.year || compareStrings(x.doc, y.doc) || x.index - y.index
  })
  // each member looks only at its own links (a thread of a goal across a corpus has thousands of
  // members: comparing each with every earlier one was quadratic)
  const position = new Map(members.map((id, k) => [id, k]))
  const neighbours = cachedNeighbours(links)
  return members.map((id, k) => {
    if (k === 0) return { from: null, to: id }
    let best: string | null = null
    let bestScore = -1
    let bestAt = -1
    for (const [other, s] of neighbours.get(id) ?? []) {
      const j = position.get(other)
      // the highest score among earlier members; of equal scores, the latest member
      if (j === undefined || j >= k || s < bestScore || (s === bestScore && j < bestAt)) continue
      best = other
      bestScore = s
      bestAt = j
    }
    if (best) return { from: best, to: id }
    // no link: the closest earlier member of another document (two items of one document are not
    // versions of each other), else nothing
    const doc = items.get(id)?.doc.id
    for (let j = k - 1; j >= 0; j--) {
      const other = members[j]!
      if (items.get(other)?.doc.id !== doc) return { from: other, to: id }
    }
    return { from: null, to: id }
  })
}

function levelRank(level: Level | null): number {
  return level ? LEVEL_RANK[level] : 9
}

function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`
}

// Threads are ordered one by one against the same documents and links: the index of items and the
// scores of links are built once per corpus, not once per thread (that was quadratic).
const indexes = new WeakMap<readonly PlanDocument[], ReturnType<typeof indexItems>>()
const linkNeighbours = new WeakMap<readonly Link[], Map<string, Array<[string, number]>>>()

function cachedIndex(documents: readonly PlanDocument[]): ReturnType<typeof indexItems> {
  let index = indexes.get(documents)
  if (!index) {
    index = indexItems(documents)
    indexes.set(documents, index)
  }
  return index
}

function cachedNeighbours(links: readonly Link[]): Map<string, Array<[string, number]>> {
  let neighbours = linkNeighbours.get(links)
  if (!neighbours) {
    neighbours = new Map()
    for (const link of links) {
      stored(neighbours, link.source, () => []).push([link.target, link.score])
      stored(neighbours, link.target, () => []).push([link.source, link.score])
    }
    linkNeighbours.set(links, neighbours)
  }
  return neighbours
}

/** An item found by id: the item, its document, and its place among the document's items. */
export interface IndexedItem {
  item: PlanItem
  doc: PlanDocument
  /** Position of the item in `doc.items`. */
  index: number
}

/**
 * Items by id (`fuzhou-2019#2.3`), with their document and their place in it: the lookup from the ids
 * that links, threads and diffs give back to the records.
 *
 * @example
 * const items = indexItems(documents)
 * items.get('fuzhou-2019#2.3')?.item.heading // '推进5G网络建设'
 */
export function indexItems(documents: readonly PlanDocument[]): Map<string, IndexedItem> {
  expectDocuments(documents, 'indexItems')
  const map = new Map<string, IndexedItem>()
  for (const doc of documents) {
    doc.items.forEach((item, index) => {
      map.set(item.id, { item, doc, index })
    })
  }
  return map
}
