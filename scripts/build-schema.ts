/**
 * Writes schema/plan-cascade.schema.json from the zod records of src/model (`npm run schema`).
 *
 * One file, JSON Schema draft 2020-12. Every exported record is a named definition under `$defs`
 * (PlanDocument, PlanItem, Link, ItemDiff …) and the three outputs are definitions too:
 *
 * - `#/$defs/ParseOutput`  — `plan-cascade parse --json`
 * - `#/$defs/AlignOutput`  — `plan-cascade align --json`
 * - `#/$defs/ReportOutput` — `plan-cascade report --format json` (report.json)
 *
 * The root accepts any of the three (objects are closed, so exactly one matches). Validate one kind
 * with a reference, e.g. `{ "$ref": "plan-cascade/schema.json#/$defs/ReportOutput" }`.
 *
 * A test (test/report.test.ts) fails when the file differs from what this script would write.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { z } from 'zod'
import * as model from '../src/model/index.js'
import * as report from '../src/model/report.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where the schema is written, relative to the package root. */
export const SCHEMA_PATH = 'schema/plan-cascade.schema.json'

/** The JSON Schema of every output of plan-cascade, as a JSON-ready object. */
export function buildJsonSchema(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>()
  const named = new Map<string, z.ZodType>()
  for (const [name, value] of [...Object.entries(model), ...Object.entries(report)]) {
    if (value instanceof z.ZodType && !named.has(name)) named.set(name, value)
  }
  for (const name of [...named.keys()].sort()) registry.add(named.get(name)!, { id: name })
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    uri: (id) => `#/$defs/${id}`,
  })
  const docs = readDocComments([join(root, 'src/model/index.ts'), join(root, 'src/model/report.ts')])
  const defs: Record<string, unknown> = {}
  for (const name of Object.keys(schemas).sort()) {
    // Each definition comes as a standalone schema; inside $defs it takes neither $schema nor $id.
    const { $schema: _schema, $id: _id, ...definition } = schemas[name] as Record<string, unknown>
    defs[name] = describe(definition, docs.get(name))
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'plan-cascade output',
    description:
      `JSON outputs of plan-cascade, schemaVersion ${model.SCHEMA_VERSION}: ParseOutput (parse --json), ` +
      'AlignOutput (align --json) and ReportOutput (report.json). Generated from src/model by ' +
      'scripts/build-schema.ts; do not edit.',
    anyOf: [
      { $ref: '#/$defs/ParseOutput' },
      { $ref: '#/$defs/AlignOutput' },
      { $ref: '#/$defs/ReportOutput' },
    ],
    $defs: defs,
  }
}

/** The schema file's text: two-space JSON and a final newline. */
export function formatJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`
}

/** Doc comments of a record: its own, and its properties' by name. */
interface RecordDocs {
  doc: string | null
  properties: Map<string, string>
}

/**
 * The doc comments of the records, read from the model's source with the TypeScript parser: zod keeps
 * no comments, and the comments are the documentation of every field.
 */
function readDocComments(files: string[]): Map<string, RecordDocs> {
  const out = new Map<string, RecordDocs>()
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue
        const properties = new Map<string, string>()
        const visit = (node: ts.Node) => {
          // Only the outermost object literal of z.object({...}) / .extend({...}): nested ones are skipped.
          if (ts.isObjectLiteralExpression(node)) {
            for (const property of node.properties) {
              if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue
              const doc = jsDoc(property)
              if (doc) properties.set(property.name.text, doc)
            }
            return
          }
          ts.forEachChild(node, visit)
        }
        visit(declaration.initializer)
        out.set(declaration.name.text, { doc: jsDoc(statement), properties })
      }
    }
  }
  return out
}

function jsDoc(node: ts.Node): string | null {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc
  const comment = docs?.[docs.length - 1]?.comment
  if (!comment) return null
  const text = typeof comment === 'string' ? comment : comment.map((c) => c.text).join('')
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

/** A definition with its doc comments as `description`s (a description set with .describe() wins). */
function describe(
  definition: Record<string, unknown>,
  docs: RecordDocs | undefined,
): Record<string, unknown> {
  if (!docs) return definition
  const out: Record<string, unknown> = {}
  if (docs.doc && definition.description === undefined) out.description = docs.doc
  Object.assign(out, definition)
  const properties = definition.properties as Record<string, Record<string, unknown>> | undefined
  if (properties) {
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([key, value]) => {
        const doc = docs.properties.get(key)
        return [key, doc && value.description === undefined ? { description: doc, ...value } : value]
      }),
    )
  }
  return out
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(root, SCHEMA_PATH), formatJsonSchema())
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`)
}
