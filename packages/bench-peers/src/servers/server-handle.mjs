// The client process's handle on its server child: fork, request/answer over IPC, kill.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const entry = fileURLToPath(new URL('./server-process.mjs', import.meta.url))

/**
 * Starts a server of `kind` in a child process and lets it listen on a free port.
 * @param {string} kind @param {object} [options]
 * @returns {Promise<{ port: number, stopNote: string, request: (cmd: string, args?: object) => Promise<any>, close: () => Promise<void> }>}
 */
export async function startServerChild(kind, options = {}) {
  const child = fork(entry, [kind, JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let nextId = 1
  const pending = new Map()
  const exited = new Promise((resolve) => child.once('exit', resolve))
  // The child says when its IPC listener is attached; a message sent earlier could be lost.
  const ready = new Promise((resolve, reject) => {
    child.on('message', (msg) => msg.ready && resolve(undefined))
    child.once('exit', (code) =>
      reject(new Error(`server child (${kind}) exited (${code}) before it was ready`)),
    )
  })
  child.on('message', (msg) => {
    const waiter = pending.get(msg.id)
    if (!waiter) return
    pending.delete(msg.id)
    if (msg.ok) waiter.resolve(msg.value)
    else waiter.reject(new Error(`server child (${kind}): ${msg.error}`))
  })
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`server child (${kind}) exited (${code})`))
    pending.clear()
  })
  /** @param {string} cmd @param {object} [args] */
  const request = (cmd, args) =>
    new Promise((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve, reject })
      child.send({ id, cmd, args })
    })
  await ready
  const { port, stopNote } = await request('start')
  return {
    port,
    stopNote,
    request,
    async close() {
      if (child.exitCode === null) {
        child.disconnect()
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
        await exited
        clearTimeout(timer)
      }
    },
  }
}
