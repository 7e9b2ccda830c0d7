import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../src')

/** Every module reachable from `entry` through relative imports, with its bare (package) imports. */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  const visit = (file: string) => {
    if (graph.has(file)) return
    const text = readFileSync(file, 'utf8')
    const specifiers = [
      ...text.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g),
    ].map((m) => m[1] ?? m[2] ?? '')
    graph.set(
      file,
      specifiers.filter((s) => !s.startsWith('.')),
    )
    for (const s of specifiers.filter((s) => s.startsWith('.')))
      visit(resolve(dirname(file), s.replace(/\.js$/, '.ts')))
  }
  visit(entry)
  return graph
}

describe('browser safety of @cometchat-connection/server/protocol', () => {
  const graph = importGraph(join(src, 'browser.ts'))
  const relative = (file: string) => file.slice(src.length + 1)

  it('reaches the in-memory transport, the core and the memory store', () => {
    const files = [...graph.keys()].map(relative)
    expect(files).toContain('in-memory/in-memory-transport.ts')
    expect(files).toContain('protocol/realtime-server-core.ts')
    expect(files).toContain('store/memory-store.ts')
    expect(files.some((f) => f.startsWith('node/') || f.startsWith('redis/') || f === 'cli.ts')).toBe(false)
  })

  it('the folders import downwards only: in-memory → protocol → store → common, never back', () => {
    const floor: Record<string, number> = { common: 0, store: 1, protocol: 2, 'in-memory': 3 }
    for (const file of graph.keys()) {
      const from = relative(file).split('/')[0] ?? ''
      if (!(from in floor)) continue
      const text = readFileSync(file, 'utf8')
      for (const [, spec] of text.matchAll(/from\s+'(\.[^']+)'/g)) {
        const to = relative(resolve(dirname(file), spec ?? '')).split('/')[0] ?? ''
        expect(floor[to], `${relative(file)} imports ${spec}`).toBeLessThanOrEqual(floor[from] ?? -1)
      }
    }
  })

  it('imports nothing but @cometchat-connection/core (no ws, no Redis client, no node: modules)', () => {
    const bare = new Set([...graph.values()].flat())
    expect([...bare]).toEqual(['@cometchat-connection/core'])
  })

  it('the Redis client is imported only under redis/, and nothing under protocol/, store/ or in-memory/ imports redis/', () => {
    const importers: string[] = []
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) visit(path)
        else if (/from\s+'ioredis'/.test(readFileSync(path, 'utf8'))) importers.push(relative(path))
      }
    }
    visit(src)
    expect(importers.length).toBeGreaterThan(0)
    expect(importers.every((f) => f.startsWith('redis/'))).toBe(true)
    for (const file of graph.keys())
      expect(readFileSync(file, 'utf8'), relative(file)).not.toMatch(/from\s+'\.\.?\/(\.\.\/)?redis\//)
  })

  it('every source file under protocol/, in-memory/, store/ and common/ is covered by the check', () => {
    for (const dir of ['protocol', 'in-memory', 'store', 'common']) {
      for (const name of readdirSync(join(src, dir))) expect(graph.has(join(src, dir, name))).toBe(true)
    }
  })
})
