import { join } from 'node:path'
import type { ConnectionEngine } from '@cometchat-connection/core'
import {
  realEngineKit,
  type StaticServer,
  serveStatic,
  startTestServer,
  type TestServer,
} from '@cometchat-connection/test-kit'
import { afterAll, beforeAll } from 'vitest'
import { until } from './tab-pages.js'

/** What the browser scenarios run against. */
export interface ExampleServers {
  /** The real server. */
  readonly server: TestServer
  /** bob: a Node engine, connected, that sends alice her messages. */
  readonly bob: ConnectionEngine
  /** The built example's URL with the server's, and `query` (`&tabs=off` …). */
  url(query?: string): string
  /** Alice's sockets on the server: its count without bob's. */
  aliceSockets(): number
}

/**
 * For a vitest file: before all its tests, the real server, the built example (`root/dist`) served
 * statically, and bob logged in and connected; after them, all closed.
 */
export function useExampleServers(root: string): ExampleServers {
  let server: TestServer
  let site: StaticServer
  let bob: ConnectionEngine
  beforeAll(async () => {
    server = await startTestServer()
    site = await serveStatic(join(root, 'dist'))
    bob = realEngineKit(server).create()
    await bob.login('bob', server.authKey)
    await until('bob to connect', () => bob.getConnectionStatus() === 'connected')
  })
  afterAll(async () => {
    bob?.destroy()
    await site?.close()
    await server?.close()
  })
  return {
    get server() {
      return server
    },
    get bob() {
      return bob
    },
    url: (query = '') => `${site.url}/?server=${encodeURIComponent(server.url)}${query}`,
    aliceSockets: () => server.connectionCount() - 1,
  }
}
