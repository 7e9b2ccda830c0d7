/**
 * Where the Redis backend keeps everything, under one prefix (default `cometchat:<appId>:`), so several
 * apps or test runs can share a Redis without meeting:
 *
 * | key / channel            | type    | what                                                                   |
 * | ------------------------ | ------- | ---------------------------------------------------------------------- |
 * | `meta:<uid>`             | hash    | the inbox's epoch `e`, last offset `l`, last stored time `t`           |
 * | `inbox:<uid>`            | stream  | the inbox events, id `<offset>-0`, fields `t` (stored at), `i`, `m`    |
 * | `sent:<uid>`             | hash    | send id → what it stored (the dedupe window of sender `uid`)          |
 * | `sent-at:<uid>`          | zset    | send id scored by when it was used                                     |
 * | `users`                  | hash    | uid → display name                                                     |
 * | `token:<sha256>`         | string  | the token record (JSON), expiring with the token                       |
 * | `procs`                  | zset    | process id scored by when it counts as dead (Redis time, ms)           |
 * | `proc:<id>`              | set     | the uids with a socket on that process                                 |
 * | `online-n` / `-user` / `-at` | hash | per online uid: on how many processes, the user (JSON), since when  |
 * | `presence-seq`           | string  | the number of the last presence change                                 |
 * | `generation`             | string  | a random id: gone or replaced means Redis lost (or rolled back) its data |
 * | `clock`                  | string  | the number of appends ever stored (a smaller one: an older snapshot)   |
 * | channel `route:<uid>`    | pub/sub | live events of `uid`'s inbox: `<epoch> <offset> <message frame>`       |
 * | channel `presence`       | pub/sub | presence changes (JSON with `seq`)                                     |
 * | channel `revoked`        | pub/sub | revoked tokens                                                         |
 */
export class RedisKeys {
  /** @param prefix - prepended to every key and channel */
  constructor(readonly prefix: string) {}

  meta(uid: string): string {
    return `${this.prefix}meta:${uid}`
  }
  inbox(uid: string): string {
    return `${this.prefix}inbox:${uid}`
  }
  sent(uid: string): string {
    return `${this.prefix}sent:${uid}`
  }
  sentAt(uid: string): string {
    return `${this.prefix}sent-at:${uid}`
  }
  get users(): string {
    return `${this.prefix}users`
  }
  token(hash: string): string {
    return `${this.prefix}token:${hash}`
  }
  get procs(): string {
    return `${this.prefix}procs`
  }
  /** The prefix of `proc:<id>` (the sweep script builds the keys of dead processes from it). */
  get procPrefix(): string {
    return `${this.prefix}proc:`
  }
  proc(id: string): string {
    return `${this.procPrefix}${id}`
  }
  get onlineCount(): string {
    return `${this.prefix}online-n`
  }
  get onlineUser(): string {
    return `${this.prefix}online-user`
  }
  get onlineAt(): string {
    return `${this.prefix}online-at`
  }
  get presenceSeq(): string {
    return `${this.prefix}presence-seq`
  }
  get generation(): string {
    return `${this.prefix}generation`
  }
  get clock(): string {
    return `${this.prefix}clock`
  }
  /** The prefix of `route:<uid>` channels. */
  get routePrefix(): string {
    return `${this.prefix}route:`
  }
  route(uid: string): string {
    return `${this.routePrefix}${uid}`
  }
  get presenceChannel(): string {
    return `${this.prefix}presence`
  }
  get revokedChannel(): string {
    return `${this.prefix}revoked`
  }
}
