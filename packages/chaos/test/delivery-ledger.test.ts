import type { TextMessage } from '@cometchat-connection/core'
import { describe, expect, it } from 'vitest'
import { DeliveryLedger } from '../src/delivery-ledger.js'

/** The message the server stores for a send, under `id`. */
const stored = (text: string, id: string): TextMessage => {
  const [, sender, receiver] = /^chaos (\S+)>(\S+) #/.exec(text)!
  return { id, sender: sender!, receiver: receiver!, text, sentAt: 0 }
}

/** Sends `seq` from a to b and has the server acknowledge it under `id`. */
function ackedSend(ledger: DeliveryLedger, seq: number, id: string): TextMessage {
  const text = ledger.sent({ sender: 'a', receiver: 'b', seq })
  const message = stored(text, id)
  expect(ledger.acked(text, message)).toBeNull()
  return message
}

describe('DeliveryLedger', () => {
  it('counts a message delivered once as delivered, and a replayed one as replayed', () => {
    const ledger = new DeliveryLedger()
    const m1 = ackedSend(ledger, 1, 'msg_p1_1')
    const m2 = ackedSend(ledger, 2, 'msg_p1_2')
    ledger.delivered('b', m1)
    ledger.delivered('b', { ...m2, replayed: true })
    const { figures, problems } = ledger.settle()
    expect(problems).toEqual([])
    expect(figures).toMatchObject({ sent: 2, acknowledged: 2, delivered: 2, replayed: 1, missing: 0 })
    expect(ledger.outstanding()).toBe(0)
  })

  it('reports an acknowledged message that never arrived as missing', () => {
    const ledger = new DeliveryLedger()
    ackedSend(ledger, 1, 'msg_p1_1')
    expect(ledger.outstanding()).toBe(1)
    const { figures, problems } = ledger.settle()
    expect(figures.missing).toBe(1)
    expect(problems.map((p) => p.kind)).toEqual(['message missing'])
  })

  it('reports the same message delivered twice, or stored twice by one server process', () => {
    const ledger = new DeliveryLedger()
    const m1 = ackedSend(ledger, 1, 'msg_p1_1')
    ledger.delivered('b', m1)
    ledger.delivered('b', m1)
    const m2 = ackedSend(ledger, 2, 'msg_p1_2')
    ledger.delivered('b', m2)
    ledger.delivered('b', { ...m2, id: 'msg_p1_3' })
    const { figures, problems } = ledger.settle()
    expect(figures.duplicated).toBe(2)
    expect(problems.map((p) => p.kind)).toEqual(['message duplicated', 'message duplicated'])
  })

  it('tells a second copy stored by a restarted server (new id prefix) apart from a duplicate', () => {
    const ledger = new DeliveryLedger()
    const m1 = ackedSend(ledger, 1, 'msg_p2_1')
    ledger.delivered('b', { ...m1, id: 'msg_p1_9' }) // stored by the old process before it was killed
    ledger.delivered('b', m1)
    const { figures, problems } = ledger.settle()
    expect(problems).toEqual([])
    expect(figures).toMatchObject({ delivered: 1, duplicatedAcrossRestart: 1, duplicated: 0 })
  })

  it('reports messages of a pair delivered out of their send order', () => {
    const ledger = new DeliveryLedger()
    const m1 = ackedSend(ledger, 1, 'msg_p1_1')
    const m2 = ackedSend(ledger, 2, 'msg_p1_2')
    ledger.delivered('b', m2)
    ledger.delivered('b', m1)
    const { figures, problems } = ledger.settle()
    expect(figures.outOfOrder).toBe(1)
    expect(problems.map((p) => p.kind)).toEqual(['message out of order'])
  })

  it('accepts a message fetched by the catch-up after a reset instead of delivered live', () => {
    const ledger = new DeliveryLedger()
    const m1 = ackedSend(ledger, 1, 'msg_p1_1')
    ledger.lost('b', 'window', 1000)
    expect(ledger.fetched('b', m1)).toBeNull()
    const { figures, problems } = ledger.settle()
    expect(problems).toEqual([])
    expect(figures).toMatchObject({ recoveredByHistory: 1, missing: 0 })
    expect(figures.continuityLost.get('window')).toBe(1)
  })

  it('explains a message lost with a killed server only when the receiver was told after that process ended', () => {
    const told = new DeliveryLedger()
    ackedSend(told, 1, 'msg_p1_1')
    told.processEnded('msg_p1', 5000)
    told.lost('b', 'epoch', 6000)
    expect(told.settle().figures).toMatchObject({ lostWithServer: 1, missing: 0 })

    const toldBefore = new DeliveryLedger()
    ackedSend(toldBefore, 1, 'msg_p1_1')
    toldBefore.lost('b', 'epoch', 4000)
    toldBefore.processEnded('msg_p1', 5000)
    expect(toldBefore.settle().figures).toMatchObject({ lostWithServer: 0, missing: 1 })

    const otherProcess = new DeliveryLedger()
    ackedSend(otherProcess, 1, 'msg_p2_1') // stored by a process that is still running
    otherProcess.processEnded('msg_p1', 5000)
    otherProcess.lost('b', 'epoch', 6000)
    expect(otherProcess.settle().figures).toMatchObject({ lostWithServer: 0, missing: 1 })
  })

  it('does not excuse a message its receiver could have got before the server process died', () => {
    const ledger = new DeliveryLedger((uid, from, to) => uid === 'b' && from === 1000 && to === 5000)
    const text = ledger.sent({ sender: 'a', receiver: 'b', seq: 1 })
    ledger.acked(text, stored(text, 'msg_p1_1'), 1000)
    ledger.processEnded('msg_p1', 5000)
    ledger.lost('b', 'epoch', 6000)
    const { figures, problems } = ledger.settle()
    expect(figures).toMatchObject({ lostWithServer: 0, missing: 1 })
    expect(problems[0]?.message).toContain('while b was connected and its path clear')
  })

  it('counts sends that were not acknowledged apart, by code, delivered or not', () => {
    const ledger = new DeliveryLedger()
    const t1 = ledger.sent({ sender: 'a', receiver: 'b', seq: 1 })
    const t2 = ledger.sent({ sender: 'a', receiver: 'b', seq: 2 })
    ledger.failed(t1, 'ERR_SEND_TIMEOUT')
    ledger.failed(t2, 'ERR_APP_IN_BACKGROUND')
    ledger.delivered('b', stored(t1, 'msg_p1_1')) // stored, but its ack was lost
    const { figures, problems } = ledger.settle()
    expect(problems).toEqual([])
    expect(figures).toMatchObject({ acknowledged: 0, unacknowledgedDelivered: 1, unacknowledgedMissing: 1 })
    expect([...figures.rejectedByCode]).toEqual([
      ['ERR_SEND_TIMEOUT', 1],
      ['ERR_APP_IN_BACKGROUND', 1],
    ])
  })

  it('refuses what is not a message for the receiver, and an acknowledgement of another message', () => {
    const ledger = new DeliveryLedger()
    const text = ledger.sent({ sender: 'a', receiver: 'b', seq: 1 })
    expect(ledger.delivered('c', stored(text, 'msg_p1_1'))?.kind).toBe('message malformed')
    expect(ledger.delivered('b', { ...stored(text, 'msg_p1_1'), text: 'hello' })?.kind).toBe(
      'message malformed',
    )
    expect(ledger.acked(text, { ...stored(text, 'msg_p1_1'), text: 'other' })?.kind).toBe('wrong outcome')
  })
})
