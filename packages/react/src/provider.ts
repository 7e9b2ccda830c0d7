import type { ConnectionEngine } from '@cometchat-connection/core'
import { createElement, type ReactNode } from 'react'
import { CometChatEngineContext } from './context.js'

/** Props of {@link CometChatProvider}. */
export interface CometChatProviderProps {
  /** The engine, created once outside the component tree with `createConnectionEngine()`. */
  engine: ConnectionEngine
  /** The part of the app that uses the hooks. */
  children?: ReactNode
}

/**
 * Makes an engine available to {@link useCometChatConnection} and the listener hooks below it.
 *
 * The provider never creates, opens or closes a socket: the engine lives outside React (like a
 * TanStack `QueryClient`), so remounting (StrictMode, fast refresh, route changes) cannot open a
 * second connection. Create the engine at module level or in a `useState` initialiser, and call
 * `engine.destroy()` yourself when the app is done with it.
 *
 * @example
 * ```tsx
 * const engine = createConnectionEngine({ appId: 'demo-app', settings })
 * void engine.init()
 *
 * createRoot(el).render(
 *   <CometChatProvider engine={engine}>
 *     <App />
 *   </CometChatProvider>,
 * )
 * ```
 */
export function CometChatProvider({ engine, children }: CometChatProviderProps): ReactNode {
  return createElement(CometChatEngineContext.Provider, { value: engine }, children)
}
