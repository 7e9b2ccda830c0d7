// What every reader of the numbers should know; printed after the table and kept in the JSON.
export const NOTES = [
  'Every library runs with its default options. In Node 20 (no global WebSocket) the engine, partysocket and reconnecting-websocket get `WebSocket: ws`, and phoenix gets `transport: ws`; socket.io-client brings its own.',
  'reconnecting-websocket draws its default minReconnectionDelay (1-5 s) once per module load, so every client of one process retries on the same schedule (each run is a fresh process, so runs differ).',
  'partysocket has no jitter: every client waits minReconnectionDelay (3 s) x 1.3^n, so all retry in the same instant.',
  'phoenix runs against a small Node server that answers its heartbeat and channel join (serializer v2), not against Phoenix (Elixir) itself.',
  '"Up" is what each library reports as ready: the engine, status `connected` (socket open and auth-ok); socket.io, `connect` (namespace joined); phoenix, the channel join answered ok; partysocket, reconnecting-websocket and ws, the WebSocket `open`.',
  'Connection attempts are counted in the server process as upgrade requests (socket.io: new sessions, its polling handshakes and upgrades without a sid).',
  "Inbound messages are written pre-encoded onto the server side of the socket, so the rate is the client library's path, not the server's encoding.",
  "The event loop runs between batches of send calls, untimed. The engine's sends go to its own user (its server needs a real receiver), so each one comes back as a message and an acknowledgement, handled there.",
  "The one-time costs are mostly machine code V8 compiles while the first clients connect, shared by all: for the engine, the HTTP logins (Node's fetch) and the connects, about 1.4 MB in a heap snapshot of 1,000 connected engines; divided among the clients, they make the second memory row fall as the number of clients grows. The engine's own part of the first row is its state, listeners, timer, socket handlers and the stream position its in-memory storage keeps for the user (it keeps no session: nothing else could read it).",
  'Each run is a fresh client process with its server in a child process of its own (one core each on a 2-core machine); the half-open trials of all libraries run at the same time, as their clients are idle.',
]
