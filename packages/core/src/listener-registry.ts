import { reportAppError } from './callbacks.js'
import { invalidArgument } from './errors.js'

/** Listeners by id (CometChat's add/remove-by-id model). Adding an id again replaces the listener. */
export type ListenerRegistry<L> = Map<string, L>

/** Adds a listener after checking the id and the listener. */
export function addListener<L>(map: ListenerRegistry<L>, kind: string, id: string, listener: L): void {
  if (typeof id !== 'string' || !id) throw invalidArgument(`${kind} listener id`, 'a non-empty string', id)
  if (typeof listener !== 'object' || !listener)
    throw invalidArgument(`${kind} listener`, 'an object of callbacks', listener)
  map.set(id, listener)
}

/**
 * Calls `method` of each listener with `arg`; one that throws is reported and does not stop the others.
 * It runs for every message, so it allocates nothing when there is a single listener.
 */
export function callListeners<L>(map: ListenerRegistry<L> | undefined, method: string, arg: unknown): void {
  if (!map?.size) return
  for (const listener of map.size > 1 ? [...map.values()] : map.values()) {
    try {
      ;(listener as Record<string, ((a: unknown) => void) | undefined>)[method]?.(arg)
    } catch (e) {
      reportAppError(e)
    }
  }
}
