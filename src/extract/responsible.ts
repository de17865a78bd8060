/**
 * Responsibility clauses: who leads an item and who shares it.
 *
 * All the printed forms: （责任单位：…）, 〔牵头责任单位:…;相关责任单位:…〕, ［责任单位:…］,
 * (牵头单位:…;责任单位:…), 【责任单位：…】, across full- and half-width punctuation, and a clause left
 * unbracketed at the end of a line (责任单位：…).
 */

import { expectOptions, expectString } from '../arguments.js'
import type { Responsible } from '../model'
import type { UnitAliases } from './data'
import { foldWidth, trimEndChars } from './text'

export type ResponsibleDraft = Omit<Responsible, 'span'> & { span: [number, number] }

export interface ExtractResponsibleOptions {
  /** Map names to canonical ones (市大数据委 -> 市数据管理局). Default: names as printed. */
  aliases?: UnitAliases
  /** Government of the text, to choose the aliases that hold there; default all aliases given. */
  jurisdiction?: string
}

/** The labels of a clause and the role of the units after them. */
const LABEL =
  /(牵头责任单位|牵头单位|牵头部门|主责单位|主要责任单位|主体责任单位|相关责任单位|相关单位|相关部门|配合单位|配合部门|协办单位|协同单位|参与单位|责任单位|责任部门|责任处室|负责单位|实施单位)\s*[:：]/gu
const LEAD_LABEL = /^(牵头|主责|主要|主体)/u
const RELATED_LABEL = /^(相关|配合|协办|协同|参与)/u

const OPEN = '(（〔［[【'
const CLOSE = ')）〕］]】'

/**
 * Every responsibility clause of `text`, in order: the bracket pair around a label, or an unbracketed
 * label to the end of its line. The parser uses these to end items.
 */
export function findResponsibleClauses(text: string): Array<{ span: [number, number] }> {
  const t = foldWidth(text)
  const out: Array<{ span: [number, number] }> = []
  let covered = -1
  for (const m of t.matchAll(LABEL)) {
    const at = m.index ?? 0
    if (at < covered) continue
    // The bracket that opens the clause: right before the label, spaces allowed.
    let open = at - 1
    while (open >= 0 && /[ \t]/u.test(t[open] as string)) open--
    if (open >= 0 && OPEN.includes(t[open] as string)) {
      const close = matchingClose(t, open)
      out.push({ span: [open, close] })
      covered = close
      continue
    }
    // Unbracketed: only at the start of a line or after a sentence end; runs to the end of the line.
    const before = t.slice(Math.max(0, at - 1), at)
    if (
      at === 0 ||
      /[\n。;；]/u.test(before) ||
      /^\s*$/u.test(t.slice(t.lastIndexOf('\n', at - 1) + 1, at))
    ) {
      let end = t.indexOf('\n', at)
      if (end < 0) end = t.length
      while (end > at && /\s/u.test(t[end - 1] as string)) end--
      out.push({ span: [at, end] })
      covered = end
    }
  }
  // (省发展改革委牵头,省工业和信息化厅等按职责分工负责), (各设区市人民政府负责): no labels.
  for (let open = 0; open < t.length; open++) {
    if (!OPEN.includes(t[open] as string) || out.some((c) => open >= c.span[0] && open < c.span[1])) continue
    const close = matchingClose(t, open)
    if (readUnlabelled(t.slice(open + 1, close - 1))) {
      out.push({ span: [open, close] })
      open = close - 1
    }
  }
  return out.sort((a, b) => a.span[0] - b.span[0])
}

const UNLABELLED_LEAD =
  /^(.+?)牵头(?:[,，;；、]\s*(.+?))?\s*(?:按职责分工负责|按职责分工落实|按职责负责|分工负责|配合|参与|协同推进|共同推进|负责)?\s*$/u
const UNLABELLED_ONLY = /^(.+?)(?:按职责分工)?负责$/u

/** Lead and related units of a clause written without labels, or null when it is not one. */
function readUnlabelled(inner: string): { lead: string[]; related: string[] } | null {
  const s = inner.trim()
  if (s.length < 2 || s.length > 200 || /[:：。]/u.test(s)) return null
  let lead: string[]
  let related: string[] = []
  const m = UNLABELLED_LEAD.exec(s)
  if (m) {
    lead = splitUnits(m[1] as string)
    related = m[2]
      ? splitUnits((m[2] as string).replace(/(按职责分工负责|按职责分工落实|配合|参与|负责)$/u, ''))
      : []
  } else {
    const only = UNLABELLED_ONLY.exec(s)
    if (!only) return null
    lead = splitUnits(only[1] as string)
  }
  const isUnit = (u: string) => u.length <= 30 && (ORG_SUFFIX.test(u) || /^(各|有关|相关)/u.test(u))
  if (lead.length === 0 || !lead.every(isUnit) || !related.every(isUnit)) return null
  return { lead, related }
}

/** Offset after the bracket closing the one at `open`, brackets nested in unit names counted. */
function matchingClose(t: string, open: number): number {
  let depth = 0
  for (let i = open; i < t.length; i++) {
    const c = t[i] as string
    if (c === '\n') return trimEnd(t, open, i)
    if (OPEN.includes(c)) depth++
    else if (CLOSE.includes(c)) {
      depth--
      if (depth === 0) return i + 1
    }
  }
  return trimEnd(t, open, t.length)
}

function trimEnd(t: string, from: number, end: number): number {
  let e = end
  while (e > from && /\s/u.test(t[e - 1] as string)) e--
  return e
}

/**
 * The responsibility clause of an item: the last clause of `text` (an item ends with its clause), or
 * null when there is none. Lead units come from 牵头… labels, related ones from 相关/配合… labels; a
 * plain 责任单位 list is the lead, unless a 牵头单位 list comes before it in the same clause
 * ((牵头单位:…;责任单位:…) — then it holds the units that share the work).
 */
export function extractResponsible(
  text: string,
  options: ExtractResponsibleOptions = {},
): ResponsibleDraft | null {
  expectString(text, 'extractResponsible', 'text')
  expectOptions(options, 'extractResponsible')
  const clauses = findResponsibleClauses(text)
  const last = clauses[clauses.length - 1]
  if (!last) return null
  const [start, end] = last.span
  const t = foldWidth(text)
  const opened = t.slice(start, end).replace(/^[(（〔［[【]\s*/u, '')
  // the closer and the white space before it (not /\s*[)）]$/: quadratic on a long run of spaces)
  const inner = /[)）〕］\]】]$/u.test(opened) ? opened.slice(0, -1).trimEnd() : opened
  const lead: string[] = []
  const related: string[] = []
  const labels = [...inner.matchAll(LABEL)]
  if (labels.length === 0) {
    const unlabelled = readUnlabelled(inner)
    if (unlabelled) {
      lead.push(...unlabelled.lead)
      related.push(...unlabelled.related)
    }
  }
  let seenLead = false
  labels.forEach((m, k) => {
    const label = m[1] as string
    const from = (m.index ?? 0) + m[0].length
    const to = k + 1 < labels.length ? (labels[k + 1]?.index ?? inner.length) : inner.length
    const units = splitUnits(inner.slice(from, to))
    if (LEAD_LABEL.test(label)) {
      seenLead = true
      lead.push(...units)
    } else if (RELATED_LABEL.test(label) || seenLead) {
      related.push(...units)
    } else {
      lead.push(...units)
    }
  })
  const rename = aliasMap(options)
  return {
    lead: dedupe(lead.map(rename)),
    related: dedupe(related.map(rename)),
    text: text.slice(start, end),
    span: [start, end],
  }
}

/** Org suffixes: a piece that ends with none of them is a place (福州 in 福州、厦门市人民政府). */
const ORG_SUFFIX =
  /(局|委|办|厅|府|院|中心|公司|集团|会|部|室|队|所|站|行|社|处|馆|台|校|学|组|团|园|署|网|商|协|联|单位|部门|机构|企业|高校|大学|分局|支队)$/u

/**
 * Split a list of units at 、，,；; (never inside brackets: 市行政(市民)服务中心管委会, 各县(市)区政府).
 * 市工信局等市直有关单位 gives 市工信局 and 市直有关单位; a trailing 等 is dropped; a place written
 * alone before a government (各市、县(区)人民政府; 福州、厦门市人民政府) is joined to it.
 */
export function splitUnits(list: string): string[] {
  const pieces: string[] = []
  let depth = 0
  let cur = ''
  for (const c of list) {
    if (OPEN.includes(c)) depth++
    else if (CLOSE.includes(c)) depth = Math.max(0, depth - 1)
    if (depth === 0 && /[、，,；;]/u.test(c)) {
      pieces.push(cur)
      cur = ''
    } else cur += c
  }
  pieces.push(cur)
  const units: string[] = []
  for (const raw of pieces) {
    const piece = trimEndChars(raw.replace(/\s+/gu, ''), '。.')
    if (!piece) continue
    // 市工信局、市国资委等市直有关单位 -> …, 市国资委, 市直有关单位
    const m = /^(.+?)等((?:市直|省直|区直|县直|各|有关|相关|具有).+)$/u.exec(piece)
    if (m) units.push(m[1] as string, m[2] as string)
    else units.push(piece.replace(/等$/u, ''))
  }
  const out: string[] = []
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as string
    const next = units[i + 1]
    if (
      next &&
      u.length <= 3 &&
      !ORG_SUFFIX.test(u) &&
      /(政府|人民政府)$/u.test(next) &&
      !/^各/u.test(next)
    ) {
      if (/[市县区省]$/u.test(u)) {
        // 各市、县(区)人民政府: one body written as two places.
        out.push(`${u}、${next}`)
        i++
        continue
      }
      // 福州、厦门市人民政府 -> 福州市人民政府, 厦门市人民政府
      const place = /^(.{2,4}?)([市县区])(.+)$/u.exec(next)
      if (place && !/^[省市区县]/u.test(u)) {
        out.push(`${u}${place[2]}${place[3]}`)
        continue
      }
    }
    out.push(u)
  }
  return out.filter((u) => u.length > 0)
}

/** A function from a printed name to its canonical name under `options.aliases`. */
function aliasMap(options: ExtractResponsibleOptions): (name: string) => string {
  if (!options.aliases) return (n) => n
  const map = new Map<string, string>()
  for (const a of options.aliases.aliases) {
    if (a.jurisdiction && options.jurisdiction && a.jurisdiction !== options.jurisdiction) continue
    map.set(unitKey(a.alias), a.canonical)
  }
  return (n) => map.get(unitKey(n)) ?? n
}

/** The form names are compared in: no quotes, no spaces, half-width brackets. */
export function unitKey(name: string): string {
  return foldWidth(name).replace(/[“”‘’"'\s]/gu, '')
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)]
}

/** An item's text without its responsibility clause: what it does, not who does it. */
export function itemBody(item: { text: string; responsible: { text: string } | null }): string {
  return item.responsible ? item.text.replace(item.responsible.text, ' ').trim() : item.text
}
