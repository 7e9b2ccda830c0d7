import type { PresenceFrame } from '@cometchat-connection/core'
import { httpLogin, TestClient } from '../helpers/ws-client.js'

/**
 * A raw client subscribed to presence: it shows what the server sees (a user online while a socket of
 * theirs is open), with real synchronisation (frames) instead of polling the server.
 */
export async function watchPresence(server: { url: string; socketUrl: string }) {
  const { authToken } = await httpLogin(server.url, 'presence-watcher')
  const client = await TestClient.authed(server.socketUrl, authToken, true)
  const changes = (uid: string) =>
    client.frames
      .filter((f): f is PresenceFrame => f.type === 'presence' && f.user.uid === uid)
      .map((f) => f.status)
  return {
    client,
    /** Every presence status seen for `uid`, in order. */
    changes,
    /** Resolves once `uid` has gone `status` `times` times in total. */
    async until(uid: string, status: 'online' | 'offline', times = 1): Promise<void> {
      await client.waitFor(
        () => changes(uid).filter((s) => s === status).length >= times,
        `${uid} ${status} ×${times}`,
      )
    },
  }
}
