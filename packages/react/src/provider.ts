import { type ConnectionEngine, startEngine } from '@cometchat-connection/core'
import { createElement, type ReactNode, useEffect, useRef, useSyncExternalStore } from 'react'
import { CometChatEngineContext } from './context.js'

/** Props of {@link CometChatProvider}. */
export interface CometChatProviderProps {
  /**
   * The engine, or a function that creates it. An engine you pass stays yours (`destroy()` it yourself);
   * one the provider creates from the function is created once, on the first render, and destroyed
   * when the provider unmounts.
   */
  engine: ConnectionEngine | (() => ConnectionEngine)
  /** The part of the app that uses the hooks. */
  children?: ReactNode
}

const never = () => () => {}
const yes = () => true
const no = () => false

/**
 * Makes an engine available to {@link useCometChatConnection} and the listener hooks below it, and
 * starts it: once mounted (in the browser, never during server rendering) it calls `engine.init()`,
 * which restores a saved session (auto mode then connects) and is safe to call again. A failure of it
 * (the saved session could not be read) goes to `reportError`.
 *
 * The provider never opens or closes a socket itself, so remounting (StrictMode, fast refresh, route
 * changes) cannot open a second connection: StrictMode's trial unmount does not destroy an engine the
 * provider created. Create the engine at module level, or give the provider a factory: it runs once,
 * in the browser only (on the server and while hydrating the hooks render `SERVER_SNAPSHOT`).
 *
 * @example
 * ```tsx
 * const createEngine = () => createConnectionEngine({ appId: 'demo-app', settings })
 *
 * createRoot(el).render(
 *   <CometChatProvider engine={createEngine}>
 *     <App />
 *   </CometChatProvider>,
 * )
 * ```
 */
export function CometChatProvider({ engine: source, children }: CometChatProviderProps): ReactNode {
  const owned = typeof source === 'function'
  // False on the server and while hydrating, true in the browser after that (and in a client-only app
  // from the first render): a factory only ever runs in the browser.
  const inBrowser = useSyncExternalStore(never, yes, no)
  // A ref, not a state initialiser: React runs those twice in StrictMode, and would create two engines.
  const made = useRef<ConnectionEngine | null>(null)
  if (owned && inBrowser) made.current ??= source()
  const engine = owned ? made.current : source
  const mounted = useRef(0)
  useEffect(() => {
    if (!engine) return
    mounted.current++
    startEngine(engine)
    return () => {
      mounted.current--
      // StrictMode unmounts and mounts again at once: destroy only if nothing mounted it again.
      if (owned) queueMicrotask(() => mounted.current || engine.destroy())
    }
  }, [engine, owned])
  return createElement(CometChatEngineContext.Provider, { value: engine }, children)
}
