/**
 * Incremental alignment: a snapshot of an alignment (the items' features, the corpus statistics they
 * were weighted with, the scored pairs the link selection held, and what the candidate index needs to
 * find new partners of old items), so that aligning the same documents plus a few new ones scores
 * only the pairs with a new item. The statistics stay those of the corpus first aligned, so that an
 * old item's features and an old pair's score do not change; the corpus is aligned afresh once it
 * has grown past a share of it. A document changed or removed since the snapshot, or other settings,
 * also mean a run afresh.
 */
import { createHash } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { deserialize, serialize } from 'node:v8'
import { expectArgument, PlanCascadeError } from '../errors.js'
import type { PlanDocument, Target } from '../model/index.js'
import {
  type CorpusFeatures,
  type PackedFeatures,
  packFeatures,
  unpackFeatures,
} from '../similarity/index.js'

/** Raised when what a snapshot holds changes shape. */
const SNAPSHOT_FORMAT = 2

/** The scored pairs the link selection held: items' indexes (the link's source first) and scores. */
export interface HeldPairs {
  from: Int32Array
  to: Int32Array
  scores: Float64Array
}

/** What an alignment leaves for the next one over the same documents and more. */
export interface AlignSnapshot {
  format: number
  /** Hash of what scores and the selection depend on: weights, thresholds, limits, index settings, lexicon. */
  settings: string
  /** Each document's id and the hash of its record, in the order of the features' items. */
  documents: Array<[string, string]>
  features: PackedFeatures
  held: HeldPairs
  /** Per item, for the candidate index (see `CandidateOptions.added`). */
  cutoffs: Float32Array
  queryFloors: Float32Array
  /** Pairs of related documents when the snapshot was made, `id\0id`, lower id first. */
  related: string[]
  /** The threads' clustering, when it was made without decisions (see `ThreadClustering`). */
  threads?: ThreadClustering
}

/**
 * What the threads grew from: the links clustered (items' indexes) and the clusters (cluster k is
 * `members[ends[k - 1]]` to `members[ends[k] - 1]`, item indexes), at this threshold.
 */
export interface ThreadClustering {
  threshold: number
  from: Int32Array
  to: Int32Array
  members: Int32Array
  ends: Int32Array
}

/** The clustering as the snapshot keeps it. */
export function packClustering(
  threshold: number,
  links: ReadonlyArray<{ source: string; target: string }>,
  clusters: string[][],
  indexOf: (id: string) => number,
): ThreadClustering {
  const from = Int32Array.from(links, (l) => indexOf(l.source))
  const to = Int32Array.from(links, (l) => indexOf(l.target))
  const members = new Int32Array(clusters.reduce((n, c) => n + c.length, 0))
  const ends = new Int32Array(clusters.length)
  let at = 0
  clusters.forEach((c, k) => {
    for (const id of c) members[at++] = indexOf(id)
    ends[k] = at
  })
  return { threshold, from, to, members, ends }
}

/**
 * The earlier clusters (by item id) and the items whose links changed: those at either end of a link
 * made or lost since.
 */
export function changedSince(
  clustering: ThreadClustering,
  links: ReadonlyArray<{ source: string; target: string }>,
  indexOf: (id: string) => number,
  idOf: (index: number) => string,
): { clusters: string[][]; changed: Set<string> } {
  const key = (i: number, j: number) => (i < j ? i * 2 ** 26 + j : j * 2 ** 26 + i)
  // the earlier links; each link of now found there is taken out, so what is left was lost
  const before = new Set<number>()
  for (let k = 0; k < clustering.from.length; k++)
    before.add(key(clustering.from[k] as number, clustering.to[k] as number))
  const changed = new Set<string>()
  for (const l of links)
    if (!before.delete(key(indexOf(l.source), indexOf(l.target)))) changed.add(l.source).add(l.target)
  for (const k of before) changed.add(idOf(Math.floor(k / 2 ** 26))).add(idOf(k % 2 ** 26))
  const clusters: string[][] = []
  let start = 0
  for (const end of clustering.ends) {
    clusters.push(Array.from(clustering.members.subarray(start, end), idOf))
    start = end
  }
  return { clusters, changed }
}

/** How an alignment used the snapshot it was given. */
export interface SnapshotUse {
  /** Documents whose features and pairs were reused (0: aligned afresh). */
  reused: number
  /** Documents new since the snapshot (all of them when aligned afresh). */
  added: number
  /** Why the snapshot was not used, when it was not. */
  reason?: string
}

/** A plan of an incremental run: the snapshot's documents in its order, then the new ones. */
export interface ReusePlan {
  old: PlanDocument[]
  added: PlanDocument[]
}

const sha = (text: string) => createHash('sha1').update(text).digest('hex')

/**
 * The hash of a document's record: any change to its text, items or metadata changes it. Not its
 * items' keywords: they are weighed against every item of the corpus (they change as documents are
 * added), and alignment does not read them.
 */
export function documentHash(document: PlanDocument): string {
  // the items copied without their keywords (a replacer function called for every value was slower)
  const { items, ...rest } = document
  const hash = createHash('sha1').update(JSON.stringify(rest))
  for (const { keywords: _, ...item } of items) hash.update(JSON.stringify(item))
  return hash.digest('hex')
}

/** The hash of the settings a snapshot is valid for. */
export function settingsHash(settings: unknown): string {
  return sha(JSON.stringify([SNAPSHOT_FORMAT, settings]))
}

/**
 * Which of the documents the snapshot already holds: a plan when they all are unchanged and the
 * corpus has not grown past `maxGrowth` of the items its statistics were counted over, or why not.
 */
export function planReuse(
  documents: readonly PlanDocument[],
  snapshot: AlignSnapshot,
  settings: string,
  maxGrowth: number,
  hashOf: (document: PlanDocument) => string,
): ReusePlan | { reason: string } {
  if (snapshot.format !== SNAPSHOT_FORMAT) return { reason: 'the snapshot is of another format' }
  if (snapshot.settings !== settings)
    return { reason: 'the snapshot was made with other settings (weights, thresholds, lexicon)' }
  const byId = new Map(documents.map((d) => [d.id, d]))
  const old: PlanDocument[] = []
  for (const [id, hash] of snapshot.documents) {
    const document = byId.get(id)
    if (!document) return { reason: `document ${id} of the snapshot is not in the corpus` }
    if (hashOf(document) !== hash) return { reason: `document ${id} changed since the snapshot` }
    old.push(document)
    byId.delete(id)
  }
  const added = documents.filter((d) => byId.has(d.id))
  const items = added.reduce((n, d) => n + d.items.length, snapshot.features.itemIds.length)
  if (items > (1 + maxGrowth) * snapshot.features.statisticsItems)
    return {
      reason: `the corpus grew past ${Math.round(100 * maxGrowth)}% of the items its statistics were counted over`,
    }
  return { old, added }
}

/** The snapshot's features, with each item's targets from its document. */
export function restoreFeatures(snapshot: AlignSnapshot, old: readonly PlanDocument[]): CorpusFeatures {
  const targets = new Map<string, Target[]>()
  for (const d of old) for (const item of d.items) targets.set(item.id, item.targets)
  return unpackFeatures(snapshot.features, (id) => targets.get(id) ?? [])
}

/** A snapshot of an alignment; the features' arrays are shared, not copied. */
export function makeSnapshot(parts: {
  settings: string
  documents: Array<[string, string]>
  corpus: CorpusFeatures
  held: HeldPairs
  cutoffs: Float32Array
  queryFloors: Float32Array
  related: string[]
}): AlignSnapshot {
  const { corpus, ...rest } = parts
  return { format: SNAPSHOT_FORMAT, ...rest, features: packFeatures(corpus) }
}

/**
 * A typed array with a buffer of its own: node's deserializer makes views into the file's bytes, which
 * would keep the whole file in memory and make `packFeatures` write it all again.
 */
function own<T extends Int32Array | Float32Array | Float64Array>(array: T): T {
  return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength ? array : (array.slice() as T)
}

/** Reads a snapshot file; null when it is missing or cannot be read (an alignment afresh follows). */
export function readAlignSnapshot(file: string): AlignSnapshot | null {
  expectArgument(typeof file === 'string' && file !== '', 'readAlignSnapshot', 'file to be a path', file)
  let data: Partial<AlignSnapshot>
  try {
    data = deserialize(readFileSync(file)) as Partial<AlignSnapshot>
  } catch {
    return null
  }
  if (data?.format !== SNAPSHOT_FORMAT || !data.features || !data.held) return null
  const { features, held } = data
  return {
    ...(data as AlignSnapshot),
    features: {
      ...features,
      idf: own(features.idf),
      clauseSpans: own(features.clauseSpans),
      layout: own(features.layout),
      idArrays: features.idArrays.map(own),
      weightArrays: features.weightArrays.map(own),
      sentenceArrays: features.sentenceArrays.map(own),
    },
    held: { from: own(held.from), to: own(held.to), scores: own(held.scores) },
    cutoffs: own(data.cutoffs as Float32Array),
    queryFloors: own(data.queryFloors as Float32Array),
    ...(data.threads
      ? {
          threads: {
            threshold: data.threads.threshold,
            from: own(data.threads.from),
            to: own(data.threads.to),
            members: own(data.threads.members),
            ends: own(data.threads.ends),
          },
        }
      : {}),
  }
}

/**
 * Writes a snapshot file (through a temporary file, so an interrupted write leaves the old one).
 *
 * @throws PlanCascadeError `unreadable-file` when it cannot be written, `bad-argument` when it is not a snapshot.
 */
export function writeAlignSnapshot(file: string, snapshot: AlignSnapshot): void {
  expectArgument(typeof file === 'string' && file !== '', 'writeAlignSnapshot', 'file to be a path', file)
  expectArgument(
    typeof snapshot === 'object' && snapshot !== null && snapshot.format === SNAPSHOT_FORMAT,
    'writeAlignSnapshot',
    'an AlignSnapshot (align({ snapshot: true }).snapshot)',
    snapshot,
  )
  const temporary = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(temporary, serialize(snapshot))
    renameSync(temporary, file)
  } catch (error) {
    throw new PlanCascadeError('unreadable-file', `cannot write the alignment snapshot (${String(error)})`, {
      file,
    })
  }
}
