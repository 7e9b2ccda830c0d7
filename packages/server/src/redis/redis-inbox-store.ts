import type { StreamPosition, WireTextMessage } from '@cometchat-connection/core'
import type { Redis } from 'ioredis'
import { randomHex } from '../common/random-hex.js'
import type { InboxEvent, ServerStore, StoredMessage, StreamSlice } from '../store/store.js'
import { LuaScript } from './lua-script.js'
import type { RedisKeys } from './redis-keys.js'
import { APPEND_SCRIPT, FIND_SCRIPT, READ_SCRIPT } from './redis-scripts.js'
import { storeCall } from './store-call.js'

/** The bounds of a {@link createRedisInboxStore}, as the memory store has them. */
export interface RedisInboxBounds {
  /** Time source for trimming by age and the dedupe window (the server's clock). */
  now: () => number
  /** Events kept per inbox. */
  maxEvents: number
  /** Events older than this are trimmed, ms. */
  maxAgeMs: number
  /** How long a send id is remembered, ms. */
  dedupeWindowMs: number
  /** Most send ids remembered per sender. */
  dedupeMaxPerSender: number
}

/** An inbox (and its dedupe records) untouched for this many times its age bound is deleted by Redis. */
export const KEY_TTL_FACTOR = 7

const append = new LuaScript(APPEND_SCRIPT)
const read = new LuaScript(READ_SCRIPT)
const find = new LuaScript(FIND_SCRIPT)

/** Bytes of randomness in an epoch (as the memory store's). */
const EPOCH_BYTES = 8

/**
 * The inbox streams and send-id dedupe window in Redis, shared by every process (see `RedisKeys` for the
 * layout). One Lua script per append does the dedupe check, the offset bump, the `XADD` with its
 * `MAXLEN` cap, trimming by age, expiry, the dedupe record and the publish to the receiver's route
 * channel, atomically. Reads are `XRANGE` after the offset (stream ids are `<offset>-0`). The epoch sits
 * beside the stream in its meta hash: when Redis loses it (restart without persistence, flush, expiry)
 * the next use writes a new one, so clients see an `'epoch'` reset instead of a silent gap.
 */
export function createRedisInboxStore(
  redis: Redis,
  keys: RedisKeys,
  bounds: RedisInboxBounds,
  onClock: (clock: number) => void = () => {},
): ServerStore {
  const keyTtl = String(Math.ceil(KEY_TTL_FACTOR * Math.max(bounds.maxAgeMs, bounds.dedupeWindowMs)))
  const readStream = (uid: string, after: number, limit: number): Promise<StreamSlice> =>
    storeCall('reading an inbox', async () => {
      const reply = (await read.run(
        redis,
        [keys.meta(uid), keys.inbox(uid), keys.generation],
        [after, limit, bounds.now(), bounds.maxAgeMs, randomHex(EPOCH_BYTES)],
      )) as Array<string | number>
      const events: InboxEvent[] = []
      for (let i = 3; i < reply.length; i += 2) {
        events.push({
          offset: Number(reply[i]),
          message: JSON.parse(String(reply[i + 1])) as WireTextMessage,
        })
      }
      return { epoch: String(reply[0]), last: Number(reply[1]), first: Number(reply[2]), events }
    })

  return {
    appendMessage(message: WireTextMessage, sendId: string | undefined): Promise<StoredMessage> {
      return storeCall('storing a message', async () => {
        const json = JSON.stringify(message)
        const reply = (await append.run(
          redis,
          [
            keys.meta(message.receiver),
            keys.inbox(message.receiver),
            keys.sent(message.sender),
            keys.sentAt(message.sender),
            keys.generation,
            keys.clock,
          ],
          [
            json,
            message.id,
            sendId ?? '',
            bounds.now(),
            bounds.maxEvents,
            bounds.maxAgeMs,
            bounds.dedupeWindowMs,
            bounds.dedupeMaxPerSender,
            randomHex(EPOCH_BYTES),
            keys.route(message.receiver),
            keyTtl,
          ],
        )) as [number, string, number?, number?]
        if (reply[0] === 1) {
          const seen = JSON.parse(reply[1]) as { epoch: string; offset: number; message: WireTextMessage }
          return { message: seen.message, epoch: seen.epoch, offset: seen.offset, duplicate: true }
        }
        onClock(Number(reply[3]))
        return { message, epoch: reply[1], offset: Number(reply[2]), duplicate: false }
      })
    },
    readStream,
    async position(uid: string): Promise<StreamPosition> {
      const slice = await readStream(uid, 0, 0)
      return { epoch: slice.epoch, offset: slice.last }
    },
    findOffset(uid: string, messageId: string): Promise<number | undefined> {
      return storeCall('finding a message', async () => {
        const reply = await find.run(
          redis,
          [keys.meta(uid), keys.inbox(uid), keys.generation],
          [messageId, bounds.now(), bounds.maxAgeMs],
        )
        return reply === null || reply === undefined ? undefined : Number(reply)
      })
    },
  }
}
