import type { AppStateSource, AppStateValue, NetworkSource } from '../types.js'

/** The part of React Native's `AppState` module the engine uses. */
export interface ReactNativeAppStateLike {
  currentState: string | null
  addEventListener(type: 'change', listener: (state: string) => void): { remove(): void }
}

/** The part of `@react-native-community/netinfo` the engine uses. */
export interface NetInfoLike {
  addEventListener(
    listener: (state: { isConnected: boolean | null; isInternetReachable?: boolean | null }) => void,
  ): () => void
}

// 'inactive' (iOS: the notification centre is pulled down, a call comes in) is still on screen:
// treating it as background would drop the socket for a glance at a notification.
const toAppState = (s: string | null): AppStateValue => (s === 'background' ? 'background' : 'foreground')

/**
 * An {@link AppStateSource} from React Native's `AppState`.
 *
 * @example
 * ```ts
 * import { AppState } from 'react-native'
 * const engine = createConnectionEngine({ appId, platform: { appState: reactNativeAppState(AppState) } })
 * ```
 */
export function reactNativeAppState(appState: ReactNativeAppStateLike): AppStateSource {
  return {
    current: () => toAppState(appState.currentState),
    subscribe(cb) {
      const sub = appState.addEventListener('change', (s) => cb(toAppState(s)))
      return () => sub.remove()
    },
  }
}

/**
 * A {@link NetworkSource} from NetInfo. NetInfo answers asynchronously, so until its first event
 * the device counts as online (an attempt then fails fast if it is not). `isConnected === false`
 * or `isInternetReachable === false` count as offline; `null` (unknown yet) does not.
 */
export function netInfoNetwork(netInfo: NetInfoLike): NetworkSource {
  let online = true
  const listeners = new Set<(online: boolean) => void>()
  let unsubscribe: (() => void) | null = null
  const onChange = (state: { isConnected: boolean | null; isInternetReachable?: boolean | null }) => {
    const next = state.isConnected !== false && state.isInternetReachable !== false
    if (next === online) return
    online = next
    for (const l of [...listeners]) l(next)
  }
  return {
    isOnline: () => online,
    subscribe(cb) {
      listeners.add(cb)
      unsubscribe ??= netInfo.addEventListener(onChange)
      return () => {
        listeners.delete(cb)
        if (listeners.size === 0 && unsubscribe) {
          unsubscribe()
          unsubscribe = null
        }
      }
    },
  }
}
