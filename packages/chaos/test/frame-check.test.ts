import type { TextMessage } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { DeliveryLedger } from '../src/delivery-ledger.js'
import { checkChatFrame } from '../src/frame-check.js'
import { Violations } from '../src/violations.js'

const turn = () => new Promise((resolve) => setImmediate(resolve))

/** A ledger with one message from a to b, and its frame as the server sends it. */
function setup() {
  const ledger = new DeliveryLedger()
  const text = ledger.sent({ sender: 'a', receiver: 'b', seq: 1 })
  const message: TextMessage = { id: 'msg_p_1', sender: 'a', receiver: 'b', text, sentAt: 0 }
  return { ledger, message, frame: JSON.stringify({ type: 'message', message, offset: 1 }) }
}

describe('checkChatFrame', () => {
  it('reports a chat frame that reached an open socket and never reached the listener', async () => {
    const { ledger, frame } = setup()
    const violations = new Violations(0)
    checkChatFrame('b', frame, () => true, ledger, violations)
    await turn()
    expect(violations.byKind()).toEqual([['message dropped by the engine', 1]])
  })

  it('accepts it delivered in the same turn, already delivered before, or its socket closed (a gap)', async () => {
    const violations = new Violations(0)
    const delivered = setup()
    checkChatFrame('b', delivered.frame, () => true, delivered.ledger, violations)
    delivered.ledger.delivered('b', delivered.message)
    const duplicate = setup()
    duplicate.ledger.delivered('b', duplicate.message)
    checkChatFrame('b', duplicate.frame, () => true, duplicate.ledger, violations)
    const gap = setup()
    checkChatFrame('b', gap.frame, () => false, gap.ledger, violations)
    checkChatFrame('b', '{"type":"pong","id":"1"}', () => true, gap.ledger, violations)
    await turn()
    expect(violations.total()).toBe(0)
  })
})
