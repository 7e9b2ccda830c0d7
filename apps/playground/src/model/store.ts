/** A minimal external store: an immutable value replaced by `update`, with change subscribers. */
export interface Store<S extends object> {
  /** The current value. */
  get(): S
  /** Replaces the value with `{ ...value, ...patch }` and notifies every subscriber. */
  update(patch: Partial<S>): void
  /** Calls `onChange` after every update; returns the unsubscribe function. */
  subscribe(onChange: () => void): () => void
}

/** Creates a {@link Store}; its methods need no `this`, so they can be passed around as they are. */
export function createStore<S extends object>(initial: S): Store<S> {
  let value = initial
  const subscribers = new Set<() => void>()
  return {
    get: () => value,
    update(patch) {
      value = { ...value, ...patch }
      for (const s of [...subscribers]) s()
    },
    subscribe(onChange) {
      const entry = () => onChange() // a fresh entry per call: the same function may subscribe twice
      subscribers.add(entry)
      return () => void subscribers.delete(entry)
    },
  }
}
