import {
  bindActions,
  type ConnectionActions,
  type ConnectionEngine,
  type ConnectionSnapshot,
  SERVER_SNAPSHOT,
  serverActions,
} from '@cometchat-connection/core'
import { type ComputedRef, computed, getCurrentInstance, inject, onMounted, shallowRef } from 'vue'
import { CometChatEngineKey, HydrateKey } from './key.js'
import { isServerRendering, rawEngine, stopWithScope, useCometChatEngine } from './use-engine.js'

/** One readonly ref per snapshot field (`status`, `mode`, `user`, …). */
export type SnapshotRefs = { readonly [K in keyof ConnectionSnapshot]: ComputedRef<ConnectionSnapshot[K]> }

/** What {@link useCometChatConnection} returns: readonly refs of the snapshot and its fields, plus the actions. */
export type CometChatConnection = SnapshotRefs &
  ConnectionActions & {
    /** The whole immutable snapshot, as a readonly ref. */
    readonly snapshot: ComputedRef<ConnectionSnapshot>
  }

/**
 * Readonly refs of the engine's connection state, and the engine's actions (`login`, `logout`,
 * `connect`, `disconnect`, `ping`, `sendMessage`). Call an action from a template handler without a
 * `catch`: a failure lands in `lastError`, which the template shows (awaiting one still sees the
 * rejection).
 *
 * One `shallowRef` holds the engine's immutable snapshot and is replaced from `engine.subscribe`; each
 * field is a `computed` over it, so a component reading `status` re-renders only when the status changes.
 * The subscription ends with the calling scope (`onScopeDispose`, registered only when a scope exists;
 * without one it lasts as long as the engine). Under server rendering it returns the constant
 * `disconnected` snapshot and subscribes to nothing; there no engine is needed (one created only in the
 * browser, as in a Nuxt client-only plugin, is fine), and without one the actions reject
 * `ERR_SERVER_PLATFORM`. It never opens a socket itself.
 *
 * In a component of an app installed with `{ hydrate: true }` (see `CometChatConnectionOptions`) the refs
 * hold `SERVER_SNAPSHOT` until the component is mounted, then the engine's snapshot, so hydration matches
 * the server's HTML; changes before the mount are not shown earlier. Otherwise the first render already
 * shows the engine's snapshot.
 *
 * @param engine - defaults to the engine provided by the plugin.
 * @throws CometChatException `ERR_NOT_INITIALIZED` when no engine was given or provided (in the browser).
 *
 * @example
 * ```vue
 * <script setup lang="ts">
 * const { status, user, login, logout } = useCometChatConnection()
 * </script>
 * <template><p>{{ user?.uid ?? 'nobody' }}: {{ status }}</p></template>
 * ```
 */
export function useCometChatConnection(engine?: ConnectionEngine): CometChatConnection {
  const ssr = isServerRendering()
  const target = rawEngine(engine) ?? (ssr ? inject(CometChatEngineKey, null) : useCometChatEngine())
  // Hydrating: render what the server rendered, and show the engine's snapshot from `mounted` on. Only a
  // component is hydrated (and gets `mounted`); outside one (`app.runWithContext`) the option does nothing.
  let live = !ssr && !(getCurrentInstance() && inject(HydrateKey, false))
  const current = shallowRef(live ? target!.getSnapshot() : SERVER_SNAPSHOT)
  if (!ssr) {
    const read = () => {
      if (live) current.value = target!.getSnapshot()
    }
    stopWithScope(target!.subscribe(read))
    if (!live) {
      onMounted(() => {
        live = true
        read()
      })
    }
  }
  const refs: Record<string, unknown> = { snapshot: computed(() => current.value) }
  // SERVER_SNAPSHOT is typed ConnectionSnapshot, so it lists every field (TypeScript checks that).
  for (const key of Object.keys(SERVER_SNAPSHOT) as (keyof ConnectionSnapshot)[]) {
    refs[key] = computed(() => current.value[key])
  }
  return Object.assign(refs, target ? bindActions(target) : serverActions()) as unknown as CometChatConnection
}
