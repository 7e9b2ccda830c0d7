import type { ConnectionEngine } from '@cometchat-connection/core'
import { createContext } from 'react'

/**
 * The React context that carries the engine from {@link CometChatProvider} to the hooks: `undefined`
 * outside a provider, `null` inside one whose engine does not exist yet (given as a factory, while
 * rendering on the server or hydrating). Exported for advanced cases (a custom provider, tests); apps
 * use `CometChatProvider`.
 */
export const CometChatEngineContext = /* @__PURE__ */ createContext<ConnectionEngine | null | undefined>(
  undefined,
)
