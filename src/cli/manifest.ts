/**
 * The manifest: a JSON file that says, by file, what the text does not (title, jurisdiction, year,
 * period, kind, id). Keys are file names (fuzhou-2019.txt), base names (fuzhou-2019) or paths.
 *
 *   { "fuzhou-2019.txt": { "title": "2019年数字福州工作要点", "jurisdiction": "福州市", "year": 2019 } }
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { PlanCascadeError } from '../errors.js'
import { checkJson, locateJson, parseJson } from '../json.js'
import { DocumentKind, Level, Period } from '../model/index.js'
import { inferMetadata } from '../parse/index.js'
import type { Manifest } from '../pipeline/index.js'

const ManifestEntry = z
  .object({
    id: z.string().min(1).optional(),
    title: z.string().min(1).optional(),
    jurisdiction: z
      .union([
        z.string().min(1),
        z.object({
          name: z.string().optional(),
          level: Level.optional(),
          code: z.string().nullable().optional(),
          parent: z.string().nullable().optional(),
          parentCode: z.string().nullable().optional(),
        }),
      ])
      .optional(),
    year: z.number().int().optional(),
    period: Period.optional(),
    kind: DocumentKind.optional(),
  })
  .strict()

const ManifestSchema = z.record(z.string(), ManifestEntry)

/**
 * Reads and checks a manifest file: every error names the manifest and the line:column of the value
 * at fault, a jurisdiction the division data does not know included.
 * @throws PlanCascadeError `unreadable-file`, `bad-manifest`.
 */
export function readManifest(path: string): Manifest {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new PlanCascadeError('unreadable-file', `cannot read the manifest (${reason})`, { file: path })
  }
  const data = parseJson(text, path, 'bad-manifest')
  const manifest = checkJson(data, ManifestSchema, text, path, 'bad-manifest') as Manifest
  for (const [name, entry] of Object.entries(manifest)) {
    if (entry.jurisdiction === undefined) continue
    try {
      // the place is resolved as parse will resolve it: an unknown name fails here, in the manifest
      inferMetadata('', { jurisdiction: entry.jurisdiction })
    } catch (error) {
      if (!(error instanceof PlanCascadeError)) throw error
      throw new PlanCascadeError('bad-manifest', `${name}.jurisdiction: ${error.message}`, {
        file: path,
        ...locateJson(text, [name, 'jurisdiction']),
      })
    }
  }
  return manifest
}
