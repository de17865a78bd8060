/**
 * An index of responsible units across a corpus: which units lead which items and which share them.
 *
 * Names are compared without quotes and spaces (市“智慧福州”管理服务中心 = 市智慧福州管理服务中心);
 * aliases that hold in a document's jurisdiction are applied (市大数据委 -> 市数据管理局 in 福州市's
 * plans). With `qualify`, a name relative to its government (市工信局, 区委网信办, 各县(市)区政府) is
 * prefixed by it (福州市工信局), so that two cities' 市工信局 stay apart.
 */

import { expectArrayOf, expectOptions, isRecord } from '../arguments.js'
import type { PlanDocument } from '../model'
import { loadUnitAliases, type UnitAliases } from './data'
import { unitKey } from './responsible'

export interface UnitsIndexEntry {
  /** Ids of the items the unit leads, in corpus order. */
  lead: string[]
  /** Ids of the items the unit shares (相关/配合 units), in corpus order. */
  related: string[]
  /** The names printed for this unit across the corpus, sorted. */
  names: string[]
}

/** Unit name -> the items it leads and shares; keys in code-point order. */
export type UnitsIndex = Record<string, UnitsIndexEntry>

export interface UnitsIndexOptions {
  /** Aliases; default the bundled `data/unit-aliases.json`. Pass `{ aliases: [] }` for none. */
  aliases?: UnitAliases
  /** Prefix names relative to their government with its name (市工信局 -> 福州市工信局). Default false. */
  qualify?: boolean
}

/** The documents' items under their responsible units (see the module comment). */
export function unitsIndex(
  documents: Array<Pick<PlanDocument, 'id' | 'title' | 'jurisdiction' | 'items'>>,
  options: UnitsIndexOptions = {},
): UnitsIndex {
  expectArrayOf(
    documents,
    'unitsIndex',
    'an array of documents',
    (d) => isRecord(d) && Array.isArray(d.items),
  )
  expectOptions(options, 'unitsIndex')
  const aliases = options.aliases ?? loadUnitAliases()
  const entries = new Map<string, { lead: string[]; related: string[]; names: Set<string> }>()
  for (const doc of documents) {
    const place = doc.jurisdiction?.name ?? null
    const holds = (scope: string | null) =>
      scope === null ||
      scope === place ||
      // No jurisdiction detected: an alias holds when the document names its government.
      (place === null && shortName(scope).length >= 2 && `${doc.id}${doc.title}`.includes(shortName(scope)))
    const rename = new Map<string, string>()
    for (const a of aliases.aliases)
      if (holds(a.jurisdiction)) rename.set(unitKey(a.alias), unitKey(a.canonical))
    const add = (name: string, itemId: string, role: 'lead' | 'related') => {
      const key0 = unitKey(name)
      if (!key0) return
      const canonical = rename.get(key0) ?? key0
      const key = options.qualify && place ? qualifyName(canonical, place) : canonical
      let e = entries.get(key)
      if (!e) {
        e = { lead: [], related: [], names: new Set() }
        entries.set(key, e)
      }
      e.names.add(name)
      if (!e[role].includes(itemId)) e[role].push(itemId)
    }
    for (const item of doc.items) {
      if (!item.responsible) continue
      for (const u of item.responsible.lead) add(u, item.id, 'lead')
      for (const u of item.responsible.related) add(u, item.id, 'related')
    }
  }
  const index: UnitsIndex = {}
  for (const key of [...entries.keys()].sort(codePointOrder)) {
    const e = entries.get(key) as { lead: string[]; related: string[]; names: Set<string> }
    index[key] = { lead: e.lead, related: e.related, names: [...e.names].sort(codePointOrder) }
  }
  return index
}

function codePointOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** 福州市 -> 福州, 仓山区 -> 仓山, 福建省 -> 福建. */
function shortName(name: string): string {
  return name.replace(/(省|市|区|县|自治区|自治州|特别行政区)$/u, '')
}

/** 市工信局 + 福州市 -> 福州市工信局; 各县(市)区政府 + 福州市 -> 福州市各县(市)区政府. */
function qualifyName(name: string, place: string): string {
  const level = place.slice(-1)
  if (name.startsWith(level) && /[省市区县]/u.test(level)) return place + name.slice(1)
  if (/^(各|全)/u.test(name)) return place + name
  return name
}
