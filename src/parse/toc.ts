/**
 * Tables of contents. Long plans print one (目录 …) and then, in the body, sometimes only the number of
 * a chapter or section (第二章第一节): the titles are taken from the contents.
 */

import { matchLabel, pathComponent } from './labels.js'
import type { Line } from './pieces.js'

export interface TableOfContents {
  /** Lines of the contents, `[first, last]` inclusive (the 目录 line included). */
  firstLine: number
  lastLine: number
  /** Title by label path (`3`, `3.2` for 第三章第二节). */
  titles: Map<string, string>
}

const TOC_HEAD = /^目\s*录$/
const MAX_ENTRY = 40

/** Finds a 目录 block: short heading lines up to the first entry printed a second time. */
export function findTableOfContents(text: string, lines: Line[]): TableOfContents | null {
  const headIndex = lines.findIndex((l) => TOC_HEAD.test(text.slice(l.start, l.end).trim()))
  if (headIndex < 0) return null
  const seen = new Set<string>()
  const titles = new Map<string, string>()
  let chapter: string | null = null
  let lastLine = headIndex
  for (let n = headIndex + 1; n < lines.length; n++) {
    const line = lines[n] as Line
    const content = text.slice(line.start, line.end).trim()
    if (content === '') continue
    const key = content.replace(/\s+/g, '')
    if (content.length > MAX_ENTRY || /[。；]/.test(content) || seen.has(key)) break
    seen.add(key)
    lastLine = n
    const label = matchLabel(content, 0)
    if (!label) continue
    const title = content
      .slice(label.length)
      .trim()
      .replace(/\s*[.…·]{2,}\s*\d*$/, '')
    const component = pathComponent(label.style, label.number)
    if (label.style === 'chapter') {
      chapter = component
      titles.set(component, title)
    } else if (label.style === 'section' && chapter) titles.set(`${chapter}.${component}`, title)
    else titles.set(chapter ? `${chapter}.${component}` : component, title)
  }
  if (titles.size < 2) return null
  return { firstLine: headIndex, lastLine, titles }
}
