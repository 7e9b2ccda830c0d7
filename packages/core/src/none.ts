/**
 * The empty list that every engine's state shares, frozen: lists in the state are replaced, never
 * changed, so one empty array serves them all (memory per engine, issue #11).
 */
export const NONE: readonly never[] = Object.freeze([])
