import type { ConnectionEngine } from '@cometchat-connection/core'
import type { InjectionKey } from 'vue'

/** The injection key under which the plugin `provide`s the engine. `inject(CometChatEngineKey)` reads it. */
export const CometChatEngineKey: InjectionKey<ConnectionEngine> = /* @__PURE__ */ Symbol('cometchat-engine')
