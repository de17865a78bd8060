/**
 * The script of the HTML report, inlined into the page: filters (search, topic, level, year, a
 * document or a pair of documents picked in the diagram), thread selection with a link in the address
 * (#thread=<id>), each thread's detail cloned from its <template> when first opened, the diff /
 * plain-text switch (a class on the thread: CSS hides the removed words), and the language switch (中文 / English, the words of
 * data/report-strings.json embedded in the page). A selected thread's title is scrolled clear of the
 * sticky filter bar, whatever its height. Plain ES2017, no library, no request.
 */
export const SCRIPT = `
(function () {
  'use strict';
  var $ = function (selector, root) { return (root || document).querySelector(selector); };
  var $$ = function (selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); };
  var words = function (value) { return (value || '').split(' ').filter(Boolean); };
  var has = function (list, value) { return words(list).indexOf(value) >= 0; };

  var state = { q: [], topic: '', levels: null, years: null, doc: '', pair: null };
  var threadButtons = $$('.thread-button');
  // Threads' details wait in <template>s; one becomes page content when its thread is opened.
  var templates = {};
  var details = {};
  $$('template.thread-template').forEach(function (el) { templates[el.getAttribute('data-thread-id')] = el; });
  var view = $('.thread-view');
  function detailOf(id) {
    if (details[id]) return details[id];
    var template = templates[id];
    if (!template || !view) return null;
    var node = document.importNode(template.content, true);
    var detail = node.querySelector('.thread-detail');
    renderCards(detail);
    renderTexts(detail);
    renderTargets(detail);
    view.appendChild(node);
    if (lang !== pageLang) translate(lang, detail);
    details[id] = detail;
    return detail;
  }
  var svg = $('.cascade-svg');
  var current = null;

  function esc(text) {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function el(key, tag) {
    tag = tag || 'span';
    return '<' + tag + ' data-i18n="' + key + '">' + esc(t(key)) + '</' + tag + '>';
  }
  // Each item's text is once in #item-texts; an element with data-t shows it, or with data-b and
  // data-d the diff from item data-b: each part's length × 3 + op (0 same, 1 removed, 2 added).
  var TEXTS = JSON.parse(($('#item-texts') || {}).textContent || '[]');
  function renderText(el) {
    var text = TEXTS[Number(el.getAttribute('data-t'))] || '';
    var codes = el.getAttribute('data-d');
    el.removeAttribute('data-t');
    if (codes === null) { el.textContent = text; return; }
    var base = TEXTS[Number(el.getAttribute('data-b'))] || '';
    var i = 0, j = 0, html = '';
    codes.split(',').forEach(function (code) {
      var n = Math.floor(Number(code) / 3), op = Number(code) % 3;
      if (op === 0) { html += esc(text.substr(j, n)); i += n; j += n; }
      else if (op === 1) { html += '<del>' + esc(base.substr(i, n)) + '</del>'; i += n; }
      else { html += '<ins>' + esc(text.substr(j, n)) + '</ins>'; j += n; }
    });
    el.innerHTML = html;
  }
  function renderTexts(root) { $$('[data-t]', root).forEach(renderText); }
  // The texts an element shows once filled in, for the search.
  function textsIn(root) {
    return $$('[data-t]', root).map(function (el) {
      var base = el.getAttribute('data-b');
      return (TEXTS[Number(el.getAttribute('data-t'))] || '') + (base === null ? '' : ' ' + (TEXTS[Number(base)] || ''));
    }).join(' ');
  }
  // A card names its document by number (data-doc, a row [level, name, title] of #card-documents), and
  // the one it is compared with the same way: the words are written in here.
  var DOCS = JSON.parse(($('#card-documents') || {}).textContent || '[]');
  function levelLabel(level) {
    var key = 'level-' + level; // level-province, level-city, … (keys of the strings file)
    return level ? el(key) : '—';
  }
  function renderCards(root) {
    $$('.card[data-doc]', root).forEach(function (card) {
      var doc = DOCS[Number(card.getAttribute('data-doc'))] || ['', '', ''];
      card.removeAttribute('data-doc');
      card.insertAdjacentHTML('afterbegin', '<div class="card-head"><span class="badge level-' + (doc[0] || 'other') + '">' +
        levelLabel(doc[0]) + '</span> <strong>' + esc(doc[1]) + '</strong></div> <span class="doc-title" lang="zh">' + esc(doc[2]) + '</span>');
    });
    $$('.compare[data-doc]', root).forEach(function (p) {
      var doc = DOCS[Number(p.getAttribute('data-doc'))] || ['', '', ''];
      var score = p.getAttribute('data-score');
      var relation = p.getAttribute('data-relation');
      p.removeAttribute('data-doc');
      p.innerHTML = el('compared-with') + ' <b>' + esc(doc[1]) + '</b> <code>' + esc(p.getAttribute('data-path')) + '</code>: <b>' +
        p.getAttribute('data-overlap') + '%</b> ' + el('shared-words') +
        (score === null ? '' : ' · ' + el('link-score') + ' <b>' + score + '</b>') + (relation === null ? '' : ' · ' + esc(relation));
    });
  }
  // A card's figures come as data (its script.card-targets): the changes against the card it is
  // compared with, and its targets, rendered when the card enters the page.
  function renderTargets(root) {
    $$('script.card-targets', root).forEach(function (data) {
      var d = JSON.parse(data.textContent);
      var html = '';
      if (d.c.length) {
        html += el('target-changes', 'h4') + '<ul class="changes" lang="zh">' + d.c.map(function (c) {
          var figure = function (text) { return text === null ? '—' : esc(text); };
          var note = c[3] ? [c[3]] : [];
          var body;
          if (c[0] === 'added') body = figure(c[2]) + ' <span class="kind">' + el('change-new') + '</span>';
          else if (c[0] === 'dropped') body = '<s>' + figure(c[1]) + '</s> <span class="kind">' + el('change-dropped') + '</span>';
          else {
            body = figure(c[1]) + ' → ' + figure(c[2]);
            if (note.length || c[0] === 'incomparable') {
              body += ' <span class="kind">' + esc(note.join(', ')) + (c[0] === 'incomparable' ? (note.length ? ', ' : '') + el('not-compared') : '') + '</span>';
            }
          }
          return '<li class="' + c[0] + '" title="' + esc(c[4]) + '">' + body + '</li>';
        }).join('') + '</ul>';
      }
      if (d.t.length) {
        html += el('targets', 'h4') + '<table class="targets" lang="zh"><thead><tr>' +
          ['metric', 'figure', 'kind', 'status', 'year'].map(function (key) { return el(key, 'th'); }).join('') +
          '</tr></thead><tbody>' + d.t.map(function (r) {
            return '<tr><td>' + esc(r[0]) + '</td><td class="num">' + esc(r[1]) + '</td><td><span class="kind">' + esc(r[2]) +
              '</span></td><td><span class="kind">' + esc(r[3]) + '</span></td><td class="num">' + (r[4] === null ? '' : r[4]) + '</td></tr>';
          }).join('') + '</tbody></table>';
      }
      data.insertAdjacentHTML('afterend', html);
      data.parentNode.removeChild(data);
    });
  }
  // The card of a thread's step in its template: a continued goal of the evolution section shows it.
  function stepCard(el) {
    var template = templates[el.getAttribute('data-thread-id')];
    if (!template) return null;
    var item = el.getAttribute('data-item');
    var base = el.getAttribute('data-base');
    var cards = template.content.querySelectorAll('.card');
    for (var i = 0; i < cards.length; i++) {
      if (cards[i].getAttribute('data-item') === item && cards[i].getAttribute('data-base') === base) return cards[i];
    }
    return null;
  }
  // <details> fire toggle without bubbling: caught on the way down.
  document.addEventListener('toggle', function (event) {
    var box = event.target;
    if (!box || box.tagName !== 'DETAILS' || !box.open || box.getAttribute('data-filled')) return;
    var li = box.parentNode;
    if (!li || !li.hasAttribute) return;
    // a continued goal's own diff, written as lengths over the texts, is filled in now
    renderTexts(box);
    if (!li.hasAttribute('data-base')) return;
    box.setAttribute('data-filled', '1');
    var card = stepCard(li);
    if (!card) return;
    var copy = document.createElement('div');
    var text = card.querySelector('.text.diff');
    if (text) {
      var diff = document.importNode(text, true);
      diff.className = 'text';
      copy.appendChild(diff);
      renderTexts(copy);
    }
    $$('script.card-targets', card).forEach(function (data) {
      var targets = document.importNode(data, true);
      var d = JSON.parse(targets.textContent);
      d.t = [];
      targets.textContent = JSON.stringify(d);
      copy.appendChild(targets);
    });
    renderTargets(copy);
    while (copy.firstChild) box.appendChild(copy.firstChild);
    if (lang !== pageLang) translate(lang, box);
  }, true);

  var STRINGS = JSON.parse(($('#report-strings') || {}).textContent || '{}');
  var lang = document.documentElement.getAttribute('data-language') || 'zh';
  var pageLang = lang; // the language the page (and its templates) were written in
  function fill(text, args) {
    args = args || {};
    var forms = text.split('|');
    var chosen = forms.length === 2 ? (Number(args.n) === 1 ? forms[0] : forms[1]) : text;
    return chosen.replace(/\\{(\\w+)\\}/g, function (slot, name) { return name in args ? String(args[name]) : slot; });
  }
  function t(key, args) {
    var entry = STRINGS[key];
    return entry ? fill(entry[lang], args) : key;
  }
  function translate(next, root) {
    lang = next;
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.documentElement.setAttribute('data-language', lang);
    $$('[data-i18n]', root).forEach(function (el) {
      var key = el.getAttribute('data-i18n');
      var args = el.getAttribute('data-i18n-args');
      var text = t(key, args ? JSON.parse(args) : undefined);
      if (/-hint$/.test(key)) el.innerHTML = text; else el.textContent = text;
    });
    $$('[data-i18n-attr]', root).forEach(function (el) {
      words(el.getAttribute('data-i18n-attr')).forEach(function (pair) {
        var at = pair.indexOf(':');
        el.setAttribute(pair.slice(0, at), t(pair.slice(at + 1)));
      });
    });
  }

  // The sticky filter bar wraps to two or three lines on a narrow screen: anchors and the sticky
  // thread list keep clear of its real height.
  var bar = $('.filters');
  function barHeight() { return bar ? bar.getBoundingClientRect().height : 0; }
  function fitBar() {
    var h = Math.ceil(barHeight());
    document.documentElement.style.setProperty('--bar-height', h + 'px');
    document.documentElement.style.scrollPaddingTop = (h + 12) + 'px';
  }
  function revealTitle(detail) {
    var head = detail.querySelector('header') || detail;
    var top = head.getBoundingClientRect().top;
    var clear = barHeight() + 12;
    if (top < clear || top > window.innerHeight - 80) window.scrollTo(0, window.scrollY + top - clear);
  }

  function checked(name) {
    var boxes = $$('input[name="' + name + '"]');
    if (boxes.length === 0) return null;
    return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  function readFilters() {
    state.q = ($('#q').value || '').toLowerCase().split(/\\s+/).filter(Boolean);
    state.topic = $('#topic') ? $('#topic').value : '';
    state.levels = checked('level');
    state.years = checked('year');
  }

  function anyIn(list, selected) {
    if (selected === null) return true;
    var values = words(list);
    if (values.length === 0) return true;
    for (var i = 0; i < values.length; i++) if (selected.indexOf(values[i]) >= 0) return true;
    return false;
  }

  // What a search runs over: the compact data-search (titles, terms, names, units) and the text of the
  // element, or of the thread's template, read once and lower-cased.
  var searchCache = typeof WeakMap === 'function' ? new WeakMap() : null;
  function searchable(el) {
    var cached = searchCache && searchCache.get(el);
    if (cached !== undefined && cached !== null) return cached;
    var template = templates[el.getAttribute('data-thread-id')];
    var body;
    if (el.classList.contains('thread-button')) body = template ? template.content.textContent + ' ' + textsIn(template.content) : '';
    else {
      // a continued goal that is a thread's step: its diff is in that step's card
      var card = el.hasAttribute('data-base') ? stepCard(el) : null;
      body = el.textContent + ' ' + textsIn(el) + (card ? ' ' + card.textContent + ' ' + textsIn(card) : '');
    }
    var text = ((el.getAttribute('data-search') || '') + ' ' + (body || '').replace(/\\s+/g, ' ')).toLowerCase();
    if (searchCache) searchCache.set(el, text);
    return text;
  }

  function matchesText(el) {
    if (state.q.length === 0) return true;
    var text = searchable(el);
    for (var i = 0; i < state.q.length; i++) if (text.indexOf(state.q[i]) < 0) return false;
    return true;
  }

  function matchesThread(el) {
    if (state.topic && !has(el.getAttribute('data-topics'), state.topic)) return false;
    if (!anyIn(el.getAttribute('data-levels'), state.levels)) return false;
    if (!anyIn(el.getAttribute('data-years'), state.years)) return false;
    var docs = el.getAttribute('data-docs');
    if (state.doc && !has(docs, state.doc)) return false;
    if (state.pair && !(has(docs, state.pair[0]) && has(docs, state.pair[1]))) return false;
    return matchesText(el);
  }

  function apply() {
    readFilters();
    var shown = 0;
    threadButtons.forEach(function (button) {
      var ok = matchesThread(button);
      button.parentNode.hidden = !ok;
      if (ok) shown++;
    });
    $('#no-threads').hidden = shown > 0;
    $('#count').textContent = t('count', { shown: shown, total: threadButtons.length });
    $$('[data-filter-item]').forEach(function (el) {
      el.hidden = !(matchesText(el) && anyIn(el.getAttribute('data-levels'), state.levels) &&
        anyIn(el.getAttribute('data-years'), state.years) &&
        (!state.topic || !el.hasAttribute('data-topics') || has(el.getAttribute('data-topics'), state.topic)));
    });
    $$('.doc-node').forEach(function (node) {
      var ok = anyIn(node.getAttribute('data-level'), state.levels) && anyIn(node.getAttribute('data-year'), state.years);
      node.classList.toggle('dim', !ok);
    });
    var label = '';
    if (state.doc) label = t('picked-document', { a: state.doc });
    if (state.pair) label = t('picked-pair', { a: state.pair[0], b: state.pair[1] });
    $('#picked').hidden = !label;
    $('#picked-label').textContent = label;
    if (current && !matchesThread(buttonOf(current))) {
      var first = threadButtons.filter(function (b) { return !b.parentNode.hidden; })[0];
      if (first) select(first.getAttribute('data-thread-id'), false);
    } else if (!current) {
      var visible = threadButtons.filter(function (b) { return !b.parentNode.hidden; })[0];
      if (visible) select(visible.getAttribute('data-thread-id'), false);
    }
  }

  function buttonOf(id) {
    for (var i = 0; i < threadButtons.length; i++) {
      if (threadButtons[i].getAttribute('data-thread-id') === id) return threadButtons[i];
    }
    return null;
  }

  function highlight(button) {
    if (!svg) return;
    var index = button ? button.getAttribute('data-index') : null;
    svg.classList.toggle('focus', index !== null);
    $$('.flow, .doc-node', svg).forEach(function (el) {
      el.classList.toggle('on', index !== null && has(el.getAttribute('data-threads'), index));
    });
  }

  function select(id, remember) {
    var button = buttonOf(id);
    var detail = button ? detailOf(id) : null;
    if (!detail || !button) return;
    Object.keys(details).forEach(function (key) { details[key].hidden = key !== id; });
    threadButtons.forEach(function (b) { b.setAttribute('aria-selected', String(b === button)); });
    $('#thread-placeholder').hidden = true;
    current = id;
    highlight(button);
    if (remember) revealTitle(detail);
    if (remember && window.history && history.replaceState) {
      history.replaceState(null, '', '#thread=' + encodeURIComponent(id));
    }
  }

  function fromHash() {
    var match = /^#thread=(.+)$/.exec(location.hash);
    if (!match) return false;
    var id;
    try { id = decodeURIComponent(match[1]); } catch (e) { return false; }
    if (!templates[id]) return false;
    select(id, false);
    revealTitle(details[id]);
    return true;
  }

  var timer = 0;
  $('#q').addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  $$('.filters select, .filters input[type="checkbox"]').forEach(function (el) {
    el.addEventListener('change', apply);
  });
  $('#reset').addEventListener('click', function () {
    $('#q').value = '';
    if ($('#topic')) $('#topic').value = '';
    $$('.filters input[type="checkbox"]').forEach(function (b) { b.checked = true; });
    state.doc = '';
    state.pair = null;
    apply();
  });
  $('#picked-clear').addEventListener('click', function () {
    state.doc = '';
    state.pair = null;
    apply();
  });
  threadButtons.forEach(function (button) {
    button.addEventListener('click', function () { select(button.getAttribute('data-thread-id'), true); });
  });
  // Delegated: the switches arrive with their threads.
  document.addEventListener('change', function (event) {
    var box = event.target;
    if (!box || !box.classList || !box.classList.contains('show-plain')) return;
    var article = box.closest('.thread-detail');
    if (article) article.classList.toggle('plain-text', box.checked);
  });

  function pick(el) {
    if (el.classList.contains('doc-node')) {
      state.pair = null;
      state.doc = state.doc === el.getAttribute('data-doc') ? '' : el.getAttribute('data-doc');
    } else {
      state.doc = '';
      state.pair = [el.getAttribute('data-from'), el.getAttribute('data-to')];
    }
    apply();
    var list = document.getElementById('threads');
    if (list) list.scrollIntoView();
  }
  $$('.doc-node, .flow').forEach(function (el) {
    el.addEventListener('click', function () { pick(el); });
    el.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); pick(el); }
    });
  });

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
    if (event.key === '/' && !typing) { event.preventDefault(); $('#q').focus(); }
    if ((event.key === 'j' || event.key === 'k') && !typing && current) {
      var visible = threadButtons.filter(function (b) { return !b.parentNode.hidden; });
      var at = visible.indexOf(buttonOf(current));
      var next = visible[at + (event.key === 'j' ? 1 : -1)];
      if (next) { select(next.getAttribute('data-thread-id'), true); next.scrollIntoView({ block: 'nearest' }); }
    }
  });
  window.addEventListener('hashchange', fromHash);
  $('#lang').addEventListener('click', function () {
    translate(lang === 'zh' ? 'en' : 'zh');
    try { localStorage.setItem('plan-cascade-language', lang); } catch (e) {}
    apply();
    fitBar();
  });
  window.addEventListener('resize', fitBar);

  var saved = null;
  try { saved = localStorage.getItem('plan-cascade-language'); } catch (e) {}
  if ((saved === 'zh' || saved === 'en') && saved !== lang) translate(saved);
  renderTargets($('#evolution'));
  fitBar();
  apply();
  fromHash();
})();
`
