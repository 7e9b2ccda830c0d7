import {
  CometChatException,
  type ConnectionEngine,
  ErrorCodes,
  serverPlatformError,
} from '@cometchat-connection/core'
import { useContext } from 'react'
import { CometChatEngineContext } from './context.js'

/**
 * The provider's engine, or null while it does not exist yet (a factory, on the server or while
 * hydrating): what the adapter's own hooks use, since they render `SERVER_SNAPSHOT` then.
 *
 * @throws CometChatException `ERR_NOT_INITIALIZED` when there is no provider above the component.
 */
export function useProvidedEngine(): ConnectionEngine | null {
  const engine = useContext(CometChatEngineContext)
  if (engine === undefined) {
    throw new CometChatException(
      ErrorCodes.NOT_INITIALIZED,
      'No connection engine found: wrap the component tree in <CometChatProvider engine={engine}>.',
    )
  }
  return engine
}

/**
 * The engine given to the nearest {@link CometChatProvider}.
 *
 * @throws CometChatException `ERR_NOT_INITIALIZED` when there is no provider above the component;
 *   `ERR_SERVER_PLATFORM` while the provider's factory has not run (server rendering, hydration): read
 *   the engine in an effect or an event handler there, or give the provider an engine.
 *
 * @example
 * ```tsx
 * const engine = useCometChatEngine()
 * const send = () => engine.sendMessage('bob', 'hi')
 * ```
 */
export function useCometChatEngine(): ConnectionEngine {
  const engine = useProvidedEngine()
  if (!engine) throw serverPlatformError()
  return engine
}
