/**
 * Checks of the arguments of the API's functions. Misuse — `parseDocument(null)`, `align({})`,
 * `toHtml(undefined)` — throws (or, for async functions, rejects with) a `PlanCascadeError` with the
 * code `bad-argument` that names the function and what it expected, instead of a TypeError from deep
 * inside ("Cannot read properties of null (reading 'path')"). The checks look at the shape a function
 * relies on, not at every field: they cost nothing next to the work.
 */
import { expectArgument } from './errors.js'

export { describeValue, expectArgument } from './errors.js'

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Options: left out, or an object. */
export function expectOptions(value: unknown, fn: string, name = 'options'): void {
  expectArgument(value === undefined || isRecord(value), fn, `${name} to be an object or left out`, value)
}

/** A string (any length, empty included). */
export function expectString(value: unknown, fn: string, name: string): asserts value is string {
  expectArgument(typeof value === 'string', fn, `${name} to be a string`, value)
}

/** A path, or paths: what `loadCorpus` and `analyze` take. */
export function inputPaths(value: unknown, fn: string): string[] {
  const paths = typeof value === 'string' ? [value] : value
  expectArgument(
    Array.isArray(paths) && paths.length > 0 && paths.every((p) => typeof p === 'string' && p !== ''),
    fn,
    'a path or a non-empty array of paths',
    value,
  )
  return paths as string[]
}

/** Shaped like a `PlanDocument`: what every stage after parse reads of it. */
function isDocumentLike(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.sourceText === 'string' &&
    Array.isArray(value.items) &&
    Array.isArray(value.sections) &&
    Array.isArray(value.regions) &&
    value.items.every(isItemLike)
  )
}

/** Shaped like a `PlanItem`. */
export function isItemLike(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.text === 'string' &&
    Array.isArray(value.targets) &&
    Array.isArray(value.topics) &&
    Array.isArray(value.parts)
  )
}

/** A document as `parseDocument` returns it. */
export function expectDocument(value: unknown, fn: string, name = 'the document'): void {
  expectArgument(isDocumentLike(value), fn, `${name} to be a PlanDocument (as parseDocument returns)`, value)
}

/** An array of documents as `parseDocument` returns them. */
export function expectDocuments(value: unknown, fn: string): void {
  expectArgument(
    Array.isArray(value) && value.every(isDocumentLike),
    fn,
    'an array of PlanDocuments (as parseDocument or loadCorpus return them)',
    value,
  )
}

/** An item of a document. */
export function expectItem(value: unknown, fn: string, name: string): void {
  expectArgument(isItemLike(value), fn, `${name} to be a PlanItem`, value)
}
