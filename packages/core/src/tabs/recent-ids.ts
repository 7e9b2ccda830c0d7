/**
 * The ids a tab delivered lately, to drop a message it already delivered: the same message arrives
 * twice when a new leader resumes the stream from the position the former one last saved. Bounded: the
 * oldest id goes when `limit` is reached (a resume overlaps by a few messages, never by hundreds).
 */
export function recentIds(limit = 1000): (id: string) => boolean {
  const ids = new Set<string>()
  return (id) => {
    if (ids.has(id)) return false
    ids.add(id)
    if (ids.size > limit) ids.delete(ids.values().next().value as string)
    return true
  }
}
