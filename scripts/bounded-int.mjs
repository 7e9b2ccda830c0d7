// A benchmark's integer setting from the environment, bounded: anything else exits 2 with a message.

/**
 * @param {string} name the environment variable
 * @param {number} fallback its value when unset
 * @param {number} min
 * @param {number} max
 * @returns {number}
 */
export function boundedInt(name, fallback, min, max) {
  const raw = process.env[name]
  const value = raw === undefined ? fallback : Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} must be an integer in ${min}-${max}; got ${raw}`)
    process.exit(2)
  }
  return value
}
