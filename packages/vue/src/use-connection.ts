import {
  bindActions,
  type ConnectionActions,
  type ConnectionEngine,
  type ConnectionSnapshot,
  SERVER_SNAPSHOT,
} from '@cometchat-connection/core'
import { type ComputedRef, computed, shallowRef } from 'vue'
import { isServerRendering, stopWithScope, useCometChatEngine } from './use-engine.js'

/** One readonly ref per snapshot field (`status`, `mode`, `user`, …). */
export type SnapshotRefs = { readonly [K in keyof ConnectionSnapshot]: ComputedRef<ConnectionSnapshot[K]> }

/** What {@link useCometChatConnection} returns: readonly refs of the snapshot and its fields, plus the actions. */
export type CometChatConnection = SnapshotRefs &
  ConnectionActions & {
    /** The whole immutable snapshot, as a readonly ref. */
    readonly snapshot: ComputedRef<ConnectionSnapshot>
  }

/**
 * Readonly refs of the engine's connection state, and the engine's actions.
 *
 * One `shallowRef` holds the engine's immutable snapshot and is replaced from `engine.subscribe`; each
 * field is a `computed` over it, so a component reading `status` re-renders only when the status changes.
 * The subscription ends with the calling scope (`onScopeDispose`, registered only when a scope exists;
 * without one it lasts as long as the engine). Under server rendering it returns the constant
 * `disconnected` snapshot and subscribes to nothing. It never opens a socket itself.
 *
 * @param engine - defaults to the engine provided by the plugin.
 * @throws CometChatException `ERR_NOT_INITIALIZED` when no engine was given or provided.
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * const { status, user, login, logout } = useCometChatConnection()
 * </script>
 * <template><p>{{ user?.uid ?? 'nobody' }}: {{ status }}</p></template>
 * ```
 */
export function useCometChatConnection(engine: ConnectionEngine = useCometChatEngine()): CometChatConnection {
  const ssr = isServerRendering()
  const current = shallowRef(ssr ? SERVER_SNAPSHOT : engine.getSnapshot())
  if (!ssr) {
    stopWithScope(
      engine.subscribe(() => {
        current.value = engine.getSnapshot()
      }),
    )
  }
  const refs: Record<string, unknown> = { snapshot: computed(() => current.value) }
  // SERVER_SNAPSHOT is typed ConnectionSnapshot, so it lists every field (TypeScript checks that).
  for (const key of Object.keys(SERVER_SNAPSHOT) as (keyof ConnectionSnapshot)[]) {
    refs[key] = computed(() => current.value[key])
  }
  return Object.assign(refs, bindActions(engine)) as unknown as CometChatConnection
}
