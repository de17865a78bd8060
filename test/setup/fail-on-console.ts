// The library never logs: any console call during a test fails it (only the CLI writes, and the CLI
// is tested by running it in a child process).
import { afterEach, beforeEach } from 'vitest'

const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const
let calls: string[] = []
const originals = new Map<string, (...args: unknown[]) => void>()

beforeEach(() => {
  calls = []
  for (const method of methods) {
    originals.set(method, console[method])
    console[method] = (...args: unknown[]) => {
      calls.push(`console.${method}: ${args.map(String).join(' ')}`)
    }
  }
})

afterEach(() => {
  for (const method of methods) console[method] = originals.get(method) as (typeof console)[typeof method]
  if (calls.length > 0) throw new Error(`the library must not log:\n${calls.join('\n')}`)
})
