/// <reference lib="dom" />
// The HTML report in a real browser: Debian's Chromium driven by playwright-core. It loads from a
// file:// URL with no console error and no request, a click on a thread shows its diff, the filters
// and the diagram work, and screenshots are taken (test-output/browser/*.png).
//
// Needs /usr/bin/chromium (`apt-get install -y chromium fonts-noto-cjk`); skipped, saying so, without it.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { align } from '../src/align/index.js'
import type { ReportOutput } from '../src/model/report.js'
import { loadCorpus } from '../src/pipeline/index.js'
import { renderDiffHtml } from '../src/report/html/index.js'
import { buildReport, loadReportStrings, toHtml } from '../src/report/index.js'
import { makeDocument } from './helpers/records.js'

// PLAN_CASCADE_CHROMIUM points elsewhere (or nowhere, to check the skip).
const CHROMIUM = process.env.PLAN_CASCADE_CHROMIUM ?? '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
const SKIP_REASON = `${CHROMIUM} is absent: install it with \`apt-get install -y chromium fonts-noto-cjk\` to run the browser tests`
const OUT = resolve('test-output/browser')

describe.skipIf(!hasChromium)('HTML report in Chromium', () => {
  let browser: Browser
  let page: Page
  const problems: string[] = []
  const requests: string[] = []
  let report: ReportOutput

  beforeAll(async () => {
    const { documents } = loadCorpus('seeds')
    report = buildReport(documents, align(documents))
    const html = await toHtml(report)
    mkdirSync(OUT, { recursive: true })
    writeFileSync(join(OUT, 'report.html'), html)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    })
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 })
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.type()}: ${message.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url())
    })
    await page.goto(pathToFileURL(join(OUT, 'report.html')).href, { waitUntil: 'load' })
    // No smooth scrolling in screenshots.
    await page.addStyleTag({ content: 'html { scroll-behavior: auto !important }' })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
  })

  it('loads with no console error and makes no request', () => {
    expect(problems).toEqual([])
    expect(requests).toEqual([])
  })

  it('shows the cascade diagram and the first thread on load', async () => {
    await page.screenshot({ path: join(OUT, 'overview.png') })
    expect(await page.locator('.cascade-svg .doc-node').count()).toBe(5)
    expect(await page.locator('.cascade-svg .flow').count()).toBeGreaterThan(0)
    expect(await page.locator('.thread-detail:visible').count()).toBe(1)
    expect(await page.locator('#count').textContent()).toMatch(/^(\d+) \/ \1 条主线$/)
  })

  it('shows the diff of a thread when it is clicked', async () => {
    const button = page.locator('.thread-button').nth(1)
    const id = (await button.getAttribute('data-thread-id'))!
    await button.click()
    const detail = page.locator(`.thread-detail[data-thread-id="${id}"]`)
    await expect.poll(() => detail.isVisible()).toBe(true)
    expect(await button.getAttribute('aria-selected')).toBe('true')
    expect(await page.locator('.thread-detail:visible').count()).toBe(1)
    expect(await detail.locator('.card').count()).toBeGreaterThan(1)
    expect(await detail.locator('.text.diff:visible').locator('del, ins').count()).toBeGreaterThan(0)
    // Each card's diff, filled in from the page's item texts, is the report's diff of the two items.
    const cards = await detail
      .locator('.card[data-base]')
      .evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute('data-base'),
          el.getAttribute('data-item'),
          el.querySelector('.text.diff')!.innerHTML,
        ]),
      )
    expect(cards.length).toBeGreaterThan(0)
    for (const [from, to, shown] of cards) {
      const diff = report.diffs.find((d) => d.from === from && d.to === to)!
      const expected = await page.evaluate((markup) => {
        const box = document.createElement('div')
        box.innerHTML = markup
        return box.innerHTML
      }, renderDiffHtml(diff.parts))
      expect(shown, `${from} → ${to}`).toBe(expected)
    }
    // Each card names its document (written in from #card-documents) and what it is compared with.
    const heads = await detail.locator('.card').evaluateAll((els) =>
      els.map((el) => ({
        title: el.querySelector('.card-head + .doc-title')?.textContent,
        compare: el.querySelector('.compare')?.textContent ?? null,
        base: el.hasAttribute('data-base'),
      })),
    )
    const titles = report.documents.map((d) => d.title)
    for (const head of heads) {
      expect(titles).toContain(head.title)
      if (head.base) expect(head.compare).toMatch(/^对照 .+: \d+% 相同词语/)
    }
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#thread=${id}`)
    // Its path lights up in the diagram.
    expect(await page.locator('.cascade-svg.focus .flow.on').count()).toBeGreaterThan(0)
    await page.locator('#threads').evaluate((el) => el.scrollIntoView())
    await page.screenshot({ path: join(OUT, 'thread.png') })
    expect(statSync(join(OUT, 'thread.png')).size).toBeGreaterThan(20_000)
  })

  it('hides the changes with the plain-text switch', async () => {
    const detail = page.locator('.thread-detail:visible')
    const removed = detail.locator('.text.diff del')
    expect(await removed.count()).toBeGreaterThan(0)
    expect(await detail.locator('.text.diff del:visible').count()).toBeGreaterThan(0)
    await detail.locator('.show-plain').check()
    // The removed words are hidden, the added ones unmarked: the item's own text is left.
    expect(await detail.locator('.text.diff del:visible').count()).toBe(0)
    expect(await detail.locator('.text.diff:visible').count()).toBeGreaterThan(0)
    const inserted = detail.locator('.text.diff ins').first()
    if ((await inserted.count()) > 0)
      expect(await inserted.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgba(0, 0, 0, 0)')
    await detail.locator('.show-plain').uncheck()
    expect(await detail.locator('.text.diff del:visible').count()).toBeGreaterThan(0)
  })

  it('filters threads by search, level and year, and resets', async () => {
    const visible = () => page.locator('.thread-button:visible').count()
    const all = await visible()
    await page.locator('#q').fill('12345')
    await expect.poll(visible).toBeLessThan(all)
    // Each thread shown has the words in its compact index, its detail (its <template>) or the texts of
    // its items (#item-texts, which the template's cards name by number).
    const texts = await page.locator('.thread-button:visible').evaluateAll((els) =>
      els.map((el) => {
        const id = el.getAttribute('data-thread-id')!
        const template = Array.from(document.querySelectorAll('template.thread-template')).find(
          (t) => t.getAttribute('data-thread-id') === id,
        ) as HTMLTemplateElement | undefined
        const items = JSON.parse(document.getElementById('item-texts')!.textContent!) as string[]
        const named = Array.from(template?.content.querySelectorAll('[data-t]') ?? []).flatMap((t) =>
          ['data-t', 'data-b'].map((name) =>
            t.hasAttribute(name) ? items[Number(t.getAttribute(name))] : '',
          ),
        )
        return `${el.getAttribute('data-search')} ${template?.content.textContent ?? ''} ${named.join(' ')}`
      }),
    )
    expect(texts.length).toBeGreaterThan(0)
    for (const text of texts) expect(text).toContain('12345')
    await page.locator('#reset').click()
    await expect.poll(visible).toBe(all)
    await page.locator('input[name="level"][value="province"]').uncheck()
    expect(await page.locator('.doc-node.dim').count()).toBe(1)
    await page.locator('input[name="year"][value="2019"]').uncheck()
    // fujian-2019 (province, 2019) and fuzhou-2019
    expect(await page.locator('.doc-node.dim').count()).toBe(2)
    await page.locator('#reset').click()
    expect(await page.locator('.doc-node.dim').count()).toBe(0)
  })

  it('lists the threads of a document clicked in the diagram', async () => {
    const all = await page.locator('.thread-button:visible').count()
    await page.locator('.doc-node[data-doc="fuzhou-2025"]').click()
    expect(await page.locator('#picked-label').textContent()).toBe('文件：fuzhou-2025')
    const docs = await page
      .locator('.thread-button:visible')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-docs')))
    expect(docs.length).toBeGreaterThan(0)
    expect(docs.length).toBeLessThanOrEqual(all)
    for (const list of docs) expect(list?.split(' ')).toContain('fuzhou-2025')
    await page.locator('#picked-clear').click()
    expect(await page.locator('#picked').isHidden()).toBe(true)
  })

  it('fills the diff of a continued goal in when it is opened', async () => {
    // by its place: once filled it no longer matches the selector
    const at = await page
      .locator('#evolution li')
      .evaluateAll((els) =>
        els.findIndex((el) => !el.hasAttribute('data-base') && el.querySelector('div.text[data-t]')),
      )
    expect(at).toBeGreaterThanOrEqual(0)
    const li = page.locator('#evolution li').nth(at)
    await li.locator('summary').click()
    const text = li.locator('div.text')
    await expect.poll(() => text.getAttribute('data-t')).toBeNull()
    const shown = await text.evaluate((el) =>
      Array.from(el.childNodes)
        .map((n) =>
          n.nodeName === 'DEL'
            ? `-${n.textContent}`
            : n.nodeName === 'INS'
              ? `+${n.textContent}`
              : n.textContent,
        )
        .join('|'),
    )
    const diffs = report.diffs.map((d) =>
      d.parts
        .map((p) => (p.op === 'removed' ? `-${p.text}` : p.op === 'added' ? `+${p.text}` : p.text))
        .join('|'),
    )
    expect(shown.length).toBeGreaterThan(0)
    expect(diffs).toContain(shown)
  })

  it('draws the trajectory charts as inline SVG with CJK text, from the data in the page', async () => {
    expect(await page.locator('#trajectories svg.chart-svg').count()).toBeGreaterThan(3)
    // every chart's data became a drawing with a mark per figure and an axis with ticks
    const charts = await page.locator('#trajectories figure.chart').evaluateAll((figures) =>
      figures.map((f) => ({
        figures: (
          JSON.parse(f.querySelector('script.chart-data')?.textContent ?? '{"p":[]}') as { p: unknown[] }
        ).p.length,
        marks: f.querySelectorAll('svg.chart-svg .chart-points path').length,
        ticks: f.querySelectorAll('svg.chart-svg .chart-axis text').length,
      })),
    )
    expect(charts.length).toBeGreaterThan(3)
    for (const chart of charts) {
      expect(chart.marks).toBe(chart.figures)
      expect(chart.ticks).toBeGreaterThan(2)
    }
    const font = await page.evaluate('getComputedStyle(document.body).fontFamily')
    expect(font).toContain('Noto Sans CJK SC')
    await page.locator('#trajectories').evaluate((el) => el.scrollIntoView())
    await page.screenshot({ path: join(OUT, 'charts.png') })
    expect(problems).toEqual([])
  })

  it('speaks Chinese first, switches to English and back, and remembers', async () => {
    const strings = loadReportStrings()
    expect(await page.locator('h1').textContent()).toBe(strings.title!.zh)
    await page.locator('#lang').click()
    expect(await page.locator('h1').textContent()).toBe('Plan cascade report')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('#count').textContent()).toMatch(/^(\d+) \/ \1 threads$/)
    expect(await page.locator('#q').getAttribute('placeholder')).toBe(strings['search-placeholder']!.en)
    // every translated piece is in English now
    const pieces = await page
      .locator('[data-i18n]')
      .evaluateAll((els) => els.map((el) => [el.getAttribute('data-i18n'), el.textContent ?? '']))
    expect(pieces.length).toBeGreaterThan(100)
    for (const [key, text] of pieces)
      if (!/-hint$|^switch$/.test(key!)) expect(text, key!).not.toMatch(/\p{Script=Han}/u)
    // A thread first opened now comes from its <template> in Chinese and is translated on the way in.
    const unopened = await page
      .locator('.thread-button')
      .evaluateAll((els) =>
        els
          .map((el) => el.getAttribute('data-thread-id')!)
          .filter((id) => !document.querySelector(`.thread-detail[data-thread-id="${CSS.escape(id)}"]`)),
      )
    expect(unopened.length).toBeGreaterThan(0)
    await page.locator(`.thread-button[data-thread-id="${unopened[0]}"]`).click()
    const opened = page.locator(`.thread-detail[data-thread-id="${unopened[0]}"]`)
    await expect.poll(() => opened.isVisible()).toBe(true)
    expect(await opened.locator('[data-i18n="plain-text"]').textContent()).toBe(strings['plain-text']!.en)
    await page.screenshot({ path: join(OUT, 'overview-en.png') })
    await page.reload()
    expect(await page.locator('h1').textContent()).toBe('Plan cascade report')
    await page.locator('#lang').click()
    expect(await page.locator('h1').textContent()).toBe(strings.title!.zh)
    expect(problems).toEqual([])
  })

  it('prints the figures of a chart apart, not over each other', async () => {
    const overlaps = await page.locator('#trajectories svg.chart-svg').evaluateAll((charts) =>
      charts.flatMap((chart, k) => {
        const boxes = Array.from(chart.querySelectorAll('g.chart-labels text')).map((t) => ({
          text: t.textContent,
          box: t.getBoundingClientRect(),
        }))
        const out: string[] = []
        boxes.forEach((a, i) => {
          for (const b of boxes.slice(i + 1)) {
            const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left)
            const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top)
            if (w > 1 && h > 1) out.push(`chart ${k + 1}: ${a.text} / ${b.text}`)
          }
        })
        return out
      }),
    )
    expect(overlaps).toEqual([])
  })

  describe('at 1366 × 768', () => {
    let small: Page

    beforeAll(async () => {
      small = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 })
      await small.goto(pathToFileURL(join(OUT, 'report.html')).href, { waitUntil: 'load' })
      await small.addStyleTag({ content: 'html { scroll-behavior: auto !important }' })
    })

    it('shows the whole search placeholder, in both languages', async () => {
      for (const language of ['zh', 'en']) {
        const fits = await small.evaluate(() => {
          const q = document.querySelector('#q') as HTMLInputElement
          const style = getComputedStyle(q)
          const context = document.createElement('canvas').getContext('2d')!
          context.font = `${style.fontSize} ${style.fontFamily}`
          const room =
            q.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight)
          return { text: context.measureText(q.placeholder).width, room }
        })
        expect(fits.text, language).toBeLessThanOrEqual(fits.room)
        await small.locator('#lang').click()
      }
    })

    it('keeps a clicked thread title clear of the sticky filter bar', async () => {
      // far down a long thread, then another thread picked from the sticky list
      await small.locator('.thread-button').nth(0).click()
      await small
        .locator('#threads')
        .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY + 900))
      await small.locator('.thread-button').nth(3).click()
      const place = await small.evaluate(() => ({
        title: document.querySelector('.thread-detail:not([hidden]) h3')!.getBoundingClientRect().top,
        bar: document.querySelector('.filters')!.getBoundingClientRect().bottom,
      }))
      expect(place.title).toBeGreaterThanOrEqual(place.bar)
      expect(place.title).toBeLessThan(768 - 80)
      await small.screenshot({ path: join(OUT, 'thread-1366.png') })
      // and from a link to a thread
      const id = await small.locator('.thread-button').nth(5).getAttribute('data-thread-id')
      await small.evaluate(
        (hash) => {
          window.scrollTo(0, 0)
          location.hash = hash
        },
        `#thread=${encodeURIComponent(id!)}`,
      )
      await expect
        .poll(() =>
          small.evaluate(
            () =>
              document.querySelector('.thread-detail:not([hidden]) h3')!.getBoundingClientRect().top -
              document.querySelector('.filters')!.getBoundingClientRect().bottom,
          ),
        )
        .toBeGreaterThanOrEqual(0)
    })

    it('keeps a cascade of 36 cities in one row readable: a grid grouped by province, boxes full size', async () => {
      const provinces = ['山东省', '四川省', '江苏省']
      const cities = Array.from({ length: 36 }, (_, k) =>
        makeDocument(`city-${k}`, { name: `城市${k}`, level: 'city', parent: provinces[k % 3]! }, 2024, []),
      )
      const province = makeDocument('province', { name: '山东省', level: 'province' }, 2025, [])
      const crowded = await toHtml(
        buildReport([province, ...cities], { links: [], threads: [], evolution: [] }),
      )
      writeFileSync(join(OUT, 'crowded.html'), crowded)
      await small.goto(pathToFileURL(join(OUT, 'crowded.html')).href, { waitUntil: 'load' })
      const boxes = await small
        .locator('.cascade-svg .doc-node rect')
        .evaluateAll((rects) =>
          rects
            .map((r) => r.getBoundingClientRect())
            .map((b) => ({ x: b.x, y: b.y, w: b.width, h: b.height })),
        )
      expect(boxes).toHaveLength(37)
      for (const box of boxes) expect(box.w).toBeGreaterThanOrEqual(176 * 0.75 - 0.5)
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1))
          expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true)
      expect(await small.locator('.cascade-svg .group-label').allTextContents()).toEqual([
        '四川省',
        '山东省',
        '江苏省',
      ])
      await small.locator('#overview').screenshot({ path: join(OUT, 'crowded.png') })
    })
  })
})

if (!hasChromium) {
  describe('HTML report in Chromium', () => {
    it.skip(SKIP_REASON, () => {})
  })
}
