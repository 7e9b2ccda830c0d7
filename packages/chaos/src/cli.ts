#!/usr/bin/env node
/**
 * `pnpm chaos`: runs {@link runChaos} with the command line's options, prints the figures, exits 1 on
 * any violation (2 on bad usage, 3 when the run could not be carried out).
 *
 * @packageDocumentation
 */
import { parseChaosArgs, USAGE } from './options.js'
import { formatReport, replayLine } from './report.js'
import { runChaos } from './run-chaos.js'

const command = parseChaosArgs(process.argv.slice(2))
if (command.kind === 'help') {
  process.stdout.write(`${USAGE}\n`)
} else if (command.kind === 'error') {
  process.stderr.write(`chaos: ${command.message}\n\n${USAGE}\n`)
  process.exitCode = 2
} else {
  const { options } = command
  const log = (line: string) => process.stdout.write(`${line}\n`)
  log(`chaos: seed ${options.seed}; replay with: ${replayLine(options)}`)
  try {
    const report = await runChaos(options, log)
    log(formatReport(report))
    process.exitCode = report.violations.total() > 0 ? 1 : 0
  } catch (error) {
    process.stderr.write(
      `chaos: the run could not be carried out: ${error instanceof Error ? error.stack : String(error)}\n`,
    )
    log(`replay: ${replayLine(options)}`)
    process.exitCode = 3
  }
  // Idle keep-alive connections of fetch() must not hold the process open after the figures.
  setTimeout(() => process.exit(), 500).unref()
}
