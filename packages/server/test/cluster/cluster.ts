import { type ChildProcess, fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { socketUrlFor } from '@cometchat-connection/core'
import { afterEach } from 'vitest'
import { type StartServerOptions, startTcpBalancer, type TcpBalancer } from '../../src/index.js'
import type { TestRedis } from '../redis/redis-server.js'

const child = fileURLToPath(new URL('./server-child.mjs', import.meta.url))
const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url))

/** One server process of a {@link TestCluster}. */
export interface ClusterProcess {
  readonly child: ChildProcess
  /** Its own URL (not through the balancer). */
  readonly url: string
  /** Its own WebSocket URL. */
  readonly socketUrl: string
  readonly port: number
  /** Its presence id in Redis. */
  readonly processId: string
  /** Sends a command (see server-child.mjs) and resolves its result. */
  request<T>(cmd: string, fields?: Record<string, unknown>): Promise<T>
  /** Whether it still runs. */
  alive(): boolean
}

/** N server processes on one Redis behind a round-robin balancer. */
export interface TestCluster {
  /** The balancer's URL: what clients use. */
  readonly url: string
  readonly socketUrl: string
  readonly prefix: string
  readonly processes: ClusterProcess[]
  /** New connections through the balancer go only to these processes (by index), until called again. */
  route(indexes: readonly number[]): void
  /** Starts one more process and adds it to the balancer. */
  add(): Promise<ClusterProcess>
  /** `kill -9`: no goodbye to anyone. Removes it from the balancer. */
  kill(index: number): Promise<void>
  /** Sends a command to every live process; resolves their results. */
  all<T>(cmd: string, fields?: Record<string, unknown>): Promise<T[]>
  /** Users online in Redis (the cluster's truth). */
  onlineInRedis(): Promise<string[]>
  /** Stops everything (SIGKILL: fast; the key prefix is not reused). */
  close(): Promise<void>
}

let clusters = 0

/**
 * Starts `count` server processes (the built server, `dist/`) on `redis` with a fresh key prefix, and a
 * round-robin TCP balancer in front of them (in this process).
 */
export async function startCluster(
  redis: TestRedis,
  count: number,
  options: StartServerOptions = {},
): Promise<TestCluster> {
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run "pnpm build" in packages/server first`)
  const prefix = `cluster-${process.pid}-${++clusters}:`
  const serverOptions = {
    port: 0,
    // Short bounds keep the fault tests fast; every test states the timing it relies on.
    redis: { url: redis.url, prefix, presenceTtlMs: 1_500, commandTimeoutMs: 1_000 },
    closeGraceMs: 200,
    ...options,
  }
  const processes: ClusterProcess[] = []
  let balancer: TcpBalancer | null = null
  let only: readonly number[] | null = null
  const targets = () =>
    processes
      .filter((p, i) => p.alive() && (only === null || only.includes(i)))
      .map((p) => ({ port: p.port }))

  const spawnOne = () =>
    new Promise<ClusterProcess>((resolve, reject) => {
      const proc = fork(child, [JSON.stringify(serverOptions)], {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      })
      let stderr = ''
      proc.stderr?.on('data', (chunk) => {
        stderr += chunk
      })
      let nextId = 1
      const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
      let exited = false
      proc.once('exit', (code) => {
        exited = true
        for (const p of pending.values()) p.reject(new Error(`server process exited (${code})`))
        pending.clear()
        reject(new Error(`server process exited (${code}) before it was ready: ${stderr}`))
      })
      proc.on(
        'message',
        (msg: {
          ready?: boolean
          id?: number
          result?: unknown
          error?: string
          url?: string
          port?: number
          processId?: string
        }) => {
          if (msg.ready) {
            resolve({
              child: proc,
              url: msg.url ?? '',
              socketUrl: socketUrlFor(msg.url ?? '', 'demo-app'),
              port: msg.port ?? 0,
              processId: msg.processId ?? '',
              alive: () => !exited,
              request: <T>(cmd: string, fields: Record<string, unknown> = {}) =>
                new Promise<T>((res, rej) => {
                  if (exited) return rej(new Error('server process is gone'))
                  const id = nextId++
                  pending.set(id, { resolve: res as (v: unknown) => void, reject: rej })
                  proc.send({ id, cmd, ...fields })
                }),
            })
            return
          }
          const waiter = msg.id === undefined ? undefined : pending.get(msg.id)
          if (!waiter || msg.id === undefined) return
          pending.delete(msg.id)
          if (msg.error !== undefined) waiter.reject(new Error(msg.error))
          else waiter.resolve(msg.result)
        },
      )
    })

  const add = async () => {
    const proc = await spawnOne()
    processes.push(proc)
    balancer?.setTargets(targets())
    return proc
  }
  try {
    await Promise.all(Array.from({ length: count }, () => add()))
    balancer = await startTcpBalancer({ targets: targets() })
  } catch (error) {
    for (const p of processes) p.child.kill('SIGKILL')
    throw error
  }
  const url = `http://127.0.0.1:${balancer.port}`
  const client = redis.client()
  return {
    url,
    socketUrl: socketUrlFor(url, 'demo-app'),
    prefix,
    processes,
    route(indexes) {
      only = indexes
      balancer?.setTargets(targets())
    },
    add,
    async kill(index) {
      const proc = processes[index]
      if (!proc?.alive()) return
      const gone = new Promise((resolve) => proc.child.once('exit', resolve))
      proc.child.kill('SIGKILL')
      await gone
      balancer?.setTargets(targets())
    },
    all: <T>(cmd: string, fields?: Record<string, unknown>) =>
      Promise.all(processes.filter((p) => p.alive()).map((p) => p.request<T>(cmd, fields))),
    onlineInRedis: async () => (await client.hkeys(`${prefix}online-user`)).sort(),
    async close() {
      await balancer?.close()
      await Promise.all(
        processes
          .filter((p) => p.alive())
          .map((p) => {
            const gone = new Promise((resolve) => p.child.once('exit', resolve))
            p.child.kill('SIGKILL')
            return gone
          }),
      )
    },
  }
}

/** `start(count)` for tests: clusters on this file's Redis, each closed after its test. */
export function useClusters(redis: () => TestRedis): (count: number) => Promise<TestCluster> {
  const clusters: TestCluster[] = []
  afterEach(async () => {
    await Promise.all(clusters.splice(0).map((c) => c.close()))
  })
  return async (count) => {
    const c = await startCluster(redis(), count)
    clusters.push(c)
    return c
  }
}
