import type { ConnectionEngine } from '@cometchat-connection/core'
import type { InjectionKey } from 'vue'

/** The injection key under which the plugin `provide`s the engine. `inject(CometChatEngineKey)` reads it. */
export const CometChatEngineKey: InjectionKey<ConnectionEngine> = /* @__PURE__ */ Symbol('cometchat-engine')

/** Internal: provided (`true`) by the plugin when installed with `{ hydrate: true }`. */
export const HydrateKey: InjectionKey<boolean> = /* @__PURE__ */ Symbol('cometchat-hydrate')
