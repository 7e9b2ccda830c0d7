/** The browser globals a server render must never read. */
export const BROWSER_GLOBALS: readonly string[] = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'WebSocket',
  'location',
]

/** What {@link trapBrowserGlobals} recorded, and how to put the globals back. */
export interface BrowserGlobalsTrap {
  /** Every read of a trapped global, in order (a name per read). */
  readonly touched: readonly string[]
  /** Restores every global as it was (or removes it when it did not exist). */
  restore(): void
}

/**
 * Replaces each of {@link BROWSER_GLOBALS} with a getter that records the read and returns `undefined`,
 * so "reads no browser global" is checked, not assumed. Always `restore()` in a `finally`.
 *
 * @example
 * ```ts
 * const trap = trapBrowserGlobals()
 * try {
 *   html = renderToString(<App />)
 * } finally {
 *   trap.restore()
 * }
 * expect(trap.touched).toEqual([])
 * ```
 */
export function trapBrowserGlobals(): BrowserGlobalsTrap {
  const touched: string[] = []
  const saved = BROWSER_GLOBALS.map(
    (name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const,
  )
  for (const name of BROWSER_GLOBALS) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name)
        return undefined
      },
    })
  }
  return {
    touched,
    restore() {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor)
        else delete (globalThis as Record<string, unknown>)[name]
      }
    },
  }
}
