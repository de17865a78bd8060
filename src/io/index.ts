/**
 * The io stage: the only stage that sees bytes. It reads files, finds their encoding (see
 * `./encoding.ts` for the order of the evidence), turns web pages into text (`./html.ts`), and refuses
 * what is not a document (empty, binary, unreadable) with a `PlanCascadeError` naming the file.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  type Stats,
  statSync,
} from 'node:fs'
import { extname, join } from 'node:path'
import iconv from 'iconv-lite'
import { expectArgument, expectOptions } from '../arguments.js'
import { describeValue, PlanCascadeError } from '../errors.js'
import type { PlanWarning } from '../model/index.js'
import {
  canonicalEncoding,
  checkUtf8,
  decodeAs,
  detectUtf16,
  encodingFromBom,
  rankEncodings,
  readingOf,
  utf8Evidence,
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
  /**
   * What decoding had to do that the reader must know, spans into `text`: `replacement-characters`
   * (bytes not valid in the encoding, such as a UTF-8 file cut in its last character, became U+FFFD),
   * `mixed-encoding` (lines in another encoding than the rest). `parseDocument` adds them to the
   * document's warnings.
   */
  warnings?: PlanWarning[]
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

/** How the bytes are to be decoded: one encoding, or UTF-8 lines among lines of a legacy encoding. */
interface Decoding {
  encoding: string
  /** For a file that mixes encodings: the encoding of its lines that are not UTF-8. */
  otherLines?: string
}

/**
 * Valid UTF-8 sequences per ill-formed one above which bytes are UTF-8 with a few bad bytes: GBK text
 * read as UTF-8 has about one valid sequence per ill-formed one (C4BF is Ŀ), half-GBK half-UTF-8 about
 * two, a UTF-8 plan with a damaged byte thousands.
 */
const utf8Dominance = 20

/** Encoding of bytes that carry no option: see the module comment of ./encoding.ts for the order. */
function detectEncoding(bytes: Uint8Array, place: { file?: string }, html: boolean): Decoding {
  const bom = encodingFromBom(bytes)
  if (bom) return { encoding: bom }
  const utf8 = checkUtf8(bytes)
  const nul = hasNul(bytes)
  if (utf8.valid && !utf8.ascii && !nul) {
    // 目录 in GBK (C4BF C2BC) is also valid UTF-8 (Ŀ¼): a tiny text may be both, so UTF-8 gives way
    // only when its reading is poor and another one is clearly better
    const reading = readingOf(bytes, 'utf-8')
    if (reading.score >= 0.9) return { encoding: 'utf-8' }
    const [best] = rankEncodings(bytes)
    return { encoding: best && best.score > reading.score + utf8Margin ? best.encoding : 'utf-8' }
  }
  // UTF-16 bytes are all below 0x80 only for a text with no line break (0A 00) and no ASCII (?? 00):
  // a word, never a document, while "planning" read as UTF-16 is four Chinese characters
  const utf16 = utf8.ascii && !nul ? null : detectUtf16(bytes)
  if (utf16) return { encoding: utf16.encoding }
  if (!utf8.valid && !nul) {
    // A UTF-8 plan cut in its last character (…E5) or with a few damaged bytes is still UTF-8: read as
    // GB18030 the whole of it would be garbled. The bad bytes become U+FFFD, with a warning.
    const evidence = utf8Evidence(bytes)
    if (evidence.cutAtEnd || evidence.multibyte >= utf8Dominance * evidence.invalid)
      return { encoding: 'utf-8' }
    const mixed = mixedEncoding(bytes)
    if (mixed) return mixed
  }
  const sample = bytes.subarray(0, 64 * 1024)
  if (nul || controlShare(Buffer.from(sample).toString('latin1')) > maxControlShare) {
    throw new PlanCascadeError('binary-input', 'the file holds binary data, not text', place)
  }
  const declared = html ? declaredCharset(bytes) : null
  const declaredName = declared ? canonicalEncoding(declared) : null
  if (declaredName) return { encoding: declaredName }
  if (utf8.valid) return { encoding: 'utf-8' }
  const [best] = rankEncodings(bytes)
  if (!best || best.score < minTextScore) {
    throw new PlanCascadeError(
      'decode-failed',
      `cannot tell the encoding: no encoding reads it as text (best: ${best?.encoding ?? 'none'}, score ${best?.score.toFixed(2) ?? '-'}); pass an encoding`,
      place,
    )
  }
  return { encoding: best.encoding }
}

/** Lines of bytes, `[start, end)` without their 0A (no GBK, Big5 or UTF-8 character holds a 0A byte). */
function byteLines(bytes: Uint8Array): Array<[number, number]> {
  const lines: Array<[number, number]> = []
  let start = 0
  for (;;) {
    const end = bytes.indexOf(10, start)
    lines.push([start, end < 0 ? bytes.length : end])
    if (end < 0) return lines
    start = end + 1
  }
}

/** A clean reading: nearly every character ASCII, frequent Chinese or punctuation. */
const cleanScore = 0.9

/**
 * A file pasted together from two sources: some lines valid UTF-8 that read as clean Chinese, the
 * others (not UTF-8) clean in one legacy encoding (GBK, Big5). Null when the file is not like that.
 */
function mixedEncoding(bytes: Uint8Array): Decoding | null {
  const good: Uint8Array[] = []
  const bad: Uint8Array[] = []
  for (const [start, end] of byteLines(bytes)) {
    const line = bytes.subarray(start, end)
    const evidence = utf8Evidence(line)
    if (evidence.invalid > 0) bad.push(line)
    else if (evidence.multibyte > 0) good.push(line)
  }
  if (good.length === 0 || bad.length === 0) return null
  const join = (lines: Uint8Array[]) =>
    Buffer.concat(lines.map((l) => Buffer.from(l.buffer, l.byteOffset, l.byteLength)))
  const utf8Reading = readingOf(join(good), 'utf-8')
  const [other] = rankEncodings(join(bad))
  if (utf8Reading.score < cleanScore || !other || other.score < cleanScore) return null
  return { encoding: 'utf-8', otherLines: other.encoding }
}

/** Decodes line by line: UTF-8 where a line is valid UTF-8, the other encoding elsewhere. */
function decodeMixed(bytes: Uint8Array, other: string): string {
  return byteLines(bytes)
    .map(([start, end]) => {
      const line = bytes.subarray(start, end)
      return decodeAs(line, utf8Evidence(line).invalid > 0 ? other : 'utf-8')
    })
    .join('\n')
}

/** U+FFFD in the text that the bytes did not spell out themselves: characters the decoder replaced. */
function replacementWarnings(bytes: Uint8Array, text: string, encoding: string): PlanWarning[] {
  const first = text.indexOf('\ufffd')
  if (first < 0) return []
  let found = 0
  for (let at = first; at >= 0; at = text.indexOf('\ufffd', at + 1)) found++
  const own = Buffer.from(iconv.encode('\ufffd', encoding))
  let spelled = 0
  for (let at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(own); at >= 0; ) {
    spelled++
    at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(own, at + own.length)
  }
  const replaced = found - spelled
  if (replaced <= 0) return []
  const cut = encoding === 'utf-8' && text.endsWith('\ufffd') && replaced === 1
  return [
    {
      code: 'replacement-characters',
      message: cut
        ? 'the file ends in the middle of a character (it was probably cut short): the last character was replaced by U+FFFD'
        : `${replaced} ${replaced === 1 ? 'character' : 'characters'} could not be decoded as ${encoding} and ${replaced === 1 ? 'was' : 'were'} replaced by U+FFFD`,
      span: cut ? [text.length - 1, text.length] : [first, first + 1],
    },
  ]
}

/** What the reader of a decoded text must know: a file that mixes encodings, replaced characters. */
function decodingWarnings(bytes: Uint8Array, text: string, decoding: Decoding): PlanWarning[] {
  const mixed: PlanWarning[] = decoding.otherLines
    ? [
        {
          code: 'mixed-encoding',
          message: `the file mixes encodings: its lines that are not valid UTF-8 were read as ${decoding.otherLines}`,
        },
      ]
    : []
  return [...mixed, ...replacementWarnings(bytes, text, decoding.encoding)]
}

/**
 * Decodes a file's bytes: detects the encoding (or uses `options.encoding`), strips a BOM, and for a web
 * page (by extension or by its look) extracts the text. Throws `empty-input` for an empty file or one
 * with only white space, `binary-input` for binary data, `decode-failed` when no encoding fits, and
 * `bad-option` for an unknown encoding. Bytes that had to be replaced by U+FFFD (a UTF-8 file cut in
 * its last character) and a file that mixes encodings come back with `warnings`.
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): SourceText {
  expectArgument(bytes instanceof Uint8Array, 'decodeBytes', 'bytes (a Uint8Array or Buffer)', bytes)
  expectOptions(options, 'decodeBytes')
  const place = options.file ? { file: options.file } : {}
  if (bytes.length === 0) throw new PlanCascadeError('empty-input', 'the file is empty', place)
  const extension = options.file ? extname(options.file).toLowerCase() : ''
  const htmlByName = htmlExtensions.has(extension)
  const htmlByLook = !htmlByName && looksLikeHtml(Buffer.from(bytes.subarray(0, 4096)).toString('latin1'))
  let decoding: Decoding
  if (options.encoding !== undefined) {
    const name = canonicalEncoding(options.encoding)
    if (!name) throw new PlanCascadeError('bad-option', `unknown encoding "${options.encoding}"`, place)
    decoding = { encoding: name }
  } else {
    decoding = detectEncoding(bytes, place, htmlByName || htmlByLook)
  }
  const { encoding, otherLines } = decoding
  const decoded = otherLines ? decodeMixed(bytes, otherLines) : decodeAs(bytes, encoding)
  if (decoded.trim() === '')
    throw new PlanCascadeError('empty-input', 'the file holds only white space', place)
  if (decoded.includes('\0') || controlShare(decoded) > maxControlShare) {
    throw new PlanCascadeError('binary-input', `the file holds binary data, not ${encoding} text`, place)
  }
  const path = options.file ?? null
  if (!htmlByName && !looksLikeHtml(decoded)) {
    const warnings = decodingWarnings(bytes, decoded, decoding)
    return { text: decoded, encoding, format: 'text', path, ...(warnings.length ? { warnings } : {}) }
  }
  const page = htmlToText(decoded, options.htmlChrome)
  if (page.text.trim() === '') throw new PlanCascadeError('empty-input', 'the web page holds no text', place)
  // spans of a page would point into its markup, not into the text extracted: no place
  const warnings = decodingWarnings(bytes, decoded, decoding).map(({ span: _span, ...rest }) => rest)
  return {
    text: page.text,
    encoding,
    format: 'html',
    path,
    ...(page.title ? { pageTitle: page.title } : {}),
    ...(warnings.length ? { warnings } : {}),
  }
}

/** "ENOENT: no such file or directory, open 'x.txt'" -> "ENOENT: no such file or directory". */
function osReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/, (?:open|scandir|stat|lstat|read|fstat) '[^']*'$/, '')
}

/** What a path that is not a regular file is, in words; null for a regular file. */
function notAFile(stats: Stats): string | null {
  if (stats.isFile()) return null
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isSocket()) return 'a socket'
  return 'not a regular file'
}

/** Why a path cannot be looked at: a dangling link and a link loop said as such. */
function statFailure(file: string, error: unknown): PlanCascadeError {
  const code = (error as NodeJS.ErrnoException).code
  let why = osReason(error)
  try {
    if (code === 'ENOENT' && lstatSync(file).isSymbolicLink()) {
      why = `a dangling symbolic link to ${readlinkSync(file)}`
    } else if (code === 'ELOOP') {
      why = 'a symbolic link loop (ELOOP)'
    }
  } catch {
    // the reason of the system stands
  }
  return new PlanCascadeError('unreadable-file', `cannot read the file (${why})`, { file })
}

/** O_NONBLOCK: opening a FIFO swapped in after the check returns at once instead of waiting for a writer. */
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * The bytes of a regular file. A FIFO, a device or a socket is refused before it is opened (reading
 * a FIFO waits for ever, a device never ends), and checked again on the open descriptor in case the
 * path changed in between.
 */
function readFileBytes(file: string): Uint8Array {
  let stats: Stats
  try {
    stats = statSync(file)
  } catch (error) {
    throw statFailure(file, error)
  }
  const refuse = (what: string) =>
    new PlanCascadeError(
      what === 'a directory' ? 'unreadable-file' : 'not-a-file',
      `cannot read: it is ${what}, not a file`,
      { file },
    )
  const before = notAFile(stats)
  if (before) throw refuse(before)
  let fd: number
  try {
    fd = openSync(file, openFlags)
  } catch (error) {
    throw new PlanCascadeError('unreadable-file', `cannot read the file (${osReason(error)})`, { file })
  }
  try {
    const after = notAFile(fstatSync(fd))
    if (after) throw refuse(after)
    return readFileSync(fd)
  } catch (error) {
    if (error instanceof PlanCascadeError) throw error
    throw new PlanCascadeError('unreadable-file', `cannot read the file (${osReason(error)})`, { file })
  } finally {
    closeSync(fd)
  }
}

/**
 * Reads a file (or takes bytes) and decodes it with `decodeBytes`. Throws `unreadable-file` for a path
 * that does not exist, a dangling link, a link loop, a directory or a file it may not read, and
 * `not-a-file` for a FIFO, a device or a socket, which it never reads.
 */
export function readSource(pathOrBytes: string | Uint8Array, options: ReadSourceOptions = {}): SourceText {
  if (pathOrBytes instanceof Uint8Array) return decodeBytes(pathOrBytes, options)
  if (typeof pathOrBytes !== 'string' || pathOrBytes === '') {
    throw new PlanCascadeError(
      'bad-argument',
      `readSource: expected a file path or bytes (Uint8Array), got ${describeValue(pathOrBytes)}`,
    )
  }
  const file = pathOrBytes
  return decodeBytes(readFileBytes(file), { ...options, file })
}

/** True for a path that is a directory (following links); false for anything else, broken or not. */
function isDirectoryPath(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/**
 * The files to read: a directory gives its .txt, .html and .htm entries (not its subdirectories, not
 * hidden files), sorted by name; files are kept as given, in the order given. An entry that cannot be
 * read — a dangling link, a link loop, a FIFO, a device, a file it may not read — is listed all the
 * same, so that reading it reports it on its own (`loadCorpus` puts it in `errors`) while the others
 * are read. Throws `unreadable-file` for a path given that does not exist and `empty-input` for a
 * directory with no such entry.
 */
export function listInputFiles(pathsOrDir: string | string[]): string[] {
  const paths = typeof pathsOrDir === 'string' ? [pathsOrDir] : pathsOrDir
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string' || p === '')) {
    throw new PlanCascadeError(
      'bad-argument',
      `listInputFiles: expected a path or an array of paths, got ${describeValue(pathsOrDir)}`,
    )
  }
  const files: string[] = []
  for (const path of paths) {
    let isDirectory: boolean
    try {
      isDirectory = statSync(path).isDirectory()
    } catch (error) {
      throw statFailure(path, error)
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
      .filter((name) => !isDirectoryPath(join(path, name)))
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
