import { findSend, outboxOf, sendFrame, sendsIn } from '../delivery/outbox.js'
import { positionAfter, positionAfterAuth, recoveryOf } from '../delivery/positions.js'
import { CometChatException, errorOf } from '../errors.js'
import { toPresenceUser, toTextMessage } from '../models.js'
import { NONE } from '../none.js'
import type { MessageFrame, ServerFrame } from '../protocol.js'
import type { TextMessage } from '../types.js'
import {
  emit,
  lost,
  now,
  reportError,
  s,
  setStatus,
  settleSend,
  settleWaiter,
  settleWaiters,
} from './step.js'

/** Reported, never thrown: the connection itself may be fine. */
function malformed(data: unknown): void {
  const shown = typeof data === 'string' ? data.slice(0, 200) : typeof data
  reportError(errorOf('ERR_MALFORMED_FRAME', '', { frame: shown }))
}

/**
 * Handles one frame from the current socket (`frame` is null when it could not be decoded). Any frame
 * proves the socket alive (heartbeat).
 */
export function handleSocketMessage(frame: ServerFrame | null, data: unknown): void {
  s.socket = { ...s.socket!, lastInboundAt: now, heartbeatSentAt: undefined }
  if (!frame) return malformed(data)
  ;(byType[frame.type] as (f: ServerFrame, data: unknown) => void)(frame, data)
}

type Frame<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>

/** What each frame type does. */
const byType: { [T in ServerFrame['type']]: (frame: Frame<T>, data: unknown) => void } = {
  'auth-ok'(frame) {
    const socket = s.socket!
    if (socket.phase !== 'authenticating') return
    s.socket = { ...socket, phase: 'open', connectedAt: now }
    s.lastError = null
    s.position = positionAfterAuth(s.position, frame)
    s.onlineUsers = NONE // the server sends the online users again
    const r = recoveryOf(frame)
    if (r) s.recovery = r
    setStatus('connected')
    // Before `open` only connect() calls wait (ping needs an open socket).
    settleWaiters()
    if (r)
      emit(
        'call',
        'connection',
        r.resumed ? 'onResumed' : 'onContinuityLost',
        r.resumed ? { replayed: r.replayed } : { reason: r.reason, lastDeliveredMessageId: s.position!.id },
      )
    // Sends that waited for a connection, or that the last socket took without answering, go now, in
    // order, with their own ids: the server stores each once.
    s.outbox = outboxOf(
      sendsIn(s.outbox).map((o) => {
        emit('send', socket.id, sendFrame(o))
        return { ...o, sentOn: socket.id }
      }),
    )
  },
  message: receive,
  ping: (frame) => emit('send', s.socket!.id, { type: 'pong', id: frame.id }),
  pong(frame) {
    // A heartbeat pong matches no waiter: receiving it was the point.
    const w = s.waiters.find((x) => x.wire === frame.id)
    if (w) settleWaiter(w)
  },
  'message-ack': (frame) => answerSend(frame.ref, undefined, toTextMessage(frame.message)),
  presence(frame) {
    const user = toPresenceUser(frame)
    const others = s.onlineUsers.filter((u) => u.uid !== user.uid)
    s.onlineUsers = frame.status === 'online' ? [...others, user] : others
    emit('call', 'user', frame.status === 'online' ? 'onUserOnline' : 'onUserOffline', user)
  },
  throttle: () => emit('call', 'connection', 'onFeatureThrottled'), // B17
  error(frame) {
    const error = new CometChatException('ERR_SERVER_ERROR', `${frame.message} (${frame.code})`, frame)
    // The answer to a send that waits for it, else news for the listeners.
    if (!answerSend(frame.ref, error)) reportError(error)
  },
}

/**
 * Settles the send whose id the server answered; false when none waits for it (an ack after its
 * deadline: ignored).
 */
function answerSend(ref: string | undefined, error?: CometChatException, message?: TextMessage): boolean {
  const o = findSend(s.outbox, ref)
  if (o) settleSend(o, error, message)
  return !!o
}

/**
 * A message for the user: delivered once and in order by its stream offset. Frames for another user
 * (only a broken or hostile server sends them) are refused; a gap in the stream makes the engine
 * reconnect at once and resume, so missing events are replayed before anything later is delivered.
 */
function receive(frame: MessageFrame, data: unknown): void {
  const m = frame.message
  if (m.receiver !== s.session!.user.uid) return malformed(data)
  const position = positionAfter(s.position, frame.offset, m.id)
  if (position === 'gap') return lost(errorOf('ERR_WEBSOCKET_ERROR', '(missed messages: resuming)'), 0)
  if (position === s.position) return // a duplicate
  s.position = position
  emit('call', 'message', 'onTextMessageReceived', toTextMessage(m, frame.replayed))
}
