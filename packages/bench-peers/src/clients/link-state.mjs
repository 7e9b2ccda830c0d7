// Turns a library's events into the two edges the scenarios time: up (connected, as the library
// defines it) and down (the library noticed the link is gone). Repeated events on the same side are
// ignored: a failed retry's close is no new "down".
import { wallNow } from '../clock.mjs'

/**
 * @typedef {object} LinkHooks
 * @property {(at: number) => void} [up]
 * @property {(at: number) => void} [down]
 * @property {(message: unknown) => void} [message] the app callback of the inbound scenario
 */

/** @param {LinkHooks} hooks */
export function linkState(hooks) {
  let isUp = false
  /** @type {() => void} */
  let firstUp
  const connected = new Promise((resolve) => {
    firstUp = () => resolve(undefined)
  })
  return {
    connected,
    up() {
      if (isUp) return
      isUp = true
      firstUp()
      hooks.up?.(wallNow())
    },
    down() {
      if (!isUp) return
      isUp = false
      hooks.down?.(wallNow())
    },
  }
}
