import { reportAppError } from './callbacks.js'
import { invalidArgument } from './errors.js'

/** Listeners by id (CometChat's add/remove-by-id model). Adding an id again replaces the listener. */
export class ListenerRegistry<L extends object> {
  private readonly map = new Map<string, L>()

  constructor(private readonly kind: string) {}

  add(id: string, listener: L): void {
    if (typeof id !== 'string' || id === '')
      throw invalidArgument(`${this.kind} listener id`, 'a non-empty string', id)
    if (typeof listener !== 'object' || listener === null) {
      throw invalidArgument(`${this.kind} listener`, 'an object with callback methods', listener)
    }
    this.map.set(id, listener)
  }

  remove(id: string): void {
    this.map.delete(id)
  }

  clear(): void {
    this.map.clear()
  }

  get size(): number {
    return this.map.size
  }

  /** Calls `fn` for each listener; one that throws is reported and does not stop the others. */
  each(fn: (listener: L) => void): void {
    for (const listener of [...this.map.values()]) {
      try {
        fn(listener)
      } catch (e) {
        reportAppError(e)
      }
    }
  }
}
