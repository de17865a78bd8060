/**
 * Output written piecewise, for corpora whose JSON is larger than one string can be (V8 strings stop
 * at 512 MB) or than memory should hold twice: the same JSON text as `JSON.stringify(value, null,
 * indent)`, produced one array element at a time, and JSON Lines (one record per line, each with its
 * `type`) for tools that read a stream.
 */
import type { EvolutionPair, Link, PlanDocument, Thread } from '../model/index.js'

/**
 * Pieces of `JSON.stringify(value, null, indent)`, joined in order: arrays that are properties of the
 * top-level object are written one element per piece, so no piece holds more than one document, link
 * or thread. `indent` 0 writes one line.
 */
export function* jsonPieces(value: Record<string, unknown>, indent = 2): Generator<string> {
  const pad = ' '.repeat(indent)
  const newline = indent > 0 ? '\n' : ''
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function')
  if (entries.length === 0) {
    yield '{}'
    return
  }
  yield `{${newline}`
  for (const [k, [key, field]] of entries.entries()) {
    const comma = k < entries.length - 1 ? ',' : ''
    const name = `${pad}${JSON.stringify(key)}:${indent > 0 ? ' ' : ''}`
    if (!Array.isArray(field) || field.length === 0) {
      yield `${name}${indentLines(JSON.stringify(field, null, indent) ?? 'null', pad)}${comma}${newline}`
      continue
    }
    yield `${name}[${newline}`
    for (const [e, element] of field.entries()) {
      const text = JSON.stringify(element, null, indent) ?? 'null'
      yield `${pad}${pad}${indentLines(text, pad + pad)}${e < field.length - 1 ? ',' : ''}${newline}`
    }
    yield `${pad}]${comma}${newline}`
  }
  yield '}'
}

/** Indents every line but the first (JSON.stringify of a nested value starts at its key). */
function indentLines(text: string, pad: string): string {
  return pad === '' ? text : text.replace(/\n/g, `\n${pad}`)
}

/** The alignment output of a corpus, as the CLI writes it. */
export interface AlignOutputParts {
  schemaVersion: number
  documents: readonly PlanDocument[]
  links: readonly Link[]
  threads: readonly Thread[]
  evolution: readonly EvolutionPair[]
}

/**
 * JSON Lines of an alignment: a header `{"type":"header","schemaVersion":…}`, then one line per
 * document, link, thread and evolution pair, each with its `type`. Each line is one JSON value.
 */
export function* jsonLines(output: AlignOutputParts): Generator<string> {
  yield `${JSON.stringify({ type: 'header', schemaVersion: output.schemaVersion })}\n`
  for (const document of output.documents) yield `${JSON.stringify({ type: 'document', ...document })}\n`
  for (const link of output.links) yield `${JSON.stringify({ type: 'link', ...link })}\n`
  for (const thread of output.threads) yield `${JSON.stringify({ type: 'thread', ...thread })}\n`
  for (const pair of output.evolution) yield `${JSON.stringify({ type: 'evolution', ...pair })}\n`
}

/**
 * Writes pieces to a stream in chunks of about a megabyte, waiting when the stream asks to (so a
 * large output never sits whole in memory). Resolves when everything was handed to the stream.
 */
export async function writePieces(pieces: Iterable<string>, out: NodeJS.WritableStream): Promise<void> {
  let buffer = ''
  const flush = async () => {
    if (buffer === '') return
    const ready = out.write(buffer)
    buffer = ''
    if (!ready) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  for (const piece of pieces) {
    buffer += piece
    if (buffer.length >= CHUNK) await flush()
  }
  await flush()
}

/** Characters per write. */
const CHUNK = 1 << 20
