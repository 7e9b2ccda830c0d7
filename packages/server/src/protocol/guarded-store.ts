import type { Clock } from '@cometchat-connection/core'
import type { ServerStore } from '../store/store.js'
import { withDeadline } from './store-deadline.js'

/** `store` with a deadline of `ms` on every call (see {@link withDeadline}). */
export function guardStore(store: ServerStore, clock: Clock, ms: number): ServerStore {
  return {
    appendMessage: (message, sendId) =>
      Promise.resolve(withDeadline(store.appendMessage(message, sendId), clock, ms, 'storing a message')),
    readStream: (uid, after, limit) =>
      Promise.resolve(withDeadline(store.readStream(uid, after, limit), clock, ms, 'reading an inbox')),
    position: (uid) =>
      Promise.resolve(withDeadline(store.position(uid), clock, ms, 'reading an inbox position')),
    findOffset: (uid, messageId) =>
      Promise.resolve(withDeadline(store.findOffset(uid, messageId), clock, ms, 'finding a message')),
  }
}
