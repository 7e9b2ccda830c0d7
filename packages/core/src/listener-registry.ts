import { reportAppError } from './callbacks.js'
import { invalidArgument } from './errors.js'

/**
 * One kind's listeners by id (CometChat's add/remove-by-id model), as a flat list
 * `[id, listener, id, listener, …]` in the order the ids were first added. A list is never changed, only
 * replaced: listeners being called keep the list the call started with when one of them adds or removes
 * a listener, and one listener costs one small array (thousands of engines per process: issue #11).
 */
export type ListenerList = readonly (string | object)[]

/** An engine's listeners, by kind; a kind nobody listens to has no list. */
export type Listeners<K extends string> = { [kind in K]?: ListenerList }

/**
 * Adds `listener` under `id` after checking both; adding an id again replaces its listener, in its place.
 * Returns the function that removes this listener only: a later one added under the same id stays.
 */
export function addListener<K extends string>(
  listeners: Listeners<K>,
  kind: K,
  id: string,
  listener: object,
): () => void {
  if (typeof id !== 'string' || !id) throw invalidArgument(`${kind} listener id`, 'a non-empty string', id)
  if (typeof listener !== 'object' || !listener)
    throw invalidArgument(`${kind} listener`, 'an object of callbacks', listener)
  const list = listeners[kind] ?? []
  const at = list.indexOf(id) // ids are strings and listeners objects: only an id can match
  listeners[kind] = at < 0 ? list.concat([id, listener]) : list.map((x, i) => (i === at + 1 ? listener : x))
  return () => removeListener(listeners, kind, id, listener)
}

/** Removes the listener under `id`; with `only`, just when that is the one there. */
export function removeListener<K extends string>(
  listeners: Listeners<K>,
  kind: K,
  id: string,
  only?: object,
): void {
  const list = listeners[kind] ?? []
  const at = list.indexOf(id)
  if (at < 0 || (only && list[at + 1] !== only)) return
  listeners[kind] = list.filter((_, i) => i < at || i > at + 1)
}

/**
 * Calls `method` of each listener with `arg`; one that throws is reported and does not stop the others.
 * It runs for every message, so it allocates nothing.
 */
export function callListeners(list: ListenerList | undefined, method: string, arg: unknown): void {
  if (!list) return
  for (let i = 1; i < list.length; i += 2) {
    try {
      ;(list[i] as Record<string, ((a: unknown) => void) | undefined>)[method]?.(arg)
    } catch (e) {
      reportAppError(e)
    }
  }
}
