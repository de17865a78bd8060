/**
 * The stylesheet of the HTML report, inlined into the page (a string here, so that the bundled package
 * needs no asset files). Chinese font stacks first for Chinese text, system fonts for Latin.
 */
export const STYLE = `
:root {
  --sans: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  --bg: #f5f6f8;
  --panel: #ffffff;
  --ink: #1f2328;
  --muted: #59636e;
  --faint: #8c959f;
  --line: #d8dee4;
  --soft: #eef1f4;
  --accent: #2f5d9e;
  --accent-soft: #e7eef8;
  --national: #b4443b;
  --province: #7a3f9d;
  --city: #2f6db5;
  --district: #2a8a5c;
  --county: #2a8a5c;
  --cascade: #3b6fb6;
  --evolution: #d9822b;
  --peer: #8a8f98;
  --del-bg: #fde4e2;
  --del-ink: #8c1d18;
  --ins-bg: #d8f3df;
  --ins-ink: #11572a;
  --radius: 10px;
}
* { box-sizing: border-box; }
html { scroll-behavior: smooth; scroll-padding-top: 72px; }
body {
  margin: 0;
  font-family: var(--sans);
  font-size: 15px;
  line-height: 1.7;
  color: var(--ink);
  background: var(--bg);
  -webkit-font-smoothing: antialiased;
  text-rendering: optimizeLegibility;
}
:lang(zh) { font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC",
  "Source Han Sans SC", "WenQuanYi Micro Hei", var(--sans); }
code, .mono { font-family: var(--mono); font-size: 0.86em; }
h1, h2, h3, h4 { line-height: 1.3; margin: 0; }
a { color: var(--accent); }
button { font: inherit; color: inherit; }
[hidden] { display: none !important; }

.top {
  display: flex; align-items: flex-end; justify-content: space-between; gap: 24px; flex-wrap: wrap;
  padding: 22px 32px 14px; background: var(--panel); border-bottom: 1px solid var(--line);
}
.top h1 { font-size: 22px; letter-spacing: 0.01em; }
.top .sub { margin: 4px 0 0; color: var(--muted); font-size: 14px; }
.stats { display: flex; gap: 10px; flex-wrap: wrap; margin: 0; padding: 0; list-style: none; }
.stats li { background: var(--soft); border-radius: 8px; padding: 4px 12px; font-size: 13px; color: var(--muted); }
.stats b { color: var(--ink); font-size: 16px; margin-right: 4px; font-variant-numeric: tabular-nums; }
.tabs { display: flex; gap: 4px; flex-wrap: wrap; }
.tabs a { text-decoration: none; color: var(--muted); padding: 6px 12px; border-radius: 8px; font-size: 14px; }
.tabs a:hover { background: var(--soft); color: var(--ink); }
.lang-switch { align-self: center; }

.filters {
  position: sticky; top: 0; z-index: 10;
  display: flex; flex-wrap: wrap; align-items: center; gap: 10px 18px;
  padding: 10px 32px; background: rgba(255, 255, 255, 0.96); border-bottom: 1px solid var(--line);
  backdrop-filter: blur(6px);
}
.filters input[type="search"] {
  flex: 1 1 240px; min-width: 240px; max-width: 420px; padding: 7px 12px; border: 1px solid var(--line); border-radius: 8px;
  font: inherit; font-size: 14px; background: var(--panel);
}
.filters input[type="search"]:focus, .filters select:focus { outline: 2px solid var(--accent-soft); border-color: var(--accent); }
.filters select { padding: 6px 8px; border: 1px solid var(--line); border-radius: 8px; font: inherit; font-size: 14px; background: var(--panel); max-width: 240px; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
.filters legend { float: left; font-size: 12px; color: var(--faint); margin-right: 4px; text-transform: uppercase; letter-spacing: 0.06em; }
.chip { display: inline-flex; align-items: center; gap: 4px; padding: 2px 10px; border: 1px solid var(--line);
  border-radius: 999px; font-size: 13px; cursor: pointer; user-select: none; background: var(--panel); }
.chip input { margin: 0; accent-color: var(--accent); }
.chip:has(input:checked) { background: var(--accent-soft); border-color: #b9cbe6; }
.filters .active-filter { font-size: 13px; background: #fff4e0; border: 1px solid #f0c987; border-radius: 999px; padding: 2px 6px 2px 10px; }
.filters .active-filter button { border: 0; background: none; cursor: pointer; color: var(--muted); padding: 0 4px; }
.filters .count { color: var(--muted); font-size: 13px; margin-left: auto; font-variant-numeric: tabular-nums; }
.link-button { border: 1px solid var(--line); background: var(--panel); border-radius: 8px; padding: 4px 12px; cursor: pointer; font-size: 13px; }
.link-button:hover { background: var(--soft); }

main { padding: 8px 32px 48px; max-width: 1600px; margin: 0 auto; }
main > section { margin-top: 28px; }
main > section > h2 { font-size: 18px; margin-bottom: 4px; }
.hint { color: var(--muted); font-size: 13.5px; margin: 0 0 12px; max-width: 80ch; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 16px 18px; }
.empty { color: var(--faint); font-style: italic; }

/* Cascade diagram */
.cascade { margin: 0; overflow-x: auto; }
.cascade-svg { display: block; max-width: 100%; height: auto; margin: 0 auto; font-family: var(--sans); }
.cascade-svg .band { fill: #f8f9fb; stroke: var(--soft); }
.cascade-svg .row-label { font-size: 14px; font-weight: 600; fill: var(--muted); }
.cascade-svg .col-label { font-size: 13px; fill: var(--faint); font-variant-numeric: tabular-nums; }
.cascade-svg .flow { fill: none; stroke-linecap: round; opacity: 0.42; cursor: pointer; transition: opacity 0.15s; }
.cascade-svg .flow-cascade { stroke: var(--cascade); }
.cascade-svg .flow-evolution { stroke: var(--evolution); }
.cascade-svg .flow-peer, .cascade-svg .flow-other { stroke: var(--peer); stroke-dasharray: 6 5; }
.cascade-svg .flow:hover, .cascade-svg .flow:focus, .cascade-svg .flow.on { opacity: 0.9; outline: none; }
.cascade-svg.focus .flow:not(.on) { opacity: 0.1; }
.cascade-svg .doc-node { cursor: pointer; }
.cascade-svg .doc-node rect { fill: #fff; stroke: var(--line); stroke-width: 1.2; }
.cascade-svg .doc-node.level-province rect { stroke: var(--province); fill: #f6f0fa; }
.cascade-svg .doc-node.level-city rect { stroke: var(--city); fill: #eff5fc; }
.cascade-svg .doc-node.level-district rect, .cascade-svg .doc-node.level-county rect { stroke: var(--district); fill: #eef8f2; }
.cascade-svg .doc-node:hover rect, .cascade-svg .doc-node:focus rect { stroke-width: 2.4; }
.cascade-svg .doc-node:focus { outline: none; }
.cascade-svg .doc-node.on rect { stroke-width: 3; }
.cascade-svg .doc-node.dim { opacity: 0.3; }
.cascade-svg.focus .doc-node:not(.on) { opacity: 0.45; }
.cascade-svg .doc-name { font-size: 14px; font-weight: 600; fill: var(--ink); }
.cascade-svg .doc-title { font-size: 11.5px; fill: var(--muted); }
.cascade-svg .doc-count { font-size: 11px; fill: var(--faint); }
.cascade-svg .group-label { font-size: 12px; font-weight: 600; fill: var(--muted); }
.legend { display: flex; gap: 18px; flex-wrap: wrap; font-size: 13px; color: var(--muted); margin-top: 8px; }
.legend span::before { content: ""; display: inline-block; width: 22px; height: 0; border-top: 4px solid; vertical-align: middle; margin-right: 6px; border-radius: 2px; }
.legend .cascade::before { border-color: var(--cascade); }
.legend .evolution::before { border-color: var(--evolution); }
.legend .peer::before { border-top-style: dashed; border-color: var(--peer); }

/* Threads */
.thread-layout { display: grid; grid-template-columns: minmax(260px, 330px) minmax(0, 1fr); gap: 18px; align-items: start; }
.thread-list { position: sticky; top: calc(var(--bar-height, 61px) + 8px); max-height: calc(100vh - var(--bar-height, 61px) - 16px); overflow-y: auto; padding: 6px; }
.thread-detail { scroll-margin-top: calc(var(--bar-height, 61px) + 12px); }
.thread-list ol { list-style: none; margin: 0; padding: 0; }
.thread-button {
  display: block; width: 100%; text-align: left; border: 1px solid transparent; background: none; border-radius: 8px;
  padding: 8px 10px; cursor: pointer; line-height: 1.45;
}
.thread-button:hover { background: var(--soft); }
.thread-button[aria-selected="true"] { background: var(--accent-soft); border-color: #b9cbe6; }
.thread-button .label { display: block; font-weight: 600; font-size: 14px; }
.thread-button .meta { display: block; color: var(--muted); font-size: 12px; margin-top: 2px; }
.dots { display: inline-flex; gap: 3px; vertical-align: middle; margin-right: 6px; }
.dot { width: 8px; height: 8px; border-radius: 50%; display: inline-block; background: var(--faint); }
.dot.level-province { background: var(--province); }
.dot.level-city { background: var(--city); }
.dot.level-district, .dot.level-county { background: var(--district); }
.dot.level-national { background: var(--national); }

.thread-view { min-width: 0; }
.thread-detail > header { margin-bottom: 12px; }
.thread-detail h3 { font-size: 19px; }
.thread-detail .meta { color: var(--muted); font-size: 13px; margin: 4px 0 0; }
.tag { display: inline-block; background: var(--soft); border-radius: 6px; padding: 0 8px; font-size: 12.5px; margin-right: 4px; color: var(--muted); }
.toolbar { display: flex; gap: 14px; align-items: center; font-size: 13px; color: var(--muted); margin: 8px 0 12px; }
.cards {
  display: grid; grid-auto-flow: column; grid-auto-columns: minmax(310px, 1fr); gap: 14px;
  overflow-x: auto; padding-bottom: 10px; scroll-snap-type: x proximity;
}
.card { background: var(--panel); border: 1px solid var(--line); border-top: 4px solid var(--faint); border-radius: var(--radius);
  padding: 12px 14px 14px; scroll-snap-align: start; min-width: 0; }
.card.level-province { border-top-color: var(--province); }
.card.level-city { border-top-color: var(--city); }
.card.level-district, .card.level-county { border-top-color: var(--district); }
.card.level-national { border-top-color: var(--national); }
.card-head { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.card-head strong { font-size: 15px; }
.badge { font-size: 11.5px; border-radius: 5px; padding: 0 6px; color: #fff; background: var(--faint); }
.badge.level-province { background: var(--province); }
.badge.level-city { background: var(--city); }
.badge.level-district, .badge.level-county { background: var(--district); }
.badge.level-national { background: var(--national); }
.doc-title { color: var(--muted); font-size: 12.5px; display: block; }
.item-ref { margin: 6px 0 2px; font-size: 13px; color: var(--muted); }
.item-ref .heading { color: var(--ink); font-weight: 600; }
.compare { font-size: 12.5px; color: var(--muted); background: var(--soft); border-radius: 6px; padding: 4px 8px; margin: 8px 0; }
.compare b { color: var(--ink); font-variant-numeric: tabular-nums; }
.text { font-size: 14.5px; line-height: 1.85; margin: 8px 0; word-break: break-word; white-space: pre-wrap; }
/* Plain text: the diff without what was removed and with the additions unmarked. */
.plain-text .text.diff del { display: none; }
.plain-text .text.diff ins { background: none; color: inherit; padding: 0; }
del { background: var(--del-bg); color: var(--del-ink); text-decoration: line-through; text-decoration-color: rgba(140, 29, 24, 0.5); border-radius: 3px; padding: 0 1px; }
ins { background: var(--ins-bg); color: var(--ins-ink); text-decoration: none; border-radius: 3px; padding: 0 1px; }
.card h4 { font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.07em; color: var(--faint); margin: 12px 0 4px; font-weight: 600; }
table.targets { width: 100%; border-collapse: collapse; font-size: 12.5px; line-height: 1.45; }
table.targets th { text-align: left; font-weight: 500; color: var(--faint); border-bottom: 1px solid var(--line); padding: 3px 4px; }
table.targets td { border-bottom: 1px solid var(--soft); padding: 3px 4px; vertical-align: top; }
table.targets td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.kind { font-size: 11px; border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; color: var(--muted); white-space: nowrap; }
.outcome-met { color: #2f7d32; border-color: #59a14f; }
.outcome-exceeded { color: #2c5d8a; border-color: #4e79a7; }
.outcome-missed { color: #b3261e; border-color: #e15759; }
ul.changes { list-style: none; margin: 0; padding: 0; font-size: 12.5px; line-height: 1.5; }
ul.changes li { padding: 2px 0 2px 18px; position: relative; }
ul.changes li::before { position: absolute; left: 2px; font-weight: 700; }
ul.changes li.increased::before { content: "↑"; color: var(--ins-ink); }
ul.changes li.decreased::before { content: "↓"; color: var(--del-ink); }
ul.changes li.unchanged::before { content: "="; color: var(--muted); }
ul.changes li.incomparable::before { content: "≠"; color: var(--muted); }
ul.changes li.added::before { content: "+"; color: var(--ins-ink); }
ul.changes li.dropped::before { content: "−"; color: var(--del-ink); }
.units { font-size: 12.5px; line-height: 1.9; }
.unit { display: inline-block; border-radius: 5px; padding: 0 6px; margin: 0 4px 2px 0; background: var(--soft); }
.unit.lead { font-weight: 600; }
.unit.added { background: var(--ins-bg); color: var(--ins-ink); }
.unit.removed { background: var(--del-bg); color: var(--del-ink); text-decoration: line-through; }
.placeholder { color: var(--faint); padding: 40px; text-align: center; }

/* Evolution */
.evolution-pair { margin-bottom: 16px; }
.evolution-pair > header { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; margin-bottom: 10px; }
.evolution-pair h3 { font-size: 16px; }
.evo-columns { display: grid; grid-template-columns: 1.4fr 1fr 1fr; gap: 14px; }
.evo-columns h4 { font-size: 13px; margin-bottom: 6px; }
.evo-columns h4 .n { color: var(--faint); font-weight: 400; margin-left: 4px; }
.evo-columns ul { list-style: none; margin: 0; padding: 0; font-size: 13.5px; }
.evo-columns li { padding: 5px 0; border-bottom: 1px solid var(--soft); }
.evo-columns .new h4 { color: var(--ins-ink); }
.evo-columns .dropped h4 { color: var(--del-ink); }
.evo-columns details summary { cursor: pointer; }
.evo-columns details .text { font-size: 13.5px; }
.score { font-variant-numeric: tabular-nums; color: var(--faint); font-size: 12px; }

/* Trajectories */
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 14px; }
.chart { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 12px 14px; min-width: 0; }
.chart h3 { font-size: 15px; }
.chart .en { color: var(--faint); font-size: 12.5px; }
.chart-svg { display: block; max-width: 100%; height: auto; margin: 6px auto 0; }
.chart-svg text { font-family: var(--sans); }
.chart details, .single details { font-size: 12.5px; margin-top: 4px; }
.chart summary, .single summary { cursor: pointer; color: var(--muted); }

/* Documents */
table.documents { width: 100%; border-collapse: collapse; background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); overflow: hidden; font-size: 13.5px; }
table.documents th, table.documents td { padding: 8px 10px; border-bottom: 1px solid var(--soft); text-align: left; vertical-align: top; }
table.documents th { background: #fafbfc; color: var(--muted); font-weight: 500; font-size: 12.5px; }
table.documents td.num { text-align: right; font-variant-numeric: tabular-nums; }

footer { color: var(--faint); font-size: 12.5px; padding: 16px 32px 32px; text-align: center; }

@media (max-width: 1100px) {
  .thread-layout { grid-template-columns: 1fr; }
  .thread-list { position: static; max-height: 320px; }
  .evo-columns { grid-template-columns: 1fr; }
}
@media (max-width: 700px) {
  .top, .filters, main { padding-left: 14px; padding-right: 14px; }
  .charts { grid-template-columns: 1fr; }
}
@media print {
  .filters, .thread-list { display: none; }
  .thread-detail[hidden] { display: block !important; }
}
`
