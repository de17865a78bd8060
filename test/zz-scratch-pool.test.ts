import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Piscina } from 'piscina'
import { expect, test } from 'vitest'

test('pool', async () => {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  const pool = new Piscina({
    filename: new URL('../scratch/w.ts', import.meta.url).href,
    maxThreads: 2,
    execArgv: [...process.execArgv, '--import', tsx],
  })
  expect(await pool.run({ text: '加快数字福州建设' })).toContain('1')
  await pool.destroy()
})
