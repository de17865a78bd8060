/**
 * The io stage: the only stage that sees bytes. It reads files, finds their encoding (see
 * `./encoding.ts` for the order of the evidence), turns web pages into text (`./html.ts`), and refuses
 * what is not a document (empty, binary, unreadable) with a `PlanCascadeError` naming the file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import { PlanCascadeError } from '../errors.js'
import {
  canonicalEncoding,
  checkUtf8,
  decodeAs,
  detectUtf16,
  encodingFromBom,
  rankEncodings,
  readingOf,
} from './encoding.js'
import { declaredCharset, type HtmlChrome, htmlToText, looksLikeHtml } from './html.js'

export { canonicalEncoding, scoreText } from './encoding.js'
export type { HtmlChrome } from './html.js'
export { htmlToText, loadHtmlChrome, looksLikeHtml } from './html.js'

/** A decoded input: the text every later stage works on, and where it came from. */
export interface SourceText {
  /** The decoded text (for a web page, the text extracted from it): what all spans point into. */
  text: string
  /** Encoding the bytes were decoded with: utf-8, gb18030, big5, utf-16le, utf-16be … */
  encoding: string
  /** 'html' when the text was extracted from a web page. */
  format: 'text' | 'html'
  /** Path the bytes were read from, or the `file` name given to `decodeBytes`, else null. */
  path: string | null
  /** The page's `<title>`, for a web page that has one. */
  pageTitle?: string
}

export interface DecodeOptions {
  /** Encoding to use instead of detecting one (any label iconv-lite knows: gbk, big5, utf-16le …). */
  encoding?: string
  /** File name, for messages and to tell a web page by its extension (.html, .htm). */
  file?: string
  /** What counts as page chrome in a web page; defaults to `data/html-chrome.json`. */
  htmlChrome?: HtmlChrome
}

export interface ReadSourceOptions {
  /** Encoding to use instead of detecting one. */
  encoding?: string
  /** What counts as page chrome in a web page; defaults to `data/html-chrome.json`. */
  htmlChrome?: HtmlChrome
}

/** Extensions read when a directory is given. */
const inputExtensions = new Set(['.txt', '.html', '.htm'])
const htmlExtensions = new Set(['.html', '.htm', '.xhtml', '.shtml'])

/** A text with more control characters than this share (tabs and line breaks aside) is binary. */
const maxControlShare = 0.05
/** How much better than a poor UTF-8 reading another reading must score to win over valid UTF-8. */
const utf8Margin = 0.3
/** A best reading that scores below this is not text in any encoding we know. */
const minTextScore = 0.3

function controlShare(text: string): number {
  let controls = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 0x20 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || code === 0x7f) controls++
  }
  return text.length === 0 ? 0 : controls / text.length
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.includes(0)
}

/** Encoding of bytes that carry no option: see the module comment of ./encoding.ts for the order. */
function detectEncoding(bytes: Uint8Array, place: { file?: string }, html: boolean): string {
  const bom = encodingFromBom(bytes)
  if (bom) return bom
  const utf8 = checkUtf8(bytes)
  const nul = hasNul(bytes)
  if (utf8.valid && !utf8.ascii && !nul) {
    // 目录 in GBK (C4BF C2BC) is also valid UTF-8 (Ŀ¼): a tiny text may be both, so UTF-8 gives way
    // only when its reading is poor and another one is clearly better
    const reading = readingOf(bytes, 'utf-8')
    if (reading.score >= 0.9) return 'utf-8'
    const [best] = rankEncodings(bytes)
    return best && best.score > reading.score + utf8Margin ? best.encoding : 'utf-8'
  }
  // UTF-16 bytes are all below 0x80 only for a text with no line break (0A 00) and no ASCII (?? 00):
  // a word, never a document, while "planning" read as UTF-16 is four Chinese characters
  const utf16 = utf8.ascii && !nul ? null : detectUtf16(bytes)
  if (utf16) return utf16.encoding
  const sample = bytes.subarray(0, 64 * 1024)
  if (nul || controlShare(Buffer.from(sample).toString('latin1')) > maxControlShare) {
    throw new PlanCascadeError('binary-input', 'the file holds binary data, not text', place)
  }
  const declared = html ? declaredCharset(bytes) : null
  const declaredName = declared ? canonicalEncoding(declared) : null
  if (declaredName) return declaredName
  if (utf8.valid) return 'utf-8'
  const [best] = rankEncodings(bytes)
  if (!best || best.score < minTextScore) {
    throw new PlanCascadeError(
      'decode-failed',
      `cannot tell the encoding: no encoding reads it as text (best: ${best?.encoding ?? 'none'}, score ${best?.score.toFixed(2) ?? '-'}); pass an encoding`,
      place,
    )
  }
  return best.encoding
}

/**
 * Decodes a file's bytes: detects the encoding (or uses `options.encoding`), strips a BOM, and for a web
 * page (by extension or by its look) extracts the text. Throws `empty-input` for an empty file or one
 * with only white space, `binary-input` for binary data, `decode-failed` when no encoding fits, and
 * `bad-option` for an unknown encoding.
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): SourceText {
  const place = options.file ? { file: options.file } : {}
  if (bytes.length === 0) throw new PlanCascadeError('empty-input', 'the file is empty', place)
  const extension = options.file ? extname(options.file).toLowerCase() : ''
  const htmlByName = htmlExtensions.has(extension)
  const htmlByLook = !htmlByName && looksLikeHtml(Buffer.from(bytes.subarray(0, 4096)).toString('latin1'))
  let encoding: string
  if (options.encoding !== undefined) {
    const name = canonicalEncoding(options.encoding)
    if (!name) throw new PlanCascadeError('bad-option', `unknown encoding "${options.encoding}"`, place)
    encoding = name
  } else {
    encoding = detectEncoding(bytes, place, htmlByName || htmlByLook)
  }
  const decoded = decodeAs(bytes, encoding)
  if (decoded.trim() === '')
    throw new PlanCascadeError('empty-input', 'the file holds only white space', place)
  if (decoded.includes('\0') || controlShare(decoded) > maxControlShare) {
    throw new PlanCascadeError('binary-input', `the file holds binary data, not ${encoding} text`, place)
  }
  const path = options.file ?? null
  if (!htmlByName && !looksLikeHtml(decoded)) return { text: decoded, encoding, format: 'text', path }
  const page = htmlToText(decoded, options.htmlChrome)
  if (page.text.trim() === '') throw new PlanCascadeError('empty-input', 'the web page holds no text', place)
  return {
    text: page.text,
    encoding,
    format: 'html',
    path,
    ...(page.title ? { pageTitle: page.title } : {}),
  }
}

/** "ENOENT: no such file or directory, open 'x.txt'" -> "ENOENT: no such file or directory". */
function osReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/, (open|scandir|stat|lstat|read) '.*'$/, '')
}

/** Reads a file (or takes bytes) and decodes it with `decodeBytes`. */
export function readSource(pathOrBytes: string | Uint8Array, options: ReadSourceOptions = {}): SourceText {
  if (typeof pathOrBytes !== 'string') return decodeBytes(pathOrBytes, options)
  const file = pathOrBytes
  let bytes: Uint8Array
  try {
    if (statSync(file).isDirectory()) {
      throw new PlanCascadeError('unreadable-file', 'cannot read: it is a directory', { file })
    }
    bytes = readFileSync(file)
  } catch (error) {
    if (error instanceof PlanCascadeError) throw error
    throw new PlanCascadeError('unreadable-file', `cannot read the file (${osReason(error)})`, { file })
  }
  return decodeBytes(bytes, { ...options, file })
}

/**
 * The files to read: a directory gives its .txt, .html and .htm files (not its subdirectories, not
 * hidden files), sorted by name; files are kept as given, in the order given. Throws `unreadable-file`
 * for a path that does not exist and `empty-input` for a directory with no such file.
 */
export function listInputFiles(pathsOrDir: string | string[]): string[] {
  const paths = typeof pathsOrDir === 'string' ? [pathsOrDir] : pathsOrDir
  const files: string[] = []
  for (const path of paths) {
    let isDirectory: boolean
    try {
      isDirectory = statSync(path).isDirectory()
    } catch (error) {
      throw new PlanCascadeError('unreadable-file', `cannot read (${osReason(error)})`, { file: path })
    }
    if (!isDirectory) {
      files.push(path)
      continue
    }
    let names: string[]
    try {
      names = readdirSync(path)
    } catch (error) {
      throw new PlanCascadeError('unreadable-file', `cannot list the directory (${osReason(error)})`, {
        file: path,
      })
    }
    const inputs = names
      .filter((name) => !name.startsWith('.') && inputExtensions.has(extname(name).toLowerCase()))
      .filter((name) => statSync(join(path, name)).isFile())
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    if (inputs.length === 0) {
      throw new PlanCascadeError('empty-input', 'the directory holds no .txt, .html or .htm file', {
        file: path,
      })
    }
    files.push(...inputs.map((name) => join(path, name)))
  }
  return files
}
