import { createFakeEngine } from '@cometchat-connection/core/testing'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CometChatProvider, useCometChatConnection } from '../index.js'

afterEach(cleanup)

function Status() {
  const { status, user } = useCometChatConnection()
  return <p data-testid="status">{`${status}:${user?.uid ?? 'nobody'}`}</p>
}
const shown = () => screen.getByTestId('status').textContent

describe.each([
  ['StrictMode', true],
  ['no StrictMode', false],
])('CometChatProvider starts the engine (%s)', (_name, strict) => {
  const wrap = (node: ReactNode) => (strict ? <StrictMode>{node}</StrictMode> : node)

  it('runs init() itself once mounted, so a saved session shows without the app calling it', async () => {
    const engine = createFakeEngine()
    render(
      wrap(
        <CometChatProvider engine={engine}>
          <Status />
        </CometChatProvider>,
      ),
    )
    expect(engine.calls.filter((c) => c.name === 'init').length).toBeGreaterThanOrEqual(1)
    expect(engine.calls.every((c) => c.name === 'init')).toBe(true)
  })

  it('a factory is called once, its engine survives re-renders and StrictMode, and is destroyed on unmount', async () => {
    const engines: ReturnType<typeof createFakeEngine>[] = []
    const factory = vi.fn(() => {
      const engine = createFakeEngine()
      engines.push(engine)
      return engine
    })
    const view = render(
      wrap(
        <CometChatProvider engine={factory}>
          <Status />
        </CometChatProvider>,
      ),
    )
    view.rerender(
      wrap(
        <CometChatProvider engine={factory}>
          <Status />
        </CometChatProvider>,
      ),
    )
    await act(() => Promise.resolve()) // StrictMode's trial unmount would destroy on a microtask
    expect(factory).toHaveBeenCalledTimes(1)
    const engine = engines[0]!
    expect(engine.destroyed).toBe(false)
    expect(engine.calls.some((c) => c.name === 'init')).toBe(true)
    await act(() => engine.login('alice', 'key'))
    await waitFor(() => expect(shown()).toBe('connected:alice'))
    view.unmount()
    await waitFor(() => expect(engine.destroyed).toBe(true))
  })

  it('an engine you pass is never destroyed by the provider', async () => {
    const engine = createFakeEngine()
    const view = render(
      wrap(
        <CometChatProvider engine={engine}>
          <Status />
        </CometChatProvider>,
      ),
    )
    view.unmount()
    await act(() => Promise.resolve())
    expect(engine.destroyed).toBe(false)
  })
})

describe('CometChatProvider', () => {
  it('an init() failure (unreadable saved session) is reported, not lost', async () => {
    const report = vi.fn()
    const original = globalThis.reportError
    globalThis.reportError = report
    try {
      const engine = createFakeEngine()
      engine.failNext('init', 'ERR_STORAGE_ERROR')
      render(
        <CometChatProvider engine={engine}>
          <Status />
        </CometChatProvider>,
      )
      await waitFor(() =>
        expect(report).toHaveBeenCalledWith(expect.objectContaining({ code: 'ERR_STORAGE_ERROR' })),
      )
    } finally {
      globalThis.reportError = original
    }
  })

  it('hydrating server HTML with a factory: no mismatch, then the factory runs once and the hooks follow its engine', async () => {
    const tree = (factory: () => ReturnType<typeof createFakeEngine>) => (
      <CometChatProvider engine={factory}>
        <Status />
      </CometChatProvider>
    )
    const serverFactory = vi.fn(() => createFakeEngine())
    const html = renderToString(tree(serverFactory))
    expect(serverFactory).not.toHaveBeenCalled()
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const engine = createFakeEngine({ user: 'alice' }) // a saved session the browser's engine has
    const factory = vi.fn(() => engine)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const root = await act(async () =>
      hydrateRoot(container, tree(factory), { onRecoverableError: (e) => errors(e) }),
    )
    await waitFor(() => expect(container.textContent).toBe('connected:alice'))
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
    expect(factory).toHaveBeenCalledTimes(1)
    expect(engine.calls.map((c) => c.name)).toContain('init')
    act(() => root.unmount())
    container.remove()
    await waitFor(() => expect(engine.destroyed).toBe(true))
  })
})
