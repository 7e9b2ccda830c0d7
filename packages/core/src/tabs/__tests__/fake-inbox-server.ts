import { FakeSocket } from '../../__tests__/harness.js'
import type { ClientFrame, ServerFrame, WireTextMessage } from '../../protocol.js'
import type { WebSocketConstructorLike } from '../../types.js'

/** A socket of the fake server, remembering whose tab made it. */
export class ServedSocket extends FakeSocket {
  uid: string | null = null
  /** Live messages held while the resume's replay is going out (they follow it). */
  held: Array<{ message: WireTextMessage; offset: number }> | null = null
  /** The tab died with it open: nothing reaches it any more. */
  dead = false
  constructor(
    url: string,
    readonly tab: string,
    private readonly server: FakeInboxServer,
    deadAlready: boolean,
  ) {
    super(url)
    this.dead = deadAlready // a dead tab's code opens nothing that lives
    server.accept(this)
  }
  override send(data: string): void {
    super.send(data)
    this.server.receive(this, JSON.parse(data) as ClientFrame)
  }
  /** Open or opening, and not closed by its engine. */
  get live(): boolean {
    return !this.dead && this.isOpenOrOpening && !this.closedByClient
  }
}

/**
 * The server's delivery protocol, small: a per-user inbox with offsets in one epoch, resume in the auth
 * answer (a replay of what came after the client's position, or a reset), live messages to every
 * authenticated socket of the receiver, pong for ping, ack for sends. Replies go out on a microtask,
 * like frames over a network. It counts sockets: `peak` is the most that were ever live at once.
 */
export class FakeInboxServer {
  readonly epoch = 'epoch-1'
  readonly sockets: ServedSocket[] = []
  readonly inbox = new Map<string, WireTextMessage[]>()
  peak = 0
  /** While true, sends are stored but not acknowledged (the ack is lost on the way). */
  holdAcks = false
  #next = 0
  readonly #sent = new Map<string, WireTextMessage>()

  /** The WebSocket class of tab `tab`. */
  socketFor(tab: string, dead: () => boolean): WebSocketConstructorLike {
    const server = this
    return class extends ServedSocket {
      constructor(url: string) {
        super(url, tab, server, dead())
      }
    }
  }

  accept(socket: ServedSocket): void {
    this.sockets.push(socket)
    this.peak = Math.max(this.peak, this.live().length)
    queueMicrotask(() => socket.live && socket.serverOpen())
  }

  /** Sockets open or opening. */
  live(): ServedSocket[] {
    return this.sockets.filter((s) => s.live)
  }

  receive(socket: ServedSocket, frame: ClientFrame): void {
    const reply = (...frames: ServerFrame[]) =>
      queueMicrotask(() => {
        for (const f of frames) if (socket.live) socket.serverSend(f)
      })
    if (frame.type === 'ping') return reply({ type: 'pong', id: frame.id })
    if (frame.type === 'send-message') {
      // A retried send (same id) is stored once and acknowledged with the first copy.
      const message =
        this.#sent.get(frame.id ?? frame.ref) ?? this.deliver(frame.receiver, frame.text, socket.uid ?? '?')
      this.#sent.set(frame.id ?? frame.ref, message)
      if (!this.holdAcks) reply({ type: 'message-ack', ref: frame.ref, message })
      return
    }
    if (frame.type !== 'auth') return
    // Authenticated, answered and replayed in one step: a live message cannot slip in between.
    queueMicrotask(() => {
      if (!socket.live) return
      const uid = frame.authToken.replace(/^tok-/, '')
      const stream = this.inbox.get(uid) ?? []
      const end = stream.length
      const resume = frame.resume
      const resumed = !!resume && resume.epoch === this.epoch && resume.offset <= end
      socket.uid = uid
      socket.held = [] // a message stored from here on (even by this socket's own send) waits for the replay
      socket.serverSend({
        type: 'auth-ok',
        user: { uid, name: uid },
        serverTime: 0,
        idleTimeoutMs: 60_000,
        stream: { epoch: this.epoch, offset: end },
        ...(resume && {
          recovery: resumed
            ? { resumed: true, replayed: end - resume.offset }
            : { resumed: false, reason: 'position' },
        }),
      })
      if (resumed)
        stream.slice(resume.offset).forEach((message, i) => {
          if (socket.live)
            socket.serverSend({
              type: 'message',
              message: { ...message },
              offset: resume.offset + i + 1,
              replayed: true,
            })
        })
    })
  }

  /** Stores a message for `to` and sends it to each of `to`'s authenticated live sockets. */
  deliver(to: string, text: string, from = 'bob'): WireTextMessage {
    const message: WireTextMessage = { id: `m${++this.#next}`, sender: from, receiver: to, text, sentAt: 0 }
    const stream = this.inbox.get(to) ?? []
    stream.push(message)
    this.inbox.set(to, stream)
    for (const s of this.live())
      if (s.uid === to) s.serverSend({ type: 'message', message: { ...message }, offset: stream.length })
    return message
  }

  /** The offset of message `id` in `uid`'s inbox (1-based). */
  offsetOf(uid: string, id: string): number {
    return (this.inbox.get(uid) ?? []).findIndex((m) => m.id === id) + 1
  }

  /** Tab `tab` died: its sockets go silent on both sides (the server sees them close). */
  cut(tab: string): void {
    for (const s of this.sockets)
      if (s.tab === tab && s.live) {
        s.dead = true
        s.onopen = s.onmessage = s.onerror = s.onclose = null
        s.readyState = 3
      }
  }
}
