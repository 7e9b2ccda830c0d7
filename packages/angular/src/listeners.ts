import type { DestroyRef } from '@angular/core'
import { type ConnectionEngine, forwardListener, type ListenerKinds } from '@cometchat-connection/core'

/**
 * Adds `listener` to the engine's listeners of `kind` (core's `forwardListener`). The returned function
 * removes it; so does the destruction of any of `owners` (the caller's and the service's DestroyRef).
 */
export function addEngineListener(
  engine: ConnectionEngine | null,
  kind: keyof ListenerKinds,
  listener: object,
  owners: readonly DestroyRef[],
): () => void {
  const remove = engine ? forwardListener(engine, kind, () => listener) : () => {}
  const off = (): void => {
    remove()
    for (const unregister of unregisters) unregister()
  }
  const unregisters = owners.map((owner) => owner.onDestroy(off))
  return off
}
