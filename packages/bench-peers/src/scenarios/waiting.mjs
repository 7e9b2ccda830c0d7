// Bounded waiting: every wait of the bench ends, by its condition or by its deadline.

/**
 * @template T @param {Promise<T>} promise @param {number} ms @param {string} what
 * @returns {Promise<T>} rejects with "timed out: what" after `ms`
 */
export function withTimeout(promise, ms, what) {
  let timer
  const deadline = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

/**
 * A count that resolves `reached` when it gets to `target`, or when `ms` pass after `arm()`
 * (whichever comes first; `timedOut` tells which).
 * @param {number} target
 */
export function countdown(target) {
  let count = 0
  let timedOut = false
  let done
  const reached = new Promise((resolve) => {
    done = resolve
  })
  if (target <= 0) done()
  return {
    reached,
    get count() {
      return count
    },
    get timedOut() {
      return timedOut
    },
    tick() {
      if (++count === target) done()
    },
    /** @param {number} ms */
    arm(ms) {
      const timer = setTimeout(() => {
        timedOut = true
        done()
      }, ms)
      reached.then(() => clearTimeout(timer))
    },
  }
}
