// Rendered on the server (no DOM needed): the markup the view derives from the model.
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { LastError } from '../last-error.js'
import { Playground } from '../playground.js'
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
