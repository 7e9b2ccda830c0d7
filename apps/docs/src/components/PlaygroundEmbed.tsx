import BrowserOnly from '@docusaurus/BrowserOnly'
import { lazy, type ReactNode, Suspense } from 'react'

// Loaded only in the browser: static generation renders the fallback and never imports the engine,
// so building the site opens no socket.
const Playground = lazy(() =>
  import('@cometchat-connection/playground').then((m) => ({ default: m.Playground })),
)

const loading = <p data-testid="playground-loading">Loading the playground…</p>

/**
 * The playground component of `@cometchat-connection/playground`, rendered only in the browser.
 * `?server=http://127.0.0.1:4455` in the page URL makes it use a real server.
 */
export default function PlaygroundEmbed(): ReactNode {
  return (
    <BrowserOnly fallback={loading}>
      {() => (
        <Suspense fallback={loading}>
          <Playground />
        </Suspense>
      )}
    </BrowserOnly>
  )
}
