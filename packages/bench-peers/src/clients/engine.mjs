// This engine, as built in the workspace: createConnectionEngine with `ws` as its WebSocket and every
// other option at its default (auto mode; in Node: foreground, online, memory storage). Up = status
// `connected` (socket open and authenticated), down = onDisconnected.
import { AppSettingsBuilder, createConnectionEngine } from '@cometchat-connection/core'
import { WebSocket } from 'ws'
import { linkState } from './link-state.mjs'

/** @type {import('./library.mjs').Open} */
export default async function open({ port, index, hooks }) {
  const uid = `u${index}`
  const link = linkState(hooks)
  const engine = createConnectionEngine({
    appId: 'demo-app',
    settings: new AppSettingsBuilder().setServerUrl(`http://127.0.0.1:${port}`).build(),
    platform: { WebSocket },
  })
  engine.addConnectionListener('bench', { onConnected: link.up, onDisconnected: link.down })
  const onMessage = hooks.message
  if (onMessage) engine.addMessageListener('bench', { onTextMessageReceived: (m) => onMessage(m) })
  await engine.login(uid, 'demo-auth-key')
  await link.connected
  return {
    uid,
    close: () => engine.destroy(),
    /** @param {number} i */
    send: (i) => void engine.sendMessage(uid, `hello ${i}`).catch(() => {}),
    ready: async () => {},
  }
}
