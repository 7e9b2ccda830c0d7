import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  type CometChatErrorCode,
  CometChatException,
  type ErrorCode,
  ErrorCodes,
  isCometChatException,
} from '../errors.js'
import { SERVER_SNAPSHOT } from '../snapshot.js'
import type {
  ConnectionEngine,
  ConnectionSnapshot,
  PlatformOptions,
  User,
  WebSocketConstructorLike,
} from '../types.js'

describe('public types accept the WebSockets users have', () => {
  it("the browser's WebSocket type fits platform.WebSocket without a cast (tsc checks this file)", () => {
    // A compile-time check: this file fails `tsc` if the DOM WebSocket stops being assignable.
    const fromBrowser = (ctor: typeof globalThis.WebSocket): WebSocketConstructorLike => ctor
    const platform: PlatformOptions = { WebSocket: globalThis.WebSocket }
    expect(typeof fromBrowser).toBe('function')
    expect(platform.WebSocket).toBe(globalThis.WebSocket)
  })
})

// Compile-time checks (`tsc -p tsconfig.json`, part of `pnpm typecheck`): a wrong line fails the build,
// and each `@ts-expect-error` fails it when the mistake it marks starts to compile.
describe('types that catch mistakes', () => {
  it('the snapshot is narrowed by status: connecting or connected means a user', () => {
    const read = (snap: ConnectionSnapshot) => {
      if (snap.status === 'connected' || snap.status === 'connecting') {
        expectTypeOf(snap.user).toEqualTypeOf<User>()
        return snap.user.uid // no null check needed
      }
      expectTypeOf(snap.user).toEqualTypeOf<User | null>()
      // @ts-expect-error: while disconnected the user may be null
      const unchecked = () => snap.user.uid
      return typeof unchecked === 'function' ? (snap.user?.uid ?? null) : null
    }
    expect(read(SERVER_SNAPSHOT)).toBeNull() // disconnected, nobody logged in
  })

  it('error codes are a union: a misspelt code does not compile, a server code still fits', () => {
    const error = new CometChatException('ERR_AUTH_FAILED')
    expectTypeOf(error.code).toEqualTypeOf<CometChatErrorCode>()
    expectTypeOf<'ERR_AUTH_FAILED'>().toExtend<ErrorCode>()
    // @ts-expect-error: misspelt (ERR_AUTH_FAIL is no code)
    const misspelt: ErrorCode = 'ERR_AUTH_FAIL'
    // @ts-expect-error: isCometChatException takes known codes only
    isCometChatException(error, 'ERR_AUTH_FAIL')
    expect(isCometChatException(error, ErrorCodes.AUTH_FAILED)).toBe(true)
    const fromServer = new CometChatException('ERR_RATE_LIMITED_BY_PROXY') // open to server codes
    expect([misspelt, fromServer.code]).toEqual(['ERR_AUTH_FAIL', 'ERR_RATE_LIMITED_BY_PROXY'])
  })

  it('isCometChatException narrows unknown in a catch', () => {
    const caught: unknown = new CometChatException('ERR_NO_INTERNET')
    if (isCometChatException(caught)) expectTypeOf(caught).toEqualTypeOf<CometChatException>()
    expect(isCometChatException(caught, 'ERR_NO_INTERNET')).toBe(true)
  })

  it('login: { uid, authKey } or { authToken }, or the positional forms; half a credential does not compile', () => {
    const login = (() => Promise.resolve({ uid: 'a', name: 'a' })) as ConnectionEngine['login']
    expectTypeOf(login({ uid: 'alice', authKey: 'key' })).toEqualTypeOf<Promise<User>>()
    expectTypeOf(login({ authToken: 'token' })).toEqualTypeOf<Promise<User>>()
    expectTypeOf(login('alice', 'key')).toEqualTypeOf<Promise<User>>()
    expectTypeOf(login('token')).toEqualTypeOf<Promise<User>>()
    login({ uid: 'alice', authKey: 'key' }, { onSuccess: (user) => expectTypeOf(user).toEqualTypeOf<User>() })
    // @ts-expect-error: a uid needs the auth key
    login({ uid: 'alice' })
    // @ts-expect-error: an auth key alone is no credential
    login({ authKey: 'key' })
    // @ts-expect-error: the auth key is a string
    login({ uid: 'alice', authKey: 42 })
    // @ts-expect-error: the object form takes callbacks second, not an auth key
    login({ uid: 'alice', authKey: 'key' }, 'key')
    // @ts-expect-error: the two forms cannot be mixed
    login({ uid: 'alice', authKey: 'key', authToken: 'token' })
    // @ts-expect-error: a token with a uid is neither form
    login({ uid: 'alice', authToken: 'token' })
    expect(typeof login).toBe('function')
  })
})
