/** Something with `addEventListener`/`removeEventListener` (a window, a document). */
interface Target {
  addEventListener(type: string, fn: () => void): void
  removeEventListener(type: string, fn: () => void): void
}

/** Adds each `[target, type, fn]` listener; returns the function that removes them all. */
export function listen(entries: Array<[Target, string, () => void]>): () => void {
  for (const [target, type, fn] of entries) target.addEventListener(type, fn)
  return () => {
    for (const [target, type, fn] of entries) target.removeEventListener(type, fn)
  }
}
