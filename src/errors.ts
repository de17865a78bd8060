/**
 * Misuse (bad options, unreadable or empty files) throws a PlanCascadeError with a literal code and a
 * place; messy documents never throw, they come back with `warnings`.
 */
export type PlanCascadeErrorCode =
  | 'unreadable-file'
  | 'empty-input'
  | 'binary-input'
  | 'decode-failed'
  | 'no-items'
  | 'bad-option'
  | 'bad-manifest'
  | 'bad-decisions'
  | 'unknown-item'
  /** A FIFO, a device or a socket given as a document: refused, never read. */
  | 'not-a-file'
  /** A function of the API called with an argument of the wrong kind (null, a number, `{}` …). */
  | 'bad-argument'

export interface ErrorPlace {
  /** File the problem is in, when there is one. */
  file?: string
  /** 1-based line. */
  line?: number
  /** 1-based column. */
  column?: number
}

export class PlanCascadeError extends Error {
  override readonly name = 'PlanCascadeError'
  readonly code: PlanCascadeErrorCode
  readonly place: ErrorPlace

  constructor(code: PlanCascadeErrorCode, message: string, place: ErrorPlace = {}) {
    super(`${formatPlace(place)}${message}`)
    this.code = code
    this.place = place
  }
}

/** "fuzhou.txt:12:4: " — empty when nothing is known. */
function formatPlace({ file, line, column }: ErrorPlace): string {
  if (!file && line === undefined) return ''
  const parts = [file ?? '<input>']
  if (line !== undefined) parts.push(String(line))
  if (line !== undefined && column !== undefined) parts.push(String(column))
  return `${parts.join(':')}: `
}

/** 1-based line and column of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lastBreak = -1
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lastBreak = i
    }
  }
  return { line, column: offset - lastBreak }
}

/** A value in a few words, for messages: null, undefined, the number 3, a string of 12 characters … */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (typeof value === 'string')
    return value === '' ? 'an empty string' : `a string of ${value.length} characters`
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `the ${typeof value} ${String(value)}`
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'symbol') return 'a symbol'
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`
  if (value instanceof Uint8Array) return `${value.length} bytes`
  const keys = Object.keys(value as object)
  return keys.length === 0
    ? 'an empty object'
    : `an object with ${keys.slice(0, 4).join(', ')}${keys.length > 4 ? ' …' : ''}`
}

/**
 * Throws `bad-argument` unless `ok`: "parseDocument: expected the text or a SourceText, got null".
 * Every function of the API checks its arguments this way, so that misuse never ends in a TypeError
 * from deep inside.
 */
export function expectArgument(ok: boolean, fn: string, expected: string, value: unknown): asserts ok {
  if (!ok)
    throw new PlanCascadeError('bad-argument', `${fn}: expected ${expected}, got ${describeValue(value)}`)
}
