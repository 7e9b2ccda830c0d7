import { CometChatException, type ConnectionEngine, ErrorCodes } from '@cometchat-connection/core'
import { getCurrentScope, hasInjectionContext, inject, onScopeDispose, ssrContextKey, toRaw } from 'vue'
import { CometChatEngineKey } from './key.js'

/**
 * The engine provided by the plugin (inside `setup()`, or anywhere `inject()` works).
 *
 * @throws CometChatException `ERR_NOT_INITIALIZED` when no engine was provided.
 *
 * @example
 * ```ts
 * const engine = useCometChatEngine()
 * await engine.sendMessage('bob', 'hi')
 * ```
 */
export function useCometChatEngine(): ConnectionEngine {
  const engine = hasInjectionContext() ? inject(CometChatEngineKey, null) : null
  if (!engine) {
    throw new CometChatException(
      ErrorCodes.NOT_INITIALIZED,
      'No engine: call app.use(createCometChatConnection(engine)) or pass the engine.',
    )
  }
  return engine
}

/**
 * The engine itself, when it was kept in reactive state (`ref()`, `reactive()`, a store): the engine keeps
 * its state in private fields, which nothing can reach through Vue's proxy, so every entry point unwraps it.
 */
export function rawEngine<E extends ConnectionEngine | undefined>(engine: E): E {
  return toRaw(engine)
}

/** Whether this setup runs inside `renderToString` (Vue's server renderer provides its SSR context). */
export function isServerRendering(): boolean {
  return hasInjectionContext() && inject(ssrContextKey, null) != null
}

/** Ties `stop` to the current effect scope when there is one (a component, `effectScope()`); returns it. */
export function stopWithScope(stop: () => void): () => void {
  if (getCurrentScope()) onScopeDispose(stop)
  return stop
}
