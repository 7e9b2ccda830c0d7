import type { StreamPosition, WireTextMessage } from '@cometchat-connection/core'
import { invalidOption } from '../common/invalid-option.js'
import { randomHex } from '../common/random-hex.js'
import { MemoryStream } from './memory-stream.js'
import { SendDedupe } from './send-dedupe.js'
import type { ServerStore, StoredMessage, StreamSlice } from './store.js'

/** Options of {@link createMemoryStore}. Each bound matches the server limit of the same meaning. */
export interface MemoryStoreOptions {
  /** Time source for trimming by age and for the dedupe window. Default `Date.now`. */
  now?: () => number
  /** Events kept per inbox; older ones are trimmed. Default 1000. */
  maxEvents?: number
  /** Events older than this are trimmed, ms. Default 24 h. */
  maxAgeMs?: number
  /** How long a send id is remembered, ms. Default: `maxAgeMs`. */
  dedupeWindowMs?: number
  /** Most send ids remembered per sender. Default 1000. */
  dedupeMaxPerSender?: number
}

/** The in-memory {@link ServerStore}, plus what tests and tools need beyond the interface. */
export interface MemoryStore extends ServerStore {
  /** The epoch every stream of this store starts with: new for every store, so a new process is a new history. */
  readonly epoch: string
  /** Forgets `uid`'s stream as a lost store would: it restarts at offset 0 under a new epoch. */
  clearStream(uid: string): void
}

function positiveOption(name: string, value: number, integer: boolean): number {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value)))
    throw invalidOption(name, integer ? 'a positive integer' : 'a positive, finite number', value)
  return value
}

/** Bytes of randomness in an epoch: unguessable is not needed, distinct across restarts is. */
const EPOCH_BYTES = 8

/**
 * The default store: every inbox and the dedupe window in this process's memory. Browser-safe (the
 * playground runs it in the page). Answers at once; its promises are already resolved.
 *
 * @example
 * ```ts
 * const store = createMemoryStore({ maxEvents: 100, maxAgeMs: 60 * 60 * 1000 })
 * const core = new RealtimeServerCore({ store })
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? Date.now
  const maxEvents = positiveOption('maxEvents', options.maxEvents ?? 1000, true)
  const maxAgeMs = positiveOption('maxAgeMs', options.maxAgeMs ?? 24 * 60 * 60 * 1000, false)
  const dedupe = new SendDedupe(
    positiveOption('dedupeWindowMs', options.dedupeWindowMs ?? maxAgeMs, false),
    positiveOption('dedupeMaxPerSender', options.dedupeMaxPerSender ?? 1000, true),
  )
  const epoch = randomHex(EPOCH_BYTES)
  const streams = new Map<string, MemoryStream>()

  /** The stream of `uid`, trimmed to the bounds as of now (trimming is lazy: reads see it too). */
  const streamOf = (uid: string, t: number): MemoryStream => {
    let stream = streams.get(uid)
    if (!stream) {
      stream = new MemoryStream(epoch)
      streams.set(uid, stream)
    } else stream.trim(t, maxEvents, maxAgeMs)
    return stream
  }

  return {
    epoch,
    appendMessage(message: WireTextMessage, sendId: string | undefined): Promise<StoredMessage> {
      const t = now()
      if (sendId !== undefined) {
        const seen = dedupe.find(message.sender, sendId, t)
        if (seen) return Promise.resolve({ ...seen, duplicate: true })
      }
      const stream = streamOf(message.receiver, t)
      const offset = stream.append(message, t)
      stream.trim(t, maxEvents, maxAgeMs)
      const stored: StoredMessage = { message, epoch: stream.epoch, offset, duplicate: false }
      if (sendId !== undefined) dedupe.record(message.sender, sendId, stored, t)
      return Promise.resolve(stored)
    },
    readStream(uid: string, after: number, limit: number): Promise<StreamSlice> {
      return Promise.resolve(streamOf(uid, now()).slice(after, limit))
    },
    position(uid: string): Promise<StreamPosition> {
      const stream = streamOf(uid, now())
      return Promise.resolve({ epoch: stream.epoch, offset: stream.last })
    },
    findOffset(uid: string, messageId: string): Promise<number | undefined> {
      return Promise.resolve(streamOf(uid, now()).offsetOf(messageId))
    },
    clearStream(uid: string): void {
      streams.set(uid, new MemoryStream(randomHex(EPOCH_BYTES)))
    },
  }
}
