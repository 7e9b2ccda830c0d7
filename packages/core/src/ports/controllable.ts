import type { AppStateSource, AppStateValue, NetworkSource } from '../types.js'

/** A source whose value you set yourself: for Node services, tests and custom platforms. */
export interface Controllable<T> {
  /** Changes the value and notifies subscribers (only when it really changes). */
  set(value: T): void
  /** How many subscribers are attached (the engine attaches while a user is logged in). */
  subscriberCount(): number
}

function createValue<T>(initial: T) {
  let value = initial
  const subscribers = new Set<(v: T) => void>()
  return {
    get: () => value,
    subscribe(cb: (v: T) => void): () => void {
      const entry = (v: T) => cb(v) // a fresh function per call, so subscribing twice is counted twice
      subscribers.add(entry)
      return () => subscribers.delete(entry)
    },
    set(next: T): void {
      if (Object.is(next, value)) return
      value = next
      for (const cb of [...subscribers]) cb(next)
    },
    subscriberCount: () => subscribers.size,
  }
}

/**
 * An {@link AppStateSource} you drive: call `set('background')` / `set('foreground')`.
 *
 * @example
 * ```ts
 * const appState = createControllableAppState('foreground')
 * const engine = createConnectionEngine({ appId, platform: { appState } })
 * appState.set('background')
 * ```
 */
export function createControllableAppState(
  initial: AppStateValue = 'foreground',
): AppStateSource & Controllable<AppStateValue> {
  const v = createValue(initial)
  return { current: v.get, subscribe: v.subscribe, set: v.set, subscriberCount: v.subscriberCount }
}

/** A {@link NetworkSource} you drive: call `set(false)` for offline, `set(true)` for online. */
export function createControllableNetwork(initial = true): NetworkSource & Controllable<boolean> {
  const v = createValue(initial)
  return { isOnline: v.get, subscribe: v.subscribe, set: v.set, subscriberCount: v.subscriberCount }
}
