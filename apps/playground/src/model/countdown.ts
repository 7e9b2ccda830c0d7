/**
 * The text of a live countdown to `deadline` (epoch ms): `1.4 s`, `12 s`, `due` once passed, and `—`
 * when there is none. Tenths below 10 s, whole seconds above: a 30 s background timeout and a 500 ms
 * backoff both read well.
 */
export function formatCountdown(deadline: number | null, now: number): string {
  if (deadline === null) return '—'
  const left = deadline - now
  if (left <= 0) return 'due'
  const seconds = left / 1000
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.ceil(seconds)} s`
}

/** How far along the countdown is, 0…1, for a progress bar; 0 without a deadline. */
export function countdownProgress(deadline: number | null, total: number, now: number): number {
  if (deadline === null || total <= 0) return 0
  return Math.min(1, Math.max(0, (deadline - now) / total))
}
