import type { PresenceFrame, WireUser } from '@cometchat-connection/core'
import type { ConnectionSession } from './connection-session.js'

/**
 * Who is online: a user is online while at least one authenticated socket of theirs exists.
 * Also the set of sockets that asked for presence, and the fan-out of presence frames to them.
 */
export class PresenceRegistry {
  private readonly socketsByUser = new Map<string, Set<ConnectionSession>>()
  private readonly onlineSince = new Map<string, { user: WireUser; at: number }>()
  private readonly subscribers = new Set<ConnectionSession>()

  /** Adds an authenticated socket; returns true when its user just came online. */
  add(session: ConnectionSession, user: WireUser, now: number): boolean {
    let sockets = this.socketsByUser.get(user.uid)
    const cameOnline = sockets === undefined
    if (!sockets) {
      sockets = new Set()
      this.socketsByUser.set(user.uid, sockets)
      this.onlineSince.set(user.uid, { user, at: now })
    }
    sockets.add(session)
    return cameOnline
  }

  /** Removes a socket; returns true when its user just went offline. */
  remove(session: ConnectionSession, uid: string): boolean {
    this.subscribers.delete(session)
    const sockets = this.socketsByUser.get(uid)
    if (!sockets?.delete(session) || sockets.size > 0) return false
    this.socketsByUser.delete(uid)
    this.onlineSince.delete(uid)
    return true
  }

  /** Registers a socket for presence frames and sends it everyone else who is online now. */
  subscribe(session: ConnectionSession, ownUid: string): void {
    this.subscribers.add(session)
    for (const [uid, { user, at }] of this.onlineSince) {
      if (uid !== ownUid) session.send({ type: 'presence', user, status: 'online', at })
    }
  }

  /** Sends a presence change to every subscriber except the user's own sockets (nobody is told about themselves). */
  broadcast(user: WireUser, status: PresenceFrame['status'], at: number): void {
    const frame: PresenceFrame = { type: 'presence', user, status, at }
    const text = JSON.stringify(frame)
    for (const session of this.subscribers) {
      if (session.user?.uid !== user.uid) session.sendText(text)
    }
  }

  /** The authenticated sockets of `uid` (empty when offline). */
  socketsOf(uid: string): ReadonlySet<ConnectionSession> {
    return this.socketsByUser.get(uid) ?? new Set()
  }

  /** Every online user, in the order they came online. */
  onlineUsers(): WireUser[] {
    return [...this.onlineSince.values()].map((entry) => entry.user)
  }
}
