import type { WireUser } from '@cometchat-connection/core'

/**
 * Who has an account: a user is created by their first development login and keeps their first name.
 * Every process of a cluster must see the same users (a message to a user who logged in on another
 * process is not to an unknown receiver), so the directory lives beside tokens and inboxes. Each method
 * may answer at once (memory) or with a promise (Redis).
 */
export interface UserDirectory {
  /** Creates `user` unless `user.uid` exists; resolves the stored user (the first name wins). */
  ensure(user: WireUser): WireUser | Promise<WireUser>
  /** The user `uid`, or undefined when nobody logged in as them yet. */
  get(uid: string): WireUser | undefined | Promise<WireUser | undefined>
}

/** The in-memory {@link UserDirectory}: a `Map`, answering at once. */
export function createMemoryUserDirectory(): UserDirectory {
  const users = new Map<string, WireUser>()
  return {
    ensure(user) {
      const known = users.get(user.uid)
      if (known) return known
      const stored = Object.freeze({ uid: user.uid, name: user.name })
      users.set(user.uid, stored)
      return stored
    },
    get(uid) {
      return users.get(uid)
    },
  }
}
