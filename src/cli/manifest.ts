/**
 * The manifest: a JSON file that says, by file, what the text does not (title, jurisdiction, year,
 * period, kind, id). Keys are file names (fuzhou-2019.txt), base names (fuzhou-2019) or paths.
 *
 *   { "fuzhou-2019.txt": { "title": "2019年数字福州工作要点", "jurisdiction": "福州市", "year": 2019 } }
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { PlanCascadeError } from '../errors.js'
import { DocumentKind, Level, Period } from '../model/index.js'
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

/** Reads and checks a manifest file. @throws PlanCascadeError `unreadable-file`, `bad-manifest`. */
export function readManifest(path: string): Manifest {
  let text: string
  try {
    text = readFileSync(path, 'utf8').replace(/^\ufeff/, '')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new PlanCascadeError('unreadable-file', `cannot read the manifest (${reason})`, { file: path })
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new PlanCascadeError('bad-manifest', `not valid JSON: ${(error as Error).message}`, { file: path })
  }
  const parsed = ManifestSchema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? issue.path.join('.') : 'the manifest'
    throw new PlanCascadeError('bad-manifest', `${where}: ${issue?.message ?? 'invalid'}`, { file: path })
  }
  return parsed.data as Manifest
}
