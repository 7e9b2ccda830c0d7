import type { ConnectionSession } from './connection-session.js'

/**
 * Which sockets take a user's live inbox events. A socket joins as soon as its token checked out, before
 * its stream is read, so no event appended from then on can miss it (the socket holds such events until
 * its replay is done; see `ConnectionSession.deliver`).
 */
export class InboxFanout {
  private readonly byUser = new Map<string, Set<ConnectionSession>>()

  /** Registers `session` for `uid`'s events. */
  add(uid: string, session: ConnectionSession): void {
    let sessions = this.byUser.get(uid)
    if (!sessions) {
      sessions = new Set()
      this.byUser.set(uid, sessions)
    }
    sessions.add(session)
  }

  /** Forgets `session`. */
  remove(uid: string, session: ConnectionSession): void {
    const sessions = this.byUser.get(uid)
    if (sessions?.delete(session) && sessions.size === 0) this.byUser.delete(uid)
  }

  /** Hands an event (its ready `message` frame) to every socket of `uid`, the sender's own included. */
  deliver(uid: string, epoch: string, offset: number, text: string): void {
    const sessions = this.byUser.get(uid)
    if (!sessions) return
    for (const session of sessions) session.deliver(epoch, offset, text)
  }
}
