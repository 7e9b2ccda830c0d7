import type { ConnectionEngine, ConnectionMode } from '@cometchat-connection/core'
import { createCometChatConnection } from '@cometchat-connection/vue'
import { type App, createApp } from 'vue'
import ConnectionPanel from './ConnectionPanel.vue'
import { createEngine } from './engine.js'
import './styles.css'

let app: App | undefined
let engine: ConnectionEngine | undefined

/** The engine lives as long as the app: switching the mode re-creates both. */
function start(mode: ConnectionMode): void {
  app?.unmount()
  engine?.destroy()
  engine = createEngine(mode)
  app = createApp(ConnectionPanel, { onSwitchMode: () => start(mode === 'auto' ? 'manual' : 'auto') })
  app.use(createCometChatConnection(engine)).mount('#app')
}

start('auto')
