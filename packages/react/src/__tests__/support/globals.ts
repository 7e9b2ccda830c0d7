// Traps the browser globals a server render must never read: any access is recorded.
const names = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'WebSocket', 'location']

export function trapBrowserGlobals(): { touched: string[]; restore(): void } {
  const touched: string[] = []
  const saved = names.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const)
  for (const name of names) {
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
