/**
 * Figures diffed as numbers: two items' targets are paired by metric family (else by metric name) and
 * status, and compared in their base unit when they measure the same way. 3000个以上 -> 3200个 reads
 * `stock -> flow, not compared`: the first figure counts all stations, the second the new ones.
 *
 * The pairing lives in the align stage (`Link.targetChanges` uses it); the report's diffs use the same.
 */
export { compareTargets, diffTargets, formatNumber, roundFigure, targetKey } from '../align/changes.js'
