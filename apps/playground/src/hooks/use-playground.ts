import { useEffect, useState, useSyncExternalStore } from 'react'
import {
  createPlaygroundController,
  type PlaygroundController,
  type PlaygroundOptions,
} from '../model/controller.js'
import type { PlaygroundState } from '../model/state.js'

/**
 * Creates the playground's controller once per mount, starts it in an effect (so server rendering
 * and static generation open nothing) and disposes it on unmount. Returns its state and the controller.
 */
export function usePlayground(options: PlaygroundOptions): [PlaygroundState, PlaygroundController] {
  // Constructing a controller opens nothing, so StrictMode's second initialiser call is harmless.
  const [controller] = useState(() => createPlaygroundController(options))
  useEffect(() => {
    controller.start()
    return () => controller.dispose()
  }, [controller])
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState)
  return [state, controller]
}
