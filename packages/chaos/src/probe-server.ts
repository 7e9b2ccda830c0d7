import {
  AppSettingsBuilder,
  createConnectionEngine,
  createControllableAppState,
  createControllableNetwork,
  createMemoryStorage,
  type WebSocketConstructorLike,
} from '@cometchat-connection/core'
import { WebSocket } from 'ws'

const PROBE_UID = 'chaos-probe'
const wsWebSocket: WebSocketConstructorLike = WebSocket

/** The prefix of a server-assigned message id: `msg_<process prefix>_<n>` → `msg_<process prefix>`. */
export function idPrefixOf(messageId: string): string {
  const match = /^(.*)_\d+$/.exec(messageId)
  return match ? match[1]! : messageId
}

/**
 * Checks a freshly started server end to end, directly (not through a proxy): a login, a socket, a
 * message to itself. Resolves with the prefix of the server's message ids, which names this server
 * process: a message's id says which process stored it, hence whether it died with that process.
 */
export async function probeServer(url: string, appId: string, authKey: string): Promise<string> {
  const appState = createControllableAppState('foreground')
  const network = createControllableNetwork(true)
  const engine = createConnectionEngine({
    appId,
    settings: new AppSettingsBuilder().setServerUrl(url).setHttpTimeout(5_000).setSendTimeout(5_000).build(),
    platform: { WebSocket: wsWebSocket, appState, network, storage: createMemoryStorage() },
  })
  try {
    await engine.login({ uid: PROBE_UID, authKey })
    const message = await engine.sendMessage(PROBE_UID, 'probe')
    await engine.logout()
    return idPrefixOf(message.id)
  } finally {
    engine.destroy()
  }
}
