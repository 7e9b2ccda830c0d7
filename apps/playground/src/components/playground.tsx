import type { ReactNode } from 'react'
import { usePlayground } from '../hooks/use-playground.js'
import type { PlaygroundOptions } from '../model/controller.js'
import { serverUrlFromSearch } from '../model/server-url.js'
import { ChatPanel } from './chat-panel.js'
import { ConnectionPanel } from './connection-panel.js'
import { Countdowns } from './countdowns.js'
import { DeliveryPanel } from './delivery-panel.js'
import { EnvironmentPanel } from './environment-panel.js'
import { InboxWindowForm } from './inbox-window-form.js'
import { LastError } from './last-error.js'
import { PeerPanel } from './peer-panel.js'
import { PlaygroundStyles } from './playground-styles.js'
import { ServerPanel } from './server-panel.js'
import { SessionPanel } from './session-panel.js'
import { SettingsForm } from './settings-form.js'
import { SnapshotDetails } from './snapshot-details.js'
import { StateDiagram } from './state-diagram.js'
import { StatusBadge } from './status-badge.js'
import { TimelineView } from './timeline-view.js'

/**
 * Props of {@link Playground}: the controller's options. `serverUrl` left undefined is read from the
 * page's `?server=` query parameter; null forces the in-page server.
 */
export type PlaygroundProps = PlaygroundOptions

/**
 * The connection playground: drive one engine (login, connect, background, offline, server faults)
 * and watch its status, deadlines, state machine and listener events; a second user on a second
 * engine shows that nothing is lost: messages sent while you were away arrive once on return, marked
 * recovered; a send made while disconnected waits and is stored once; and an inbox window smaller than
 * the gap shows a lost continuity, which Catch up fills from what the server still keeps.
 *
 * Runs the server's protocol logic inside the page unless a real server URL is given. Nothing is
 * opened until the component mounts, so it is safe to import during server rendering (render it
 * only in the browser, e.g. Docusaurus's `<BrowserOnly>`).
 *
 * @example
 * ```tsx
 * createRoot(document.getElementById('root')!).render(<Playground />)
 * // against a real server:
 * <Playground serverUrl="http://127.0.0.1:4455" />
 * ```
 */
export function Playground(props: PlaygroundProps): ReactNode {
  const serverUrl =
    props.serverUrl !== undefined
      ? props.serverUrl
      : typeof location === 'undefined'
        ? null
        : serverUrlFromSearch(location.search)
  const [s, c] = usePlayground({ ...props, serverUrl })
  const snap = s.snapshot
  return (
    <section className="ccp" aria-label="Connection playground">
      <PlaygroundStyles />
      <header className="ccp-header">
        <span>Status</span>
        <StatusBadge status={snap.status} />
        <LastError error={s.lastError} />
      </header>
      <div className="ccp-grid">
        <section className="ccp-card">
          <h3>Session and connection</h3>
          <SessionPanel
            users={s.users}
            uid={s.uid}
            user={snap.user}
            onUidChange={c.setUid}
            onLogin={c.login}
            onLogout={c.logout}
          />
          <ConnectionPanel
            mode={s.mode}
            autoPing={s.autoPing}
            autoPingIntervalMs={s.autoPingIntervalMs}
            onConnect={c.connect}
            onDisconnect={c.disconnect}
            onPing={c.ping}
            onAutoPing={c.setAutoPing}
            onAutoPingInterval={c.setAutoPingInterval}
          />
        </section>
        <section className="ccp-card">
          <h3>Mode and environment</h3>
          <EnvironmentPanel
            mode={s.mode}
            appState={snap.appState}
            online={snap.online}
            onMode={c.setMode}
            onAppState={c.setAppState}
            onOnline={c.setOnline}
          />
          <SettingsForm
            timings={{
              backgroundTimeoutMs: s.backgroundTimeoutMs,
              heartbeatIntervalMs: s.heartbeatIntervalMs,
              pongTimeoutMs: s.pongTimeoutMs,
            }}
            onApply={c.setTimings}
          />
        </section>
        <section className="ccp-card">
          <h3>Server</h3>
          <ServerPanel
            transport={s.transport}
            serverUrl={s.serverUrl}
            running={s.serverRunning}
            stalled={s.linkStalled}
            heartbeatBoundMs={s.heartbeatIntervalMs + s.pongTimeoutMs}
            onDrop={c.dropConnections}
            onThrottle={c.sendThrottleNotice}
            onStop={c.stopServer}
            onStart={c.startServer}
            onStall={c.setLinkStalled}
          />
        </section>
        <section className="ccp-card">
          <h3>Delivery</h3>
          <DeliveryPanel
            recovery={snap.recovery}
            pendingSends={snap.pendingSends}
            continuity={s.continuity}
            catchUp={s.catchUp}
            onCatchUp={c.catchUp}
          />
          <InboxWindowForm inboxWindow={s.inboxWindow} onApply={c.setInboxWindow} />
        </section>
        <section className="ccp-card ccp-wide">
          <h3>State machine</h3>
          <StateDiagram status={snap.status} lastTransition={snap.lastTransition} />
          <Countdowns snapshot={snap} backgroundTimeoutMs={s.backgroundTimeoutMs} />
          <SnapshotDetails snapshot={snap} />
        </section>
        <section className="ccp-card">
          <h3>{snap.user ? `You (${snap.user.uid})` : 'You'}</h3>
          <ChatPanel
            peerUid={s.peerUid}
            presence={s.presence}
            inbox={s.inbox}
            sent={s.sent}
            sentCount={s.sentCount}
            onSend={c.sendMessage}
          />
        </section>
        <section className="ccp-card">
          <h3>Second user</h3>
          <PeerPanel
            peerUid={s.peerUid}
            snapshot={s.peerSnapshot}
            inbox={s.peerInbox}
            sentCount={s.peerSentCount}
            onLogin={c.peerLogin}
            onLogout={c.peerLogout}
            onSend={c.peerSendMessage}
          />
        </section>
      </div>
      <TimelineView entries={s.timeline} origin={s.startedAt} onClear={c.clearTimeline} />
    </section>
  )
}
