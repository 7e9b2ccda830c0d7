// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { browserLifecycle, type PageLifecycleEvent } from '../ports.js'

// The page's life as the browser tells it: a frozen page and one going into the back-forward cache must
// give up the lock (`suspend`); one being unloaded says goodbye (`close`).

const fire = (target: EventTarget, type: string, persisted?: boolean) => {
  const event = new Event(type)
  if (persisted !== undefined) Object.defineProperty(event, 'persisted', { value: persisted })
  target.dispatchEvent(event)
}

describe('browserLifecycle()', () => {
  it('maps freeze/resume and pagehide/pageshow (persisted or not) and detaches on unsubscribe', () => {
    const seen: PageLifecycleEvent[] = []
    const stop = browserLifecycle().subscribe((e) => seen.push(e))
    fire(document, 'freeze')
    fire(document, 'resume')
    fire(window, 'pagehide', true)
    fire(window, 'pageshow', true)
    fire(window, 'pageshow', false) // a fresh load: nothing to resume
    fire(window, 'pagehide', false)
    expect(seen).toEqual(['suspend', 'resume', 'suspend', 'resume', 'close'])
    stop()
    fire(document, 'freeze')
    expect(seen).toHaveLength(5)
  })
})
