/**
 * Text of a web page, with htmlparser2: the chrome (scripts, menus, breadcrumbs, share bars, page header
 * and footer) is dropped, block elements and table cells become line breaks, entities are decoded and
 * white space is collapsed within a line. What comes out is the text every span of the document points
 * into, so it is built once, here, and never re-flowed later.
 */

import { readFileSync } from 'node:fs'
import { Parser } from 'htmlparser2'
import { dataFile } from '../data-dir.js'

/** What counts as page chrome: the format of `data/html-chrome.json`. */
export interface HtmlChrome {
  /** Elements dropped with their content: script, style, nav, iframe … */
  dropTags: string[]
  /** Elements that are page chrome only at page level: header, footer … */
  landmarkTags: string[]
  /** …but are kept inside these (an article's own header holds its title). */
  landmarkTagsKeptInside: string[]
  /** ARIA roles of chrome: navigation, banner, contentinfo … */
  dropRoles: string[]
  /** A class or id containing one of these words is chrome: main-nav, breadcrumb, share-box, footer. */
  classWords: string[]
  /** A class or id starting with one of these is chrome: bdshare_t, breadcrumb-item. */
  classPrefixes: string[]
  /** A class or id equal to one of these is a page header, treated like `landmarkTags`. */
  landmarkClassNames: string[]
}

/** Elements that end a line: the blocks of HTML, list items, table rows and cells. */
const blockTags = new Set(
  (
    'address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol ' +
    'option p pre section summary table tbody thead tfoot tr td th ul title'
  ).split(' '),
)

let defaultChrome: HtmlChrome | null = null

/** The chrome rules shipped in `data/html-chrome.json` (read once). */
export function loadHtmlChrome(): HtmlChrome {
  defaultChrome ??= JSON.parse(readFileSync(dataFile('html-chrome.json'), 'utf8')) as HtmlChrome
  return defaultChrome
}

/** A page, not plain text: a doctype, an html or body tag, or many common tags near the start. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096)
  if (/<!doctype\s+html|<html[\s>]|<body[\s>]/i.test(head)) return true
  const tags = head.match(
    /<\/?(?:p|div|span|br|a|table|tr|td|li|ul|ol|h[1-6]|strong|b|font|img|meta|link)\b[^<>]*>/gi,
  )
  return (tags?.length ?? 0) >= 8
}

/**
 * The charset a page declares in its first 4 KB: `<meta charset>`, `<meta http-equiv="Content-Type"
 * content="…; charset=…">` or `<?xml … encoding="…"?>`. The bytes are read as Latin-1 for this, which
 * keeps every ASCII tag intact whatever the real encoding.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString(
    'latin1',
  )
  let found: string | null = null
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (found || name !== 'meta') return
        if (attributes.charset) found = attributes.charset
        else if (attributes['http-equiv']?.toLowerCase() === 'content-type' && attributes.content) {
          found = /charset\s*=\s*["']?([^"';\s]+)/i.exec(attributes.content)?.[1] ?? null
        }
      },
      onprocessinginstruction(name, data) {
        if (!found && name.toLowerCase() === '?xml')
          found = /encoding\s*=\s*["']([^"']+)/i.exec(data)?.[1] ?? null
      },
    },
    { decodeEntities: true },
  )
  parser.write(head)
  parser.end()
  // WHATWG: a page read as ASCII that claims UTF-16 is UTF-8
  return found && /^utf-?16/i.test(found) ? 'utf-8' : found
}

/** Wide characters: a line break between two of them is no space (CSS Text 3, segment breaks). */
const wide = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/

/**
 * Collapses white space in one line as a browser does (CSS Text 3): runs of spaces, tabs and line breaks
 * become one space, or nothing for a line break between two wide characters (数字\n福州 -> 数字福州), and
 * go at both ends. &nbsp; and the ideographic space are not collapsible: pages indent paragraphs with
 * them (\u3000\u3000一、…), a layout cue the structure parser reads, so they are kept as printed.
 */
function collapseLine(line: string): string {
  return line
    .replace(/[ \t\n\r\f]+/g, (run: string, offset: number, all: string) => {
      if (!/[\n\r]/.test(run)) return ' '
      const before = all[offset - 1]
      const after = all[offset + run.length]
      return before && after && wide.test(before) && wide.test(after) ? '' : ' '
    })
    .replace(/^[ \t\n\r\f]+/, '')
    .trimEnd()
}

/** Lower-case words of a class or id: "main-nav navBar" -> main, nav, nav, bar. */
function wordsOf(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean)
}

interface Frame {
  name: string
  /** This element starts a dropped subtree. */
  drop: boolean
}

/** The text of a page and its `<title>`. */
export function htmlToText(
  html: string,
  chrome: HtmlChrome = loadHtmlChrome(),
): { text: string; title: string | null } {
  const dropTags = new Set(chrome.dropTags)
  const landmarkTags = new Set(chrome.landmarkTags)
  const keptInside = new Set(chrome.landmarkTagsKeptInside)
  const dropRoles = new Set(chrome.dropRoles)
  const classWords = new Set(chrome.classWords)
  const landmarkClassNames = new Set(chrome.landmarkClassNames)

  const stack: Frame[] = []
  const lines: string[] = []
  let line = ''
  let dropped = 0
  let pre = 0
  let inTitle = 0
  let title = ''

  const flush = () => {
    const collapsed = collapseLine(line)
    // a line of nothing but &nbsp; is spacing, not text
    if (collapsed.trim()) lines.push(collapsed)
    line = ''
  }
  const insideSection = () => stack.some((frame) => keptInside.has(frame.name))
  const isChrome = (name: string, attributes: Record<string, string>): boolean => {
    if (dropTags.has(name)) return true
    if ('hidden' in attributes || attributes['aria-hidden'] === 'true') return true
    if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(attributes.style ?? '')) return true
    const role = attributes.role?.toLowerCase()
    if (role && dropRoles.has(role)) return true
    const names = `${attributes.class ?? ''} ${attributes.id ?? ''}`.split(/\s+/).filter(Boolean)
    if (landmarkTags.has(name) || names.some((n) => landmarkClassNames.has(n.toLowerCase()))) {
      if (!insideSection()) return true
    }
    return names.some(
      (n) =>
        wordsOf(n).some((word) => classWords.has(word)) ||
        chrome.classPrefixes.some((prefix) => n.toLowerCase().startsWith(prefix)),
    )
  }

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle++
        const drop = dropped === 0 && isChrome(name, attributes)
        stack.push({ name, drop })
        if (drop) dropped++
        if (dropped === 0 && blockTags.has(name)) flush()
        if (name === 'pre') pre++
      },
      ontext(text) {
        if (inTitle > 0) title += text
        if (dropped > 0) return
        if (pre === 0) {
          line += text
          return
        }
        // <pre> keeps its line breaks
        const parts = text.split(/\r?\n/)
        parts.forEach((part, i) => {
          if (i > 0) flush()
          line += part
        })
      },
      onclosetag(name) {
        let index = stack.length - 1
        while (index >= 0 && stack[index]?.name !== name) index--
        if (index < 0) return
        for (const frame of stack.splice(index)) {
          if (frame.drop) dropped--
          if (frame.name === 'pre') pre--
          if (frame.name === 'title') inTitle--
        }
        if (dropped === 0 && blockTags.has(name)) flush()
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.write(html)
  parser.end()
  flush()
  const pageTitle = collapseLine(title)
  return { text: lines.join('\n'), title: pageTitle || null }
}
