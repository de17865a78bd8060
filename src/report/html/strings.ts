/**
 * The words of the HTML report in two languages, from `data/report-strings.json`: Chinese first (its
 * readers are Chinese researchers first), English by a switch on the page. The page is rendered in
 * one language; every translatable piece carries its key (and its numbers), so that the page's script
 * can switch without a reload.
 */
import { readDataJson } from '../../data-dir.js'
import { escapeXml } from '../shared.js'

/** Languages of the report's interface. */
export type ReportLanguage = 'zh' | 'en'

/** Key -> text in each language; a text may hold {name} slots and, in English, singular|plural. */
export type ReportStrings = Record<string, Record<ReportLanguage, string>>

let cached: ReportStrings | null = null

export function loadReportStrings(): ReportStrings {
  cached ??= readDataJson<{ strings: ReportStrings }>('report-strings.json').strings
  return cached
}

/** Fills a text's {slots}; `a|b` picks a when {n} is 1, else b. */
export function fillText(text: string, args: Record<string, string | number> = {}): string {
  const forms = text.split('|')
  const chosen = forms.length === 2 ? (Number(args.n) === 1 ? forms[0]! : forms[1]!) : text
  return chosen.replace(/\{(\w+)\}/g, (slot, name: string) => (name in args ? String(args[name]) : slot))
}

/** Keys whose text is HTML (a hint with <del>, <ins>, <i>); the others are plain text. */
export function isHtmlKey(key: string): boolean {
  return key.endsWith('-hint')
}

export interface Translator {
  language: ReportLanguage
  /** The text of a key, escaped for HTML (hints are HTML already). */
  text(key: string, args?: Record<string, string | number>): string
  /** The text wrapped in an element that the page's language switch rewrites. */
  el(key: string, args?: Record<string, string | number>, tag?: string): string
  /** Attributes for an element whose attributes are translated: `placeholder="…" data-i18n-attr="…"`. */
  attrs(pairs: Record<string, string>): string
}

export function createTranslator(language: ReportLanguage, strings = loadReportStrings()): Translator {
  const raw = (key: string, args?: Record<string, string | number>) => {
    const entry = strings[key]
    return entry ? fillText(entry[language], args) : key
  }
  const text = (key: string, args?: Record<string, string | number>) =>
    isHtmlKey(key) ? raw(key, args) : escapeXml(raw(key, args))
  return {
    language,
    text,
    el(key, args, tag = 'span') {
      const data = args ? ` data-i18n-args="${escapeXml(JSON.stringify(args))}"` : ''
      return `<${tag} data-i18n="${key}"${data}>${text(key, args)}</${tag}>`
    },
    attrs(pairs) {
      const list = Object.entries(pairs)
      const values = list.map(([name, key]) => `${name}="${escapeXml(raw(key))}"`).join(' ')
      return `${values} data-i18n-attr="${list.map(([name, key]) => `${name}:${key}`).join(' ')}"`
    },
  }
}

/** The strings as JSON for a <script type="application/json"> element (no `<` that could end it). */
export function stringsJson(strings = loadReportStrings()): string {
  return JSON.stringify(strings).replace(/</g, '\\u003c')
}
