import { CometChatException } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { callWithCallbacks } from '../src/call-with-callbacks.js'

const turn = () => new Promise((resolve) => setImmediate(resolve))

describe('callWithCallbacks', () => {
  it('finds nothing when the callbacks report what the promise does, once', async () => {
    const mismatches: string[] = []
    const honest =
      <T>(outcome: Promise<T>) =>
      (cb?: { onSuccess?(v: T): void; onError?(e: unknown): void }) => {
        outcome.then(
          (v) => cb?.onSuccess?.(v),
          (e) => cb?.onError?.(e),
        )
        return outcome
      }
    await callWithCallbacks(honest(Promise.resolve(1)), true, (m) => mismatches.push(m))
    const error = new CometChatException('ERR_NOT_LOGGED_IN', 'log in first')
    await callWithCallbacks(honest(Promise.reject(error)), true, (m) => mismatches.push(m)).catch(() => {})
    await turn()
    expect(mismatches).toEqual([])
  })

  it('reports callbacks that stay silent, disagree, or run twice (I5)', async () => {
    const mismatches: string[] = []
    const report = (m: string) => mismatches.push(m)
    await callWithCallbacks(() => Promise.resolve('x'), true, report)
    await callWithCallbacks<string>(
      (cb) => {
        cb?.onError?.(new CometChatException('ERR_CANCELLED', 'no'))
        return Promise.resolve('x')
      },
      true,
      report,
    )
    await callWithCallbacks<string>(
      (cb) => {
        cb?.onSuccess?.('x')
        cb?.onSuccess?.('x')
        return Promise.resolve('x')
      },
      true,
      report,
    )
    await turn()
    expect(mismatches).toEqual([
      'the promise gave value string, the callbacks nothing (I5)',
      'the promise gave value string, the callbacks error ERR_CANCELLED (I5)',
      'the promise gave value string, the callbacks value string + value string (I5)',
    ])
  })

  it('passes no callbacks when told not to', async () => {
    let given: unknown = 'unset'
    await callWithCallbacks(
      (cb) => {
        given = cb
        return Promise.resolve()
      },
      false,
      () => {},
    )
    expect(given).toBeUndefined()
  })
})
