import type { ConnectionEngine, PresenceUser } from '@cometchat-connection/core'
import type { ComputedRef } from 'vue'
import { useCometChatConnection } from './use-connection.js'

/**
 * The users online now (the snapshot's `onlineUsers`) as a readonly ref, which triggers only when the
 * list changes. The engine keeps the list when its settings have `subscribePresenceForAllUsers()`; it
 * is empty while disconnected and under server rendering. The subscription ends with the scope.
 *
 * @param engine - defaults to the engine provided by the plugin.
 * @example
 * ```vue
 * <script setup lang="ts">
 * const online = useOnlineUsers()
 * </script>
 * <template><li v-for="u in online" :key="u.uid">{{ u.name }}</li></template>
 * ```
 */
export function useOnlineUsers(engine?: ConnectionEngine): ComputedRef<readonly PresenceUser[]> {
  return useCometChatConnection(engine).onlineUsers
}
