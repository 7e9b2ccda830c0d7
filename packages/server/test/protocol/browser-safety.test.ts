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
  const graph = importGraph(join(src, 'protocol/index.ts'))

  it('reaches the in-memory transport and the core', () => {
    const files = [...graph.keys()].map((f) => f.slice(src.length + 1))
    expect(files).toContain('in-memory/in-memory-transport.ts')
    expect(files).toContain('protocol/realtime-server-core.ts')
    expect(files.some((f) => f.startsWith('node/') || f === 'cli.ts')).toBe(false)
  })

  it('imports nothing but @cometchat-connection/core (no ws, no node: modules)', () => {
    const bare = new Set([...graph.values()].flat())
    expect([...bare]).toEqual(['@cometchat-connection/core'])
  })

  it('every source file under protocol/ and in-memory/ is covered by the check', () => {
    for (const dir of ['protocol', 'in-memory']) {
      for (const name of readdirSync(join(src, dir))) expect(graph.has(join(src, dir, name))).toBe(true)
    }
  })
})
