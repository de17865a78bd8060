/**
 * JSON option files (decisions, manifest, taxonomy, synonyms, weights, metric and unit tables) read so
 * that every error names the file and the line:column: a syntax error where it is ("decisions.json:3:17:
 * not valid JSON: expected a comma"), and a value of the wrong shape where that value is
 * ("manifest.json:4:13: fuzhou-2019.txt.year: expected number, received string"). JSON.parse only says
 * "position 34"; jsonc-parser gives offsets, and its syntax tree finds the value of a path.
 */
import { findNodeAtLocation, type ParseError, parse, parseTree, printParseErrorCode } from 'jsonc-parser'
import type { z } from 'zod'
import { lineColumn, PlanCascadeError, type PlanCascadeErrorCode } from './errors.js'

/** What a syntax error means, in words. */
const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon',
  CommaExpected: 'expected a comma',
  CloseBraceExpected: 'expected }',
  CloseBracketExpected: 'expected ]',
  EndOfFileExpected: 'unexpected text after the end',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'an unclosed comment',
  UnexpectedEndOfString: 'an unclosed string',
  UnexpectedEndOfNumber: 'a number cut short',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'a malformed escape',
  InvalidCharacter: 'a control character in a string',
}

/**
 * Parses JSON text; a syntax error throws `code` at its line:column in `file`. A byte order mark is
 * dropped (Excel and Notepad write one).
 */
export function parseJson(text: string, file: string, code: PlanCascadeErrorCode): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const errors: ParseError[] = []
  const value = parse(source, errors, { disallowComments: true, allowTrailingComma: false })
  const first = errors[0]
  if (first) {
    const name = printParseErrorCode(first.error)
    throw new PlanCascadeError(code, `not valid JSON: ${SYNTAX[name] ?? name}`, {
      file,
      ...lineColumn(source, first.offset),
    })
  }
  if (source.trim() === '') throw new PlanCascadeError(code, 'the file is empty, not JSON', { file })
  return value
}

/** Line and column of the value at `path` in JSON text, or of the nearest enclosing value found. */
export function locateJson(text: string, path: ReadonlyArray<PropertyKey>): { line: number; column: number } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const root = parseTree(source)
  if (!root) return { line: 1, column: 1 }
  const keys = path.filter((k): k is string | number => typeof k === 'string' || typeof k === 'number')
  for (let n = keys.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, keys.slice(0, n))
    if (node) return lineColumn(source, node.offset)
  }
  return lineColumn(source, root.offset)
}

/** A value checked by a zod schema; the first issue throws `code` at the line:column of its value. */
export function checkJson<T>(
  value: unknown,
  schema: z.ZodType<T>,
  text: string,
  file: string,
  code: PlanCascadeErrorCode,
): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const path = issue?.path ?? []
  const where = path.length > 0 ? `${path.map(String).join('.')}: ` : ''
  throw new PlanCascadeError(code, `${where}${issue?.message ?? 'invalid'}`, {
    file,
    ...locateJson(text, path),
  })
}
