import Link from '@docusaurus/Link'
import Layout from '@theme/Layout'
import type { ReactNode } from 'react'

const points = [
  ['Auto or manual', 'CometChat’s two connection modes, with the same names and error codes.'],
  ['Background rules', 'Closed at once in auto mode; a grace period kept alive by ping() in manual mode.'],
  [
    'Never stuck',
    'Backoff with full jitter, a heartbeat that finds half-open sockets, promises that always settle.',
  ],
  ['Every framework', 'Plain TypeScript, React, Vue, Angular, React Native and Node.'],
] as const

/** The landing page. */
export default function Home(): ReactNode {
  return (
    <Layout title="Home" description="A CometChat-compatible WebSocket connection engine">
      <main className="container margin-vert--xl">
        <h1>cometchat-connection</h1>
        <p className="hero__subtitle">
          Keeps a realtime chat app’s WebSocket connection right through login, logout, background and network
          loss — the way CometChat’s SDKs do.
        </p>
        <div className="margin-vert--lg">
          <Link className="button button--primary button--lg margin-right--md" to="/docs/getting-started">
            Get started
          </Link>
          <Link className="button button--secondary button--lg" to="/docs/playground">
            Open the playground
          </Link>
        </div>
        <div className="row">
          {points.map(([title, text]) => (
            <div key={title} className="col col--3 margin-bottom--md">
              <h2 className="margin-bottom--sm">{title}</h2>
              <p>{text}</p>
            </div>
          ))}
        </div>
      </main>
    </Layout>
  )
}
