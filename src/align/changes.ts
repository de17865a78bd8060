/**
 * What changed along a link, in kinds a researcher can count: same, reworded, expanded, narrowed, and
 * target-raised / lowered / added / dropped.
 */
import type { ChangeKind, Target } from '../model/index.js'
import type { ItemFeatures } from '../similarity/index.js'

/** Share of the source's distinct words the target keeps (and vice versa) that makes it a superset. */
const KEEPS = 0.6
/** How much longer (in distinct words) the broader item must be. */
const LONGER = 1.3

function targetKey(t: Target): string {
  return `${t.metricFamily ?? t.metric}|${t.normalizedUnit}`
}

/** Goal targets of an item (baselines are history, not goals), by metric and unit. */
function goals(targets: Target[]): Map<string, Target> {
  const out = new Map<string, Target>()
  for (const t of targets) if (t.kind !== 'baseline' && !out.has(targetKey(t))) out.set(targetKey(t), t)
  return out
}

export function detectChanges(source: ItemFeatures, target: ItemFeatures): ChangeKind[] {
  // the distinct words of each item are its term ids (sorted), so the shared ones are one merge away
  const a = { size: source.termsEnd }
  const b = { size: target.termsEnd }
  let shared = 0
  for (let i = 0, j = 0; i < source.termsEnd && j < target.termsEnd; ) {
    const x = source.ids[i] as number
    const y = target.ids[j] as number
    if (x === y) {
      shared++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  const keepsSource = a.size ? shared / a.size : 0
  const keepsTarget = b.size ? shared / b.size : 0
  const changes: ChangeKind[] = []
  if (keepsSource >= 0.95 && keepsTarget >= 0.95) changes.push('same')
  else if (keepsSource >= KEEPS && b.size >= a.size * LONGER) changes.push('expanded')
  else if (keepsTarget >= KEEPS && a.size >= b.size * LONGER) changes.push('narrowed')
  else changes.push('reworded')
  const before = goals(source.targets)
  const after = goals(target.targets)
  for (const [key, t] of after) {
    const s = before.get(key)
    if (!s) changes.push('target-added')
    else if (t.normalized > s.normalized) changes.push('target-raised')
    else if (t.normalized < s.normalized) changes.push('target-lowered')
  }
  for (const key of before.keys()) if (!after.has(key)) changes.push('target-dropped')
  return [...new Set(changes)]
}
