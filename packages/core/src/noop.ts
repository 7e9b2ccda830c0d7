/**
 * Does nothing: an unsubscribe with nothing to undo, the handlers of a silenced socket, a rejection
 * that is ignored on purpose. One function for all, so a bundle carries one.
 */
export const noop = (): void => {}
