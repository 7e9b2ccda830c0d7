import type { LockManagerLike, TabChannelLike } from '../ports.js'

// In-process stand-ins for the Web Locks API and BroadcastChannel, so many tabs can run in one Node
// process. They keep the browser's rules that the shared engine relies on: one holder per lock name,
// waiters served in request order, a withdrawn request rejects with AbortError, a crashed holder's lock
// is released; a channel message reaches every other open channel (never the sender), in post order,
// structured-cloned, each delivery a task of its own.

interface LockRequest {
  readonly client: string
  readonly name: string
  readonly callback: (lock: unknown) => Promise<void>
  readonly resolve: (value: unknown) => void
  readonly reject: (error: unknown) => void
}

/** The browser's lock manager, shared by the tabs of a test. */
export interface LockHub {
  /** The `navigator.locks` of tab `client`. */
  client(client: string): LockManagerLike
  /** The tab holding lock `name`, or null. */
  holder(name: string): string | null
  /** Tab `client` crashed: its locks are released and its requests forgotten, as the browser does. */
  crash(client: string): void
  /** Grants not yet made (they happen on a microtask). */
  busy(): boolean
}

export function createLockHub(): LockHub {
  const held = new Map<string, LockRequest>()
  const queues = new Map<string, LockRequest[]>()
  let scheduled = 0

  const grantNext = (name: string) => {
    scheduled++
    queueMicrotask(() => {
      scheduled--
      if (held.has(name)) return
      const next = queues.get(name)?.shift()
      if (!next) return
      held.set(name, next)
      let result: Promise<void>
      try {
        result = Promise.resolve(next.callback({ name, mode: 'exclusive' }))
      } catch (e) {
        result = Promise.reject(e)
      }
      result.then(
        (v) => {
          done(next)
          next.resolve(v)
        },
        (e: unknown) => {
          done(next)
          next.reject(e)
        },
      )
    })
  }
  const done = (request: LockRequest) => {
    if (held.get(request.name) !== request) return
    held.delete(request.name)
    grantNext(request.name)
  }

  return {
    client: (client) => ({
      request(name, options, callback) {
        return new Promise((resolve, reject) => {
          const request: LockRequest = { client, name, callback, resolve, reject }
          const abort = () => reject(new DOMException('The request was aborted.', 'AbortError'))
          if (options.signal?.aborted) return abort()
          options.signal?.addEventListener('abort', () => {
            const queue = queues.get(name) ?? []
            const at = queue.indexOf(request)
            if (at < 0) return // granted already: aborting does nothing then
            queue.splice(at, 1)
            abort()
          })
          queues.set(name, [...(queues.get(name) ?? []), request])
          grantNext(name)
        })
      },
    }),
    holder: (name) => held.get(name)?.client ?? null,
    crash(client) {
      for (const [name, queue] of queues)
        queues.set(
          name,
          queue.filter((r) => r.client !== client),
        )
      for (const request of [...held.values()]) if (request.client === client) done(request)
    },
    busy: () => scheduled > 0,
  }
}

/** The tabs' broadcast channels of one name. */
export interface ChannelHub {
  /** A new channel (a tab's `new BroadcastChannel(name)`). */
  open(): TabChannelLike
  /** The channel's tab crashed: it neither sends nor receives any more, and says nothing. */
  cut(channel: TabChannelLike): void
  /** Deliveries not made yet. */
  busy(): boolean
  /** Every message posted so far, for assertions. */
  readonly log: unknown[]
}

export function createChannelHub(): ChannelHub {
  const open = new Set<TabChannelLike>()
  const cut = new Set<TabChannelLike>()
  let inFlight = 0
  const log: unknown[] = []
  return {
    log,
    open() {
      const channel: TabChannelLike = {
        onmessage: null,
        postMessage(message) {
          if (cut.has(channel)) return // a dead tab's last breath goes nowhere
          if (!open.has(channel)) throw new DOMException('The channel is closed.', 'InvalidStateError')
          const data = structuredClone(message) // throws DataCloneError, as the browser does
          log.push(data)
          for (const other of open) {
            if (other === channel) continue
            inFlight++
            setImmediate(() => {
              inFlight--
              if (open.has(other)) other.onmessage?.({ data: structuredClone(data) })
            })
          }
        },
        close() {
          open.delete(channel)
        },
      }
      open.add(channel)
      return channel
    },
    cut(channel) {
      open.delete(channel)
      cut.add(channel)
    },
    busy: () => inFlight > 0,
  }
}
