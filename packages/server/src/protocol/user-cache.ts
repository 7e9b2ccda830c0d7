import type { WireUser } from '@cometchat-connection/core'
import type { UserDirectory } from '../store/user-directory.js'

/** Puts a deadline on a store answer (see `withDeadline`). */
export type Guard = <T>(value: T | Promise<T>, what: string) => T | Promise<T>

/**
 * The users this process knows, in front of the backend's {@link UserDirectory}. Users are never deleted,
 * so a user found once stays known: after the first message to a receiver, the check that they exist
 * costs no store call. A directory that answers at once (memory) is answered at once here too.
 */
export class UserCache {
  private readonly known = new Map<string, WireUser>()

  /**
   * @param directory - where users live
   * @param guard - the deadline every directory call gets
   */
  constructor(
    private readonly directory: UserDirectory,
    private readonly guard: Guard,
  ) {}

  /** Creates `user` on first use (the first name wins); resolves the stored user. */
  async ensure(user: WireUser): Promise<WireUser> {
    const cached = this.known.get(user.uid)
    if (cached) return cached
    const stored = await this.guard(this.directory.ensure(user), 'saving a user')
    this.known.set(stored.uid, stored)
    return stored
  }

  /** The user `uid` or undefined: at once when known or when the directory answers at once. */
  find(uid: string): WireUser | undefined | Promise<WireUser | undefined> {
    const cached = this.known.get(uid)
    if (cached) return cached
    const found = this.guard(this.directory.get(uid), 'looking up a user')
    const remember = (user: WireUser | undefined) => {
      if (user) this.known.set(user.uid, user)
      return user
    }
    return found instanceof Promise ? found.then(remember) : remember(found)
  }

  /** Saves a known user again (the store lost its data). */
  async restore(user: WireUser): Promise<void> {
    await this.guard(this.directory.ensure(user), 'saving a user')
  }

  /** Every user known here, copies. */
  list(): WireUser[] {
    return [...this.known.values()].map((user) => ({ ...user }))
  }
}
