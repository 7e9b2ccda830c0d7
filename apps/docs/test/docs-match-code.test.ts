// The docs state facts about the code (error codes, defaults). These tests keep them true.
import { readFileSync } from 'node:fs'
import { DEFAULT_SETTINGS, ErrorCodes } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'

const doc = (path: string) => readFileSync(new URL(`../docs/${path}`, import.meta.url), 'utf8')

describe('the docs match the code', () => {
  it('the errors page has a row for every error code, with its constant name', () => {
    const page = doc('concepts/errors.md')
    for (const [name, code] of Object.entries(ErrorCodes)) {
      expect(page, `ErrorCodes.${name}`).toContain(`| \`${name}\` | \`${code}\` |`)
    }
    const rows = page.split('\n').filter((l) => /^\| `[A-Z_]+` \| `[A-Z_]+` \|/.test(l))
    expect(rows).toHaveLength(Object.keys(ErrorCodes).length)
  })

  it('the reconnection page states the backoff and timing defaults', () => {
    const { backoff, stableAfter, connectTimeout } = DEFAULT_SETTINGS
    expect([backoff.initialMs, backoff.multiplier, backoff.maxMs, stableAfter, connectTimeout]).toEqual([
      1_000, 2, 4_000, 10_000, 10_000,
    ])
    const page = doc('concepts/reconnection.md')
    expect(page).toContain('| first bound `initialMs` | 1 s |')
    expect(page).toContain('| growth `multiplier` | ×2 |')
    expect(page).toContain('| cap `maxMs` | 4 s |')
    expect(page).toContain('| reset after a connection stayed up | 10 s |')
    expect(page).toContain('| one attempt may take (open + auth) | 10 s |')
    // The per-attempt bounds are initialMs × multiplier^n, capped.
    const bounds = Array.from({ length: 3 }, (_, n) =>
      Math.min(backoff.maxMs, backoff.initialMs * backoff.multiplier ** n),
    )
    const row = bounds.map((ms) => `${ms / 1000} s`).join(' | ')
    expect(page).toContain(`| bound | ${row} |`)
  })

  it('the heartbeat page states the detection bound (heartbeat interval + pong timeout)', () => {
    const { heartbeatInterval, pongTimeout } = DEFAULT_SETTINGS
    const page = doc('concepts/heartbeat.md')
    expect(page).toContain(`After **${heartbeatInterval / 1000} s**`)
    expect(page).toContain(`within **${pongTimeout / 1000} s** more`)
    expect(page).toContain(`within ${(heartbeatInterval + pongTimeout) / 1000} s`)
  })

  it('the delivery page states the send timeout and the reset reasons', () => {
    expect(DEFAULT_SETTINGS.sendTimeout).toBe(30_000)
    const page = doc('concepts/delivery.md')
    expect(page).toContain('(`setSendTimeout`, default 30 s)')
    for (const reason of ['epoch', 'window', 'position']) expect(page).toContain(`(\`'${reason}'\``)
    for (const code of ['ERR_SEND_TIMEOUT', 'ERR_NOT_CONNECTED', 'ERR_APP_IN_BACKGROUND', 'ERR_CANCELLED'])
      expect(page).toContain(`| \`${code}\` |`)
  })

  it('the background page states the default background timeout', () => {
    expect(DEFAULT_SETTINGS.backgroundTimeout).toBe(30_000)
    expect(doc('concepts/background.md')).toContain('(30 s by default')
  })

  it('the playground page embeds the component through BrowserOnly and lazy (no socket at build time)', () => {
    const embed = readFileSync(new URL('../src/components/PlaygroundEmbed.tsx', import.meta.url), 'utf8')
    expect(embed).toMatch(/lazy\(\(\) =>\s+import\('@cometchat-connection\/playground'\)/)
    expect(embed).toContain('<BrowserOnly')
    expect(doc('playground.mdx')).toContain('<PlaygroundEmbed />')
  })
})
