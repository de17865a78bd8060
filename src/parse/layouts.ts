/**
 * Layouts of document genres and the parts of a plan, from `data/layouts.json` (users can replace it):
 * which section titles name a review of the past, the goals or the tasks, and how a genre prints its
 * parts and items (a work report's unnumbered part headings, its lead-sentence paragraphs, its 一是/二是
 * runs and —— dashes).
 */
import { readDataJson } from '../data-dir.js'
import type { DocumentKind, PartRole } from '../model/index.js'

export interface Layout {
  id: string
  kinds: DocumentKind[]
  /** Whole lines that head a top-level part without a number: 2023年工作回顾. */
  partHeadings: RegExp[]
  /** Each paragraph under a numbered point is an item of its own. */
  paragraphItems: boolean
  /** Marks that start a sub-item inside a paragraph: 一是, ——. Sticky, tried at a cut point. */
  subItems: RegExp[]
  /** A whole sentence that, inside a paragraph, opens a sub-item: a short one naming a task. */
  leadSentence: RegExp | null
  /** A paragraph longer than this is cut at its sentence ends into sub-items (one task each); null: never. */
  longParagraph: LongParagraph | null
  /**
   * Sentences of a speech's formulas (the thanks: 我谨代表…表示衷心感谢; the attribution of the year's
   * results: 根本在于…领航掌舵; the closing: …团结在…周围，奋力谱写…新篇章！): a piece (a work report's
   * pieces are its sentences) that says one is a formula region, no item.
   */
  formulas: RegExp[]
}

/** How a paragraph too long to be one item is cut: at sentence ends, keeping short sentences with the next. */
export interface LongParagraph {
  /** Paragraphs (runs between cuts) longer than this many characters are cut. */
  maxChars: number
  /** A part shorter than this (a lead sentence: 优化提升传统产业。) keeps the next sentence with it. */
  minPartChars: number
}

export interface Layouts {
  roles: Array<{ role: Exclude<PartRole, null>; pattern: RegExp }>
  layouts: Layout[]
  /** The characters before 一 of words ending in 一 (统一, 唯一): inside a heading such 一、 is no label. */
  beforeOneInWords: Set<string>
}

interface LayoutFile {
  wordsEndingInOne?: { words: string[] }
  roles: Record<string, string[]>
  layouts: Array<{
    id: string
    kinds: DocumentKind[]
    partHeadings?: string[]
    paragraphItems?: boolean
    subItems?: string[]
    leadSentence?: string
    longParagraph?: LongParagraph
    formulas?: string[]
  }>
}

const ROLES = ['review', 'goals', 'tasks'] as const
const cache = new Map<string, Layouts>()

/** Loads the layouts (once per file per process). */
export function loadLayouts(file?: string): Layouts {
  const key = file ?? '<default>'
  const hit = cache.get(key)
  if (hit) return hit
  const data = readDataJson<LayoutFile>('layouts.json', file)
  const layouts: Layouts = {
    roles: ROLES.flatMap((role) => (data.roles[role] ?? []).map((p) => ({ role, pattern: new RegExp(p) }))),
    beforeOneInWords: new Set(
      (data.wordsEndingInOne?.words ?? [])
        .filter((w) => w.endsWith('一') && w.length >= 2)
        .map((w) => w.slice(-2, -1)),
    ),
    layouts: data.layouts.map((l) => ({
      id: l.id,
      kinds: l.kinds,
      partHeadings: (l.partHeadings ?? []).map((p) => new RegExp(p)),
      paragraphItems: l.paragraphItems ?? false,
      subItems: (l.subItems ?? []).map((p) => new RegExp(p, 'y')),
      leadSentence: l.leadSentence ? new RegExp(l.leadSentence) : null,
      longParagraph: l.longParagraph ?? null,
      formulas: (l.formulas ?? []).map((p) => new RegExp(p)),
    })),
  }
  cache.set(key, layouts)
  return layouts
}

/** The layout for a kind of document, or null (the general rules apply). */
export function layoutFor(kind: DocumentKind, layouts: Layouts): Layout | null {
  return layouts.layouts.find((l) => l.kinds.includes(kind)) ?? null
}

/**
 * The part a section title names, or null. A title that names several parts names them in the order
 * they come (2024年主要目标任务和重点工作, 2025年工作总体要求和重点任务); its text is mostly the last one
 * named, which wins. Given the document's year, a part of the work of an earlier year is a review.
 */
export function roleOfTitle(title: string, layouts: Layouts, documentYear: number | null = null): PartRole {
  let best: { role: PartRole; at: number } | null = null
  for (const { role, pattern } of layouts.roles) {
    const match = pattern.exec(title)
    if (match && (best === null || match.index > best.at)) best = { role, at: match.index }
  }
  // 一、2023年主要工作 in the 2024 report, 2025年主要工作和“十四五”发展成就 in the 2026 one: the work of a
  // year before the document's own is done, and its part reviews it
  const year = /(?<!\d)((?:19|20)\d{2})\s*年(?!\d)/.exec(title)?.[1]
  if (best && best.role !== 'review' && documentYear !== null && year && Number(year) < documentYear)
    return 'review'
  return best?.role ?? null
}
