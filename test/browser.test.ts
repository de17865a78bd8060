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
import { loadCorpus } from '../src/pipeline/index.js'
import { buildReport, toHtml } from '../src/report/index.js'

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

  beforeAll(async () => {
    const { documents } = loadCorpus('seeds')
    const html = await toHtml(buildReport(documents, align(documents)))
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
    expect(await page.locator('#count').textContent()).toMatch(/^(\d+) \/ \1 threads$/)
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
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#thread=${id}`)
    // Its path lights up in the diagram.
    expect(await page.locator('.cascade-svg.focus .flow.on').count()).toBeGreaterThan(0)
    await page.locator('#threads').evaluate((el) => el.scrollIntoView())
    await page.screenshot({ path: join(OUT, 'thread.png') })
    expect(statSync(join(OUT, 'thread.png')).size).toBeGreaterThan(20_000)
  })

  it('hides the changes with the plain-text switch', async () => {
    const detail = page.locator('.thread-detail:visible')
    await detail.locator('.show-plain').check()
    expect(await detail.locator('.text.diff:visible').count()).toBe(0)
    expect(await detail.locator('.text.plain:visible').count()).toBeGreaterThan(0)
    await detail.locator('.show-plain').uncheck()
  })

  it('filters threads by search, level and year, and resets', async () => {
    const visible = () => page.locator('.thread-button:visible').count()
    const all = await visible()
    await page.locator('#q').fill('12345')
    await expect.poll(visible).toBeLessThan(all)
    const texts = await page
      .locator('.thread-button:visible')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-search')))
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
    expect(await page.locator('#picked-label').textContent()).toBe('Document: fuzhou-2025')
    const docs = await page
      .locator('.thread-button:visible')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-docs')))
    expect(docs.length).toBeGreaterThan(0)
    expect(docs.length).toBeLessThanOrEqual(all)
    for (const list of docs) expect(list?.split(' ')).toContain('fuzhou-2025')
    await page.locator('#picked-clear').click()
    expect(await page.locator('#picked').isHidden()).toBe(true)
  })

  it('renders the trajectory charts as inline SVG with CJK text', async () => {
    expect(await page.locator('#trajectories svg.chart-svg').count()).toBeGreaterThan(3)
    const font = await page.evaluate('getComputedStyle(document.body).fontFamily')
    expect(font).toContain('Noto Sans CJK SC')
    await page.locator('#trajectories').evaluate((el) => el.scrollIntoView())
    await page.screenshot({ path: join(OUT, 'charts.png') })
    expect(problems).toEqual([])
  })
})

if (!hasChromium) {
  describe('HTML report in Chromium', () => {
    it.skip(SKIP_REASON, () => {})
  })
}
