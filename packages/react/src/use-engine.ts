import { CometChatException, type ConnectionEngine, ErrorCodes } from '@cometchat-connection/core'
import { useContext } from 'react'
import { CometChatEngineContext } from './context.js'

/**
 * The engine given to the nearest {@link CometChatProvider}.
 *
 * @throws CometChatException `ERR_NOT_INITIALIZED` when there is no provider above the component.
 *
 * @example
 * ```tsx
 * const engine = useCometChatEngine()
 * const send = () => engine.sendMessage('bob', 'hi')
 * ```
 */
export function useCometChatEngine(): ConnectionEngine {
  const engine = useContext(CometChatEngineContext)
  if (!engine) {
    throw new CometChatException(
      ErrorCodes.NOT_INITIALIZED,
      'No connection engine found: wrap the component tree in <CometChatProvider engine={engine}>.',
    )
  }
  return engine
}
