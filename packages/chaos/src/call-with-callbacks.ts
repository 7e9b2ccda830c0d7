import type { Callbacks } from '@cometchat-connection/core'
import { codeOf } from './promise-tracker.js'

/**
 * Calls an engine method that takes optional callbacks. With `useCallbacks`, it passes them and checks
 * that they report what the returned promise reports, exactly once (I5); `onMismatch` hears otherwise.
 * Returns the method's promise.
 */
export function callWithCallbacks<T>(
  invoke: (callbacks?: Callbacks<T>) => Promise<T>,
  useCallbacks: boolean,
  onMismatch: (message: string) => void,
): Promise<T> {
  if (!useCallbacks) return invoke()
  const heard: Array<['value', unknown] | ['error', unknown]> = []
  const promise = invoke({
    onSuccess: (value) => heard.push(['value', value]),
    onError: (error) => heard.push(['error', error]),
  })
  // The callbacks run a microtask after the promise settles: compare in the next turn.
  const compare = (outcome: 'value' | 'error', result: unknown) =>
    setImmediate(() => {
      if (heard.length === 1 && heard[0]![0] === outcome && heard[0]![1] === result) return
      const got = heard.map(([o, r]) => `${o} ${codeOf(r)}`).join(' + ') || 'nothing'
      onMismatch(`the promise gave ${outcome} ${codeOf(result)}, the callbacks ${got} (I5)`)
    })
  promise.then(
    (value) => compare('value', value),
    (error: unknown) => compare('error', error),
  )
  return promise
}
