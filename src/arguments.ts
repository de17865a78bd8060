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

/** Items of a document (a PlanItem or an array of them). */
export function expectItems(value: unknown, fn: string, name: string): void {
  expectArgument(
    Array.isArray(value) && value.every(isItemLike),
    fn,
    `${name} to be an array of PlanItems`,
    value,
  )
}

/** An array of records with a `text` (targets), or of anything shaped as `check` says. */
export function expectArrayOf(
  value: unknown,
  fn: string,
  name: string,
  check: (element: unknown) => boolean,
): void {
  expectArgument(Array.isArray(value) && value.every(check), fn, name, value)
}

/** Shaped like a `Thread`: its member ids. */
export function isThreadLike(value: unknown): boolean {
  return isRecord(value) && Array.isArray(value.items) && value.items.every((id) => typeof id === 'string')
}

/** What `align` returns (and what buildDiffs, buildReport and evaluateAlignment read of it). */
export function expectAligned(value: unknown, fn: string, name = 'the alignment'): void {
  expectArgument(
    isRecord(value) && Array.isArray(value.links) && Array.isArray(value.threads),
    fn,
    `${name} to be what align returns ({ links, threads, evolution })`,
    value,
  )
}

/** What `buildReport` returns. */
export function expectReport(value: unknown, fn: string): void {
  expectArgument(
    isRecord(value) &&
      Array.isArray(value.documents) &&
      value.documents.every(isDocumentLike) &&
      Array.isArray(value.links) &&
      Array.isArray(value.threads) &&
      Array.isArray(value.evolution) &&
      Array.isArray(value.diffs) &&
      Array.isArray(value.trajectories),
    fn,
    'a ReportOutput (as buildReport returns it)',
    value,
  )
}

/** A segmenter (`createSegmenter()`, or your own with `cut` and `cutForSearch`). */
export function expectSegmenter(value: unknown, fn: string): void {
  expectArgument(
    isRecord(value) && typeof value.cut === 'function' && typeof value.cutForSearch === 'function',
    fn,
    'a Segmenter (createSegmenter() or an object with cut and cutForSearch)',
    value,
  )
}

/** A lexicon as `loadLexicon` returns it. */
export function expectLexicon(value: unknown, fn: string): void {
  expectArgument(
    isRecord(value) &&
      value.stopwords instanceof Set &&
      value.synonyms instanceof Map &&
      Array.isArray(value.taxonomy) &&
      Array.isArray(value.dictionary),
    fn,
    'a Lexicon (as loadLexicon returns it)',
    value,
  )
}

/** A lexicon, options to load one, or nothing. */
export function expectLexiconOption(value: unknown, fn: string): void {
  expectArgument(
    value === undefined || isRecord(value),
    fn,
    'options.lexicon to be a Lexicon or options',
    value,
  )
}

/** An optional file path. */
export function expectOptionalPath(value: unknown, fn: string, name = 'file'): void {
  expectArgument(
    value === undefined || (typeof value === 'string' && value !== ''),
    fn,
    `${name} to be a path`,
    value,
  )
}

/** A finite number. */
export function expectNumber(value: unknown, fn: string, name: string): void {
  expectArgument(typeof value === 'number' && Number.isFinite(value), fn, `${name} to be a number`, value)
}

/** `[start, end)` offsets. */
export function expectSpan(value: unknown, fn: string, name = 'span'): void {
  expectArgument(
    Array.isArray(value) &&
      value.length === 2 &&
      value.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0) &&
      (value[0] as number) <= (value[1] as number),
    fn,
    `${name} to be [start, end] offsets`,
    value,
  )
}

/** An array of strings: the tokens of one item. */
export function isTokenList(value: unknown): boolean {
  return Array.isArray(value) && value.every((token) => typeof token === 'string')
}
