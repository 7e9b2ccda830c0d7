/**
 * `@cometchat-connection/test-kit` (private): a real server for tests, a counting WebSocket, a pausable
 * TCP proxy for half-open faults, and controllable app state / network sources.
 *
 * @packageDocumentation
 */

export type { Controllable } from '@cometchat-connection/core'
export { createControllableAppState, createControllableNetwork } from '@cometchat-connection/core'
export type { ChromiumSession } from './chromium.js'
export { CHROMIUM_ARGS, launchChromium } from './chromium.js'
export type { CountingWebSocket } from './counting-web-socket.js'
export { createCountingWebSocket } from './counting-web-socket.js'
export type { TestServer } from './start-test-server.js'
export { startTestServer } from './start-test-server.js'
export type { StaticServer, StaticServerOptions } from './static-server.js'
export { serveStatic } from './static-server.js'
export type { TcpProxy } from './tcp-proxy.js'
export { startTcpProxy } from './tcp-proxy.js'
