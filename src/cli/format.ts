/**
 * Text output of the CLI: aligned tables (a hanzi takes two columns in a terminal), sizes, counts with
 * their nouns, and word diffs with colours on a terminal or wdiff marks ([-removed-]{+added+}) in a pipe.
 */
import { styleText } from 'node:util'
import stringWidth from 'string-width'
import type { DiffPart } from '../model/report.js'

/** Columns a string takes in a terminal: East Asian wide and full-width characters take two (string-width). */
export function displayWidth(text: string): number {
  return stringWidth(text)
}

/** Cuts a string to at most `width` columns, with … when cut (never inside a character cluster). */
export function fitWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text
  let out = ''
  let used = 0
  for (const { segment } of graphemes.segment(text)) {
    const w = displayWidth(segment)
    if (used + w > width - 1) break
    out += segment
    used += w
  }
  return `${out}…`
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/** A table with a header row, columns padded to their widest cell (numbers aligned right). */
export function formatTable(
  header: string[],
  rows: Array<Array<string | number | null>>,
  maxWidth = 40,
): string {
  const cells = rows.map((row) => row.map((cell) => fitWidth(cell === null ? '' : String(cell), maxWidth)))
  const numeric = header.map((_, k) => rows.length > 0 && rows.every((row) => typeof row[k] === 'number'))
  const widths = header.map((h, k) =>
    Math.max(displayWidth(h), ...cells.map((row) => displayWidth(row[k] ?? ''))),
  )
  const pad = (text: string, k: number) => {
    const space = ' '.repeat(Math.max(0, (widths[k] ?? 0) - displayWidth(text)))
    return numeric[k] ? space + text : text + space
  }
  const line = (row: string[]) => row.map(pad).join('  ').trimEnd()
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n')
}

/** Bytes for people: 1.3 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** ANSI styles, or nothing when colour is off. */
export interface Colors {
  red(text: string): string
  green(text: string): string
  dim(text: string): string
  bold(text: string): string
  removed(text: string): string
  added(text: string): string
}

/** Colours for a terminal (node:util styleText), else plain text and wdiff marks. */
export function createColors(enabled: boolean): Colors {
  type Format = Parameters<typeof styleText>[0]
  // `useColor` has decided for the stream written to (NO_COLOR, FORCE_COLOR, a terminal or not), so
  // styleText must not decide again from process.stdout; nested rather than an array of formats,
  // which needs a newer Node than 20.19
  const style =
    (...formats: Format[]) =>
    (text: string) =>
      enabled
        ? formats.reduceRight((inner, format) => styleText(format, inner, { validateStream: false }), text)
        : text
  return {
    red: style('red'),
    green: style('green'),
    dim: style('dim'),
    bold: style('bold'),
    removed: enabled ? style('red', 'strikethrough') : (t) => `[-${t}-]`,
    added: enabled ? style('green', 'underline') : (t) => `{+${t}+}`,
  }
}

/** "1 evolution pair", "2 evolution pairs": a count with its noun. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`
}

/** Whether to colour a stream: a terminal, unless NO_COLOR is set; FORCE_COLOR forces it. */
export function useColor(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  if (flag === false) return false
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true
  if (process.env.NO_COLOR) return false
  return Boolean(stream.isTTY)
}

/** A word diff for a terminal. */
export function formatDiff(parts: DiffPart[], colors: Colors): string {
  return parts
    .map((p) =>
      p.op === 'removed' ? colors.removed(p.text) : p.op === 'added' ? colors.added(p.text) : p.text,
    )
    .join('')
}
