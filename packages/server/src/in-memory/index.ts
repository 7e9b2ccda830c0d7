export type { InMemoryTransport, InMemoryTransportOptions } from './in-memory-transport.js'
export { createInMemoryTransport } from './in-memory-transport.js'
