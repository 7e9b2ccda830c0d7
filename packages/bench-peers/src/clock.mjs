// One time base for every process of a run: epoch milliseconds with sub-millisecond resolution
// (performance.timeOrigin is the epoch time the process started), so a server child's "back listening"
// and a client's "connected" can be subtracted.

/** @returns {number} epoch ms, fractional */
export const wallNow = () => performance.timeOrigin + performance.now()

/** @param {number} ms @returns {Promise<void>} */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
