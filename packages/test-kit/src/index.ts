/**
 * `@cometchat-connection/test-kit` (private): what the packages' tests share. A real server, real
 * engines against it, a counting WebSocket, a fake engine for adapter unit tests, a browser-globals trap
 * for server rendering, a pausable TCP proxy for half-open faults, controllable app state / network,
 * and the browser side: Chromium, a static server and the examples' shared scenario.
 *
 * @packageDocumentation
 */

export type { Controllable } from '@cometchat-connection/core'
export { createControllableAppState, createControllableNetwork } from '@cometchat-connection/core'
export type { BrowserGlobalsTrap } from './browser-globals.js'
export { BROWSER_GLOBALS, trapBrowserGlobals } from './browser-globals.js'
export type { ChromiumSession } from './chromium.js'
export { CHROMIUM_ARGS, launchChromium } from './chromium.js'
export type { CountingWebSocket } from './counting-web-socket.js'
export { createCountingWebSocket } from './counting-web-socket.js'
export type { ExampleScenarioOptions } from './example-scenario.js'
export { describeExampleInChromium } from './example-scenario.js'
export type { FakeEngine, FakeEngineOptions } from './fake-engine.js'
export { createFakeEngine, textMessage } from './fake-engine.js'
export type { FakeEngineKit } from './fake-engine-kit.js'
export { fakeEngineKit } from './fake-engine-kit.js'
export { InertWebSocket } from './inert-web-socket.js'
export type { EngineUsage } from './instrument-engine.js'
export { instrumentEngine } from './instrument-engine.js'
export type { ObservedPage } from './observed-page.js'
export { openObservedPage } from './observed-page.js'
export { setPageVisibility } from './page-visibility.js'
export type { RawResponse } from './raw-request.js'
export { rawRequest } from './raw-request.js'
export type { EngineServer, RealEngine, RealEngineKit, RealEngineOptions } from './real-engine-kit.js'
export { realEngineKit, realEnginesPerTest } from './real-engine-kit.js'
export type { ServerRender } from './render-on-server.js'
export { renderOnServer } from './render-on-server.js'
export type { TestServer } from './start-test-server.js'
export { startTestServer } from './start-test-server.js'
export type { StaticServer, StaticServerOptions } from './static-server.js'
export { badPath, serveStatic } from './static-server.js'
export type { TcpProxy } from './tcp-proxy.js'
export { startTcpProxy } from './tcp-proxy.js'
