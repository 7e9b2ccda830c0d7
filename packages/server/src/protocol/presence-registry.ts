import type { PresenceFrame, WireUser } from '@cometchat-connection/core'
import type { OnlineEntry } from '../store/presence-hub.js'
import type { ConnectionSession } from './connection-session.js'

/**
 * This process's side of presence: which authenticated sockets each user has here (a user's first one
 * makes this process join them to the cluster's presence, their last one makes it leave), the sockets
 * that asked for presence, and the fan-out of presence frames to them. Who is online cluster-wide is
 * the backend's `PresenceHub`.
 */
export class PresenceRegistry {
  private readonly socketsByUser = new Map<string, Set<ConnectionSession>>()
  private readonly subscribers = new Set<ConnectionSession>()

  /** Adds an authenticated socket; returns true when it is its user's first one on this process. */
  add(session: ConnectionSession, uid: string): boolean {
    let sockets = this.socketsByUser.get(uid)
    const first = sockets === undefined
    if (!sockets) {
      sockets = new Set()
      this.socketsByUser.set(uid, sockets)
    }
    sockets.add(session)
    return first
  }

  /** Removes a socket; returns true when it was its user's last one on this process. */
  remove(session: ConnectionSession, uid: string): boolean {
    this.subscribers.delete(session)
    const sockets = this.socketsByUser.get(uid)
    if (!sockets?.delete(session) || sockets.size > 0) return false
    this.socketsByUser.delete(uid)
    return true
  }

  /** Registers a socket for presence frames and sends it everyone else in `online` (the cluster's view now). */
  subscribe(session: ConnectionSession, ownUid: string, online: readonly OnlineEntry[]): void {
    this.subscribers.add(session)
    for (const { user, at } of online) {
      if (user.uid !== ownUid) session.send({ type: 'presence', user, status: 'online', at })
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
}
