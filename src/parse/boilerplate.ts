/**
 * Web-page chrome, signatures and dates: rules from `data/boilerplate.json` (users can replace it).
 */
import { readDataJson } from '../data-dir.js'

export interface BoilerplateRule {
  id: string
  scope: 'line' | 'inline'
  pattern: RegExp
}

interface RuleFile {
  rules: Array<{ id: string; scope: 'line' | 'inline'; pattern: string }>
}

const cache = new Map<string, BoilerplateRule[]>()

/** Loads the boilerplate rules (once per file per process). */
export function loadBoilerplateRules(file?: string): BoilerplateRule[] {
  const key = file ?? '<default>'
  const hit = cache.get(key)
  if (hit) return hit
  const data = readDataJson<RuleFile>('boilerplate.json', file)
  const rules = data.rules.map((r) => ({
    id: r.id,
    scope: r.scope,
    pattern: new RegExp(r.pattern, r.scope === 'inline' ? 'g' : ''),
  }))
  cache.set(key, rules)
  return rules
}

/** The id of the line rule a whole line matches, or null. */
export function matchBoilerplateLine(line: string, rules: BoilerplateRule[]): string | null {
  const trimmed = line.trim()
  if (trimmed === '') return null
  for (const rule of rules) if (rule.scope === 'line' && rule.pattern.test(trimmed)) return rule.id
  return null
}

/** Inline matches `[start, end, id]` in a line (offsets relative to the line), sorted, non-overlapping. */
export function findInlineBoilerplate(
  line: string,
  rules: BoilerplateRule[],
): Array<[number, number, string]> {
  const found: Array<[number, number, string]> = []
  for (const rule of rules) {
    if (rule.scope !== 'inline') continue
    rule.pattern.lastIndex = 0
    for (const m of line.matchAll(rule.pattern)) {
      if (m[0].length > 0) found.push([m.index, m.index + m[0].length, rule.id])
    }
  }
  found.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const kept: Array<[number, number, string]> = []
  for (const f of found)
    if (kept.length === 0 || f[0] >= (kept[kept.length - 1] as [number, number, string])[1]) kept.push(f)
  return kept
}
