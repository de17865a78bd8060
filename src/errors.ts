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
