import { useEffect, useState } from 'react'

/**
 * The current time, re-rendering every `intervalMs` while `active` (a countdown is shown), and not at
 * all otherwise, so an idle playground costs no timer.
 */
export function useNow(active: boolean, intervalMs = 100): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    setNow(Date.now())
    const id = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(id)
  }, [active, intervalMs])
  return now
}
