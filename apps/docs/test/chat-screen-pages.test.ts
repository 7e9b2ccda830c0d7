// The "Build a chat screen" pages are the example apps' code, and the migration page's "ports unchanged"
// table names what the CometChat facade really has. These tests keep both true.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CometChat, CometChatTextMessage, CometChatUser } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { EXAMPLE_FILES, examplePartials, partialName } from '../scripts/include-examples.mjs'
import sidebars from '../sidebars'

const repo = fileURLToPath(new URL('../../../', import.meta.url))
const read = (path: string) => readFileSync(join(repo, path), 'utf8')
const doc = (path: string) => read(`apps/docs/docs/${path}`)

/** Every source file (.ts, .tsx, .vue) under `dir`, relative to `root`. */
function sources(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(root, path)
    return /\.(tsx?|vue)$/.test(entry.name) ? [relative(root, path)] : []
  })
}

describe.each(Object.entries(EXAMPLE_FILES))('the %s chat screen page', (example, files) => {
  it('shows every source file of the example app', () => {
    expect([...files].sort()).toEqual(
      sources(join(repo, 'examples', example))
        .filter((f) => f.startsWith('src/'))
        .sort(),
    )
  })

  it('includes each file exactly as it is, in one titled code block', () => {
    const partials = examplePartials((path: string) => read(path))
    for (const file of files) {
      const partial = partials.find((p) => p.to === partialName(example, file))
      const source = read(`examples/${example}/${file}`)
      expect(partial?.body, file).toContain(`title="examples/${example}/${file}"\n${source}`)
    }
  })

  it('renders each partial, and is in the sidebar', () => {
    const page = doc(`guides/chat-screen-${example}.mdx`)
    for (const file of files) {
      const imported = page.match(
        new RegExp(`import (\\w+) from '\\.\\./_generated/${partialName(example, file)}'`),
      )
      expect(imported, file).not.toBeNull()
      expect(page).toContain(`<${imported![1]} />`)
    }
    expect(JSON.stringify(sidebars)).toContain(`"guides/chat-screen-${example}"`)
  })
})

describe('the migration page', () => {
  const page = doc('migrating.md')
  const unchanged = page.slice(page.indexOf('## What ports unchanged'), page.indexOf('## What does not port'))

  it('every CometChat static it says ports unchanged exists on the facade', () => {
    const names = [...unchanged.matchAll(/CometChat\.(\w+)/g)].map((m) => m[1]!)
    expect(names.length).toBeGreaterThan(15)
    for (const name of new Set(names)) expect(CometChat, `CometChat.${name}`).toHaveProperty(name)
  })

  it("every User and TextMessage getter it lists exists on the facade's classes", () => {
    const row = (label: string) => unchanged.split('\n').find((l) => l.startsWith(`| \`${label}\`:`)) ?? ''
    const methods = (line: string) => [...line.matchAll(/`(\w+)\(\)`/g)].map((m) => m[1]!)
    const user = new CometChatUser('bob')
    const message = new CometChatTextMessage('bob', 'hi')
    expect(methods(row('User'))).toEqual(['getUid', 'getName', 'setName', 'getStatus', 'getLastActiveAt'])
    for (const name of methods(row('User'))) expect(user, name).toHaveProperty(name)
    for (const name of methods(row('TextMessage'))) expect(message, name).toHaveProperty(name)
    expect(methods(row('TextMessage'))).toHaveLength(6)
  })
})
