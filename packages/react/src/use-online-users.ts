import type { ConnectionSnapshot, PresenceUser } from '@cometchat-connection/core'
import { useCometChatConnection } from './use-connection.js'

const onlineUsers = (s: ConnectionSnapshot) => s.onlineUsers

/**
 * The users online now (the snapshot's `onlineUsers`), re-rendering only when the list changes. The
 * engine keeps the list when its settings have `subscribePresenceForAllUsers()`; it is empty while
 * disconnected and on the server.
 *
 * @example
 * ```tsx
 * function WhoIsOnline() {
 *   const users = useOnlineUsers()
 *   return <ul>{users.map((u) => <li key={u.uid}>{u.name}</li>)}</ul>
 * }
 * ```
 */
export function useOnlineUsers(): readonly PresenceUser[] {
  return useCometChatConnection(onlineUsers)
}
