/**
 * The part of the page's script that draws the charts: each `<script type="application/json"
 * class="chart-data">` (see chart-data.ts) becomes an SVG right after it. Domains, ticks, outliers,
 * lines and label positions come decided; this maps them to pixels and writes the marks. Plain ES2017,
 * no library, no request.
 */
export const CHART_SCRIPT = `
(function () {
  'use strict';
  var HEIGHT = 210;
  var TOP = 18;
  var FAINT = '#57606a';
  function esc(text) {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  // Width of a text in pixels at 10-11 px: CJK characters are square, Latin ones about half as wide.
  function textWidth(text, size) {
    var w = 0;
    for (var i = 0; i < text.length; i++) w += text.charCodeAt(i) > 0x2e7f ? size : size * 0.58;
    return w;
  }
  function fixed(n) { return Math.round(n * 10) / 10; }
  // A mark of about 80 square pixels, as vega draws its point marks.
  function shape(kind, x, y) {
    var r = 5;
    if (kind === 'square') return 'M' + fixed(x - 4.5) + ',' + fixed(y - 4.5) + 'h9v9h-9Z';
    if (kind === 'diamond') return 'M' + fixed(x) + ',' + fixed(y - 6.3) + 'l6.3,6.3l-6.3,6.3l-6.3,-6.3Z';
    if (kind === 'cross') return 'M' + fixed(x - 5.4) + ',' + fixed(y - 1.8) + 'h3.6v-3.6h3.6v3.6h3.6v3.6h-3.6v3.6h-3.6v-3.6h-3.6Z';
    if (kind === 'triangle-up') return 'M' + fixed(x) + ',' + fixed(y - 6) + 'l6,10.4h-12Z';
    if (kind === 'triangle-down') return 'M' + fixed(x) + ',' + fixed(y + 6) + 'l6,-10.4h-12Z';
    return 'M' + fixed(x - r) + ',' + fixed(y) + 'a' + r + ',' + r + ' 0 1,0 ' + 2 * r + ',0a' + r + ',' + r + ' 0 1,0 ' + -2 * r + ',0';
  }
  function draw(data) {
    var low = data.d[0];
    var high = data.d[1];
    var left = 10;
    data.t.forEach(function (tick) { left = Math.max(left, textWidth(tick[1], 10) + 10); });
    var bottom = 22;
    if (data.a) data.x.forEach(function (name) { bottom = Math.max(bottom, Math.min(110, textWidth(name, 10) * 0.65 + 16)); });
    var legend = 0;
    data.l.forEach(function (entry) { legend = Math.max(legend, Math.min(120, textWidth(entry[0], 11)) + 30); });
    var width = Math.ceil(left + data.w + legend + 8);
    var height = TOP + HEIGHT + bottom;
    var band = data.w / Math.max(1, data.x.length);
    var X = function (i) { return fixed(left + (i + 0.5) * band); };
    var Y = function (v) {
      var clamped = Math.min(high, Math.max(low, v));
      return fixed(TOP + HEIGHT - ((clamped - low) / (high - low)) * HEIGHT);
    };
    var color = function (k) { return data.c[k] || FAINT; };
    var out = ['<svg class="chart-svg" xmlns="http://www.w3.org/2000/svg" focusable="false" role="img" width="' + width + '" height="' + height + '" viewBox="0 0 ' + width + ' ' + height + '" aria-label="' + esc(data.n) + '">'];
    out.push('<g class="chart-axis" font-size="10" fill="' + FAINT + '">');
    data.t.forEach(function (tick) {
      var y = Y(tick[0]);
      out.push('<line x1="' + fixed(left) + '" x2="' + fixed(left + data.w) + '" y1="' + y + '" y2="' + y + '" stroke="#eaeef2"/>');
      out.push('<text x="' + fixed(left - 5) + '" y="' + fixed(y + 3) + '" text-anchor="end">' + esc(tick[1]) + '</text>');
    });
    var base = TOP + HEIGHT;
    out.push('<line x1="' + fixed(left) + '" x2="' + fixed(left + data.w) + '" y1="' + base + '" y2="' + base + '" stroke="#d0d7de"/>');
    data.x.forEach(function (name, i) {
      if (data.a) out.push('<text transform="translate(' + X(i) + ',' + (base + 12) + ') rotate(' + data.a + ')" text-anchor="end">' + esc(name) + '</text>');
      else out.push('<text x="' + X(i) + '" y="' + (base + 15) + '" text-anchor="middle">' + esc(name) + '</text>');
    });
    out.push('</g><g class="chart-lines" fill="none" stroke-width="1.5" opacity="0.55">');
    data.s.forEach(function (line) {
      var d = line[2].map(function (p, k) { return (k ? 'L' : 'M') + X(p[0]) + ',' + Y(p[1]); }).join('');
      out.push('<path d="' + d + '" stroke="' + color(line[0]) + '"' + (line[1] ? ' stroke-dasharray="4,3"' : '') + '/>');
    });
    out.push('</g><g class="chart-points">');
    data.p.forEach(function (p) {
      var c = color(p[2]);
      var paint = p[4] ? 'fill="none" stroke="' + c + '" stroke-width="2"' : 'fill="' + c + '" opacity="0.9"';
      out.push('<path d="' + shape(p[3], X(p[0]), Y(p[1])) + '" ' + paint + '><title>' + esc(p[5]) + '</title></path>');
    });
    out.push('</g><g class="chart-labels" font-size="10">');
    data.f.forEach(function (f) {
      out.push('<text x="' + fixed(X(f[0]) + 7) + '" y="' + fixed(Y(f[1]) + (f[4] ? 3 : -7)) + '" fill="' + color(f[3]) + '"' + (f[4] ? ' font-style="italic"' : ' opacity="0.85"') + '>' + esc(f[2]) + '</text>');
    });
    out.push('</g><g class="chart-legend" font-size="11" fill="' + FAINT + '">');
    var x0 = left + data.w + 16;
    data.l.forEach(function (entry, k) {
      var y = TOP + 6 + k * 16;
      var c = color(entry[1]);
      var paint = entry[3] ? 'fill="none" stroke="' + c + '" stroke-width="1.5"' : 'fill="' + c + '"';
      var label = entry[0];
      while (label.length > 1 && textWidth(label, 11) > 120) label = label.slice(0, -2) + '…';
      out.push('<path d="' + shape(entry[2], x0, y) + '" ' + paint + ' transform="translate(' + fixed(x0 * 0.3) + ',' + fixed(y * 0.3) + ') scale(0.7)"/>');
      out.push('<text x="' + fixed(x0 + 10) + '" y="' + fixed(y + 4) + '">' + esc(label) + '</text>');
    });
    out.push('</g></svg>');
    return out.join('');
  }
  var charts = document.querySelectorAll('script.chart-data');
  for (var i = 0; i < charts.length; i++) {
    try {
      charts[i].insertAdjacentHTML('afterend', draw(JSON.parse(charts[i].textContent)));
    } catch (e) {
      charts[i].insertAdjacentHTML('afterend', '<p class="empty">' + esc(e && e.message) + '</p>');
    }
  }
})();
`
