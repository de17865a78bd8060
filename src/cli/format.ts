/**
 * Text output of the CLI: aligned tables (a hanzi takes two columns in a terminal), sizes, and word
 * diffs with colours on a terminal or wdiff marks ([-removed-]{+added+}) in a pipe.
 */
import type { DiffPart } from '../model/report.js'

/** Columns a string takes in a terminal: East Asian wide and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    width += isWide(code) ? 2 : 1
  }
  return width
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  )
}

/** Cuts a string to at most `width` columns, with … when cut. */
export function fitWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text
  let out = ''
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break
    out += char
  }
  return `${out}…`
}

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

/** Colours for a terminal (NO_COLOR and FORCE_COLOR respected), else plain marks. */
export function createColors(enabled: boolean): Colors {
  const wrap = (open: string, close: string) => (text: string) =>
    enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text
  return {
    red: wrap('31', '39'),
    green: wrap('32', '39'),
    dim: wrap('2', '22'),
    bold: wrap('1', '22'),
    removed: enabled ? (t) => `\x1b[31;9m${t}\x1b[39;29m` : (t) => `[-${t}-]`,
    added: enabled ? (t) => `\x1b[32;4m${t}\x1b[39;24m` : (t) => `{+${t}+}`,
  }
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
