import type { Violations } from './violations.js'

const describe = (value: unknown): string =>
  value instanceof Error ? (value.stack ?? String(value)) : typeof value === 'string' ? value : String(value)

/**
 * Turns every uncaught exception, unhandled rejection and `console.error` of this process (where the
 * engine reports a listener that threw) into a violation, and keeps the process running so the run
 * can report it. Returns the function that restores the defaults.
 */
export function captureErrors(violations: Violations): () => void {
  const onUncaught = (error: unknown) =>
    violations.add('uncaught error (runner)', `uncaught exception: ${describe(error)}`)
  const onRejection = (reason: unknown) =>
    violations.add('uncaught error (runner)', `unhandled rejection: ${describe(reason)}`)
  const consoleError = console.error
  console.error = (...args: unknown[]) => {
    violations.add('uncaught error (runner)', `console.error: ${args.map(describe).join(' ')}`)
    consoleError(...args)
  }
  process.on('uncaughtException', onUncaught)
  process.on('unhandledRejection', onRejection)
  return () => {
    process.off('uncaughtException', onUncaught)
    process.off('unhandledRejection', onRejection)
    console.error = consoleError
  }
}
