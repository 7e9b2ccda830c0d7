import type { DestroyRef } from '@angular/core'
import type { ConnectionEngine, MessageListener, UserListener } from '@cometchat-connection/core'

let seq = 0

/**
 * Adds `listener` to the engine's message or user listeners under a fresh id. The returned function
 * removes it; so does the destruction of any of `owners` (the caller's and the service's DestroyRef).
 */
export function addEngineListener(
  engine: ConnectionEngine | null,
  kind: 'Message' | 'User',
  listener: MessageListener & UserListener,
  owners: readonly DestroyRef[],
): () => void {
  const id = `ng-${++seq}`
  engine?.[`add${kind}Listener`](id, listener)
  const off = (): void => {
    engine?.[`remove${kind}Listener`](id)
    for (const unregister of unregisters) unregister()
  }
  const unregisters = owners.map((owner) => owner.onDestroy(off))
  return off
}
