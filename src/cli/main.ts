/**
 * The `plan-cascade` command (bin entry; bundled to dist/cli.js). See `plan-cascade --help`.
 */
import { createProgram } from './program.js'

const { run } = createProgram()
run(process.argv).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(
      `plan-cascade: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    process.exitCode = 1
  },
)
