// Rendered on the server (no DOM needed): the markup the view derives from the model.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ChatList } from '../chat-list.js'
import { DeliveryPanel, describeCatchUp } from '../delivery-panel.js'
import { InboxWindowForm, parseInboxWindow } from '../inbox-window-form.js'
import { LastError } from '../last-error.js'
import { Playground } from '../playground.js'
import { SentList } from '../sent-list.js'
import { parseTimeout } from '../settings-form.js'
import { StateDiagram } from '../state-diagram.js'
import { StatusBadge } from '../status-badge.js'
import { ToggleGroup } from '../toggle-group.js'

describe('StateDiagram', () => {
  it('highlights the current node and the last transition, labelled with its event', () => {
    const html = renderToStaticMarkup(
      <StateDiagram
        status="connected"
        lastTransition={{ from: 'connecting', to: 'connected', event: 'socketMessage', at: 0 }}
      />,
    )
    expect(html).toContain('data-active="connected"')
    expect(html).toContain('data-edge="connecting-&gt;connected"')
    expect(html).toMatch(/class="ccp-node ccp-node-active ccp-node-connected" data-node="connected"/)
    expect(html).toMatch(/class="ccp-edge ccp-edge-active" data-edge="connecting-&gt;connected"/)
    expect(html).toContain('>socketMessage</text>')
    expect(html.match(/ccp-node-active/g)).toHaveLength(1)
    expect(html.match(/ccp-edge-active/g)).toHaveLength(1)
  })

  it('highlights no edge before the first transition', () => {
    const html = renderToStaticMarkup(<StateDiagram status="disconnected" lastTransition={null} />)
    expect(html).not.toContain('ccp-edge-active')
    expect(html).toContain('role="img"')
  })
})

describe('small views', () => {
  it('the status badge text is exactly the status, with its test hook', () => {
    expect(renderToStaticMarkup(<StatusBadge status="connecting" />)).toMatch(
      /<output[^>]*data-testid="status"[^>]*>connecting<\/output>/,
    )
  })

  it('the last error shows its code', () => {
    const html = renderToStaticMarkup(
      <LastError error={{ code: 'ERR_NO_INTERNET', message: 'No internet', source: 'connect()', at: 0 }} />,
    )
    expect(html).toContain('data-code="ERR_NO_INTERNET"')
    expect(html).toContain('<code>ERR_NO_INTERNET</code>')
    expect(html).toContain('data-state="current"')
    expect(html).not.toContain('past error')
  })

  it('the badge and the last-error box are named live regions', () => {
    expect(renderToStaticMarkup(<StatusBadge status="connected" />)).toContain(
      'aria-label="Connection status"',
    )
    const peer = renderToStaticMarkup(<StatusBadge status="connected" label="bob's connection status" />)
    expect(peer).toContain('aria-label="bob&#x27;s connection status"')
    const box = renderToStaticMarkup(<LastError error={null} />)
    expect(box).toMatch(/role="status"/)
    expect(box).toContain('aria-label="Last error"')
    expect(box).toContain('data-state="none"')
  })

  it('an error from before a recovery is shown as past, with when the connection came back', () => {
    const at = new Date(2026, 0, 1, 12, 0, 1).getTime()
    const error = {
      code: 'ERR_NO_INTERNET',
      message: 'No internet',
      source: 'connect()',
      at,
      recoveredAt: at + 2_000,
    }
    const html = renderToStaticMarkup(<LastError error={error} />)
    expect(html).toContain('data-state="past"')
    expect(html).toContain('class="ccp-last-error ccp-last-error-past"')
    expect(html).toContain('past error, connected again at 12:00:03')
  })

  it('a toggle group is one pressed button per choice', () => {
    const html = renderToStaticMarkup(
      <ToggleGroup
        label="App state"
        value="background"
        onChange={() => {}}
        options={[
          { value: 'foreground', label: 'Foreground' },
          { value: 'background', label: 'Background' },
        ]}
      />,
    )
    expect(html).toContain('<button type="button" aria-pressed="false">Foreground</button>')
    expect(html).toContain('<button type="button" aria-pressed="true">Background</button>')
  })

  it('the timeout field accepts whole numbers from 100 ms', () => {
    expect(parseTimeout('1500')).toBe(1500)
    expect(parseTimeout(' 100 ')).toBe(100)
    expect(parseTimeout('99')).toBeNull()
    expect(parseTimeout('1.5')).toBeNull()
    expect(parseTimeout('')).toBeNull()
    expect(parseTimeout('abc')).toBeNull()
  })
})

describe('delivery views', () => {
  const noop = () => {}

  it('the last resume, the pending sends and the continuity are named live regions', () => {
    const html = renderToStaticMarkup(
      <DeliveryPanel
        recovery={{ resumed: true, replayed: 2 }}
        pendingSends={1}
        continuity={null}
        catchUp={null}
        onCatchUp={noop}
      />,
    )
    expect(html).toMatch(/<output aria-label="Last resume"[^>]*>resumed, 2 replayed<\/output>/)
    expect(html).toMatch(/<output aria-label="Pending sends"[^>]*>1 waiting<\/output>/)
    expect(html).toMatch(/<output aria-label="Continuity"[^>]*><b>Continuity intact<\/b>/)
    expect(html).not.toContain('>Catch up</button>') // nothing to catch up while continuity is intact
  })

  it('a lost continuity shows its reason and the Catch up button; the result says what the server keeps', () => {
    const lost = { reason: 'window', lastDeliveredMessageId: 'msg_1', at: 0 } as const
    const html = renderToStaticMarkup(
      <DeliveryPanel
        recovery={{ resumed: false, reason: 'window' }}
        pendingSends={0}
        continuity={lost}
        catchUp={{ state: 'done', kept: 3, added: 2, truncated: true, at: 0 }}
        onCatchUp={noop}
      />,
    )
    expect(html).toContain('data-reason="window"')
    expect(html).toContain('more was missed than the server keeps')
    expect(html).toContain('<code>msg_1</code>')
    expect(html).toContain('>Catch up</button>')
    expect(html).toMatch(/<output aria-label="Catch-up result"[^>]*data-state="done"/)
    expect(html).toContain('the server still keeps 3 messages after the last delivered one; 2 added')
    expect(describeCatchUp({ state: 'fetching' })).toBe('fetching…')
    expect(describeCatchUp({ state: 'failed', code: 'ERR_X', message: 'no' })).toBe('failed: ERR_X: no')
    expect(describeCatchUp({ state: 'done', kept: 1, added: 0, truncated: false, at: 0 })).toBe(
      'the server still keeps 1 message after the last delivered one; 0 added to your messages (marked fetched).',
    )
    const fetching = renderToStaticMarkup(
      <DeliveryPanel
        recovery={null}
        pendingSends={0}
        continuity={lost}
        catchUp={{ state: 'fetching' }}
        onCatchUp={noop}
      />,
    )
    expect(fetching).toContain('disabled="">Catch up</button>')
  })

  it('received lines carry their mark: recovered when replayed, fetched when caught up, none when live', () => {
    const base = { from: 'bob', to: 'alice', sentAt: 0, at: 0 }
    const html = renderToStaticMarkup(
      <ChatList
        testId="inbox"
        label="Messages received"
        lines={[
          { ...base, id: 'a', text: 'one', source: 'live' },
          { ...base, id: 'b', text: 'two', source: 'replayed' },
          { ...base, id: 'c', text: 'three', source: 'fetched' },
        ]}
      />,
    )
    expect(html.match(/ccp-tag-recovered/g)).toHaveLength(1)
    expect(html.match(/ccp-tag-fetched/g)).toHaveLength(1)
    expect(html).toMatch(/data-source="live">(?:(?!<\/li>).)*one<\/span><\/li>/)
    expect(html).toMatch(/data-source="replayed">(?:(?!<\/li>).)*>recovered<\/span><\/li>/)
  })

  it('sent lines say waiting, stored or failed with the code', () => {
    const html = renderToStaticMarkup(
      <SentList
        lines={[
          { key: 1, to: 'bob', text: 'a', state: 'stored' },
          { key: 2, to: 'bob', text: 'b', state: 'waiting' },
          { key: 3, to: 'bob', text: 'c', state: 'failed', code: 'ERR_APP_IN_BACKGROUND' },
        ]}
      />,
    )
    expect(html).toContain('aria-label="Messages sent"')
    expect(html).toMatch(/data-state="waiting">(?:(?!<\/li>).)*>waiting<\/span>/)
    expect(html).toContain('>failed ERR_APP_IN_BACKGROUND</span>')
  })

  it('the inbox window field: whole numbers from 1; disabled with a real server', () => {
    expect(parseInboxWindow('3')).toBe(3)
    expect(parseInboxWindow(' 1 ')).toBe(1)
    for (const bad of ['0', '1.5', '', 'x']) expect(parseInboxWindow(bad)).toBeNull()
    const inPage = renderToStaticMarkup(<InboxWindowForm inboxWindow={1000} onApply={noop} />)
    expect(inPage).toContain('>Inbox window (messages)</label>')
    expect(inPage).toContain('in force: 1000')
    expect(inPage).toContain('<button type="submit">Restart server</button>')
    const remote = renderToStaticMarkup(<InboxWindowForm inboxWindow={null} onApply={noop} />)
    expect(remote).toContain('<button type="submit" disabled="">Restart server</button>')
    expect(remote).toContain('needs the in-page server')
  })
})

describe('Playground on the server', () => {
  it('renders disconnected and opens nothing (effects do not run in renderToString)', () => {
    const html = renderToStaticMarkup(<Playground serverUrl={null} />)
    expect(html).toMatch(/data-testid="status"[^>]*>disconnected</)
    for (const name of [
      'Login',
      'Logout',
      'Connect',
      'Disconnect',
      'Ping',
      'Drop connections',
      'Throttle notice',
    ]) {
      expect(html).toContain(`>${name}</button>`)
    }
    // The stall control is a switch named by its text, off, enabled for the in-page server.
    expect(html).toMatch(
      /<button type="button" role="switch" aria-checked="false" class="ccp-switch">(?:(?!<\/button>).)*Stall link \(half-open\)<\/button>/,
    )
    for (const label of ['Background timeout (ms)', 'Heartbeat interval (ms)', 'Pong timeout (ms)']) {
      expect(html).toContain(`>${label}</label>`)
    }
    expect(html).toMatch(/<input id="[^"]*-heartbeatIntervalMs"[^>]*value="5000"/)
    expect(html).toMatch(/<input id="[^"]*-pongTimeoutMs"[^>]*value="3000"/)
  })

  it('with a real server, the stall switch is disabled like the other server controls', () => {
    const html = renderToStaticMarkup(<Playground serverUrl="http://127.0.0.1:9" />)
    expect(html).toMatch(
      /<button type="button" role="switch" aria-checked="false" class="ccp-switch" disabled="">/,
    )
    expect(html).toContain('>Drop connections</button>')
    expect(html).toMatch(/disabled="">Drop connections<\/button>/)
    expect(html).toContain('server controls need the in-page server')
  })
})
