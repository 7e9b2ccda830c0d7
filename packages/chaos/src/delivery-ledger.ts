import type { TextMessage } from '@cometchat-connection/core'
import { type MessageKey, messageText, parseMessageText } from './message-text.js'
import { idPrefixOf } from './probe-server.js'
import type { ViolationKind } from './violations.js'

/** One `sendMessage()` of the run. */
interface SendRecord {
  readonly key: MessageKey
  outcome: 'pending' | 'acked' | 'failed'
  code?: string
  /** The id the server stored it under (from the acknowledgement). */
  messageId?: string
  /** When the acknowledgement arrived, epoch ms. */
  ackedAt?: number
}

/** One copy handed to a receiver's message listener. */
interface Copy {
  readonly id: string
  readonly replayed: boolean
  /** Delivery order across the whole run. */
  readonly order: number
}

/** A problem the ledger found, for the run's violations. */
export interface LedgerProblem {
  readonly kind: ViolationKind
  readonly message: string
}

/** The delivery figures of a run ("Nothing is lost"). */
export interface DeliveryFigures {
  sent: number
  acknowledged: number
  /** Acknowledged and delivered exactly once by the message listener. */
  delivered: number
  /** …of which arrived in a resume's replay. */
  replayed: number
  /** Acknowledged, and the listener got it twice (the same id, or two ids from one server process). */
  duplicated: number
  /** Second copies stored by a restarted server (its send-id memory died with the old process). */
  duplicatedAcrossRestart: number
  /** Acknowledged, and delivered before an earlier message of the same sender to the same receiver. */
  outOfOrder: number
  /** Acknowledged, never delivered live, fetched by the catch-up after `onContinuityLost`. */
  recoveredByHistory: number
  /** Acknowledged by a server process that was then killed, before the receiver got it; the receiver was told (`onContinuityLost`, epoch). */
  lostWithServer: number
  /** Acknowledged, and neither delivered nor fetched nor explained: a violation. */
  missing: number
  /** Not acknowledged (rejected or timed out), yet delivered. */
  unacknowledgedDelivered: number
  /** Not acknowledged, not delivered. */
  unacknowledgedMissing: number
  /** Rejections of `sendMessage()` by error code. */
  rejectedByCode: Map<string, number>
  /** Resumes the receivers heard of (`onResumed`), and the events they announced. */
  resumes: number
  resumedEvents: number
  /** `onContinuityLost` by reason. */
  continuityLost: Map<string, number>
}

/**
 * Every message of the run: sent, acknowledged, delivered by a listener, fetched by a catch-up. At
 * the end it says, for each acknowledged message, whether it reached its receiver exactly once and
 * in order, or how it was recovered or explained, and finds the ones that were lost.
 */
export class DeliveryLedger {
  private readonly sends = new Map<string, SendRecord>()
  private readonly copies_ = new Map<string, Copy[]>()
  private readonly fetchedTexts = new Set<string>()
  /** Per receiver: when it heard `onContinuityLost` with reason `epoch`. */
  private readonly epochResets = new Map<string, number[]>()
  /** When the server process with each id prefix ended. */
  private readonly processEnds = new Map<string, number>()
  private readonly continuityLost = new Map<string, number>()
  private resumes = 0
  private resumedEvents = 0
  private order = 0

  /**
   * @param reachable - whether `uid` was connected with a clear path from `from` to `to` (epoch ms): then
   *   a message stored before `from` must have reached it, even if its server process died at `to`
   */
  constructor(private readonly reachable: (uid: string, from: number, to: number) => boolean = () => false) {}

  /** A `sendMessage()` is called; returns the text to send. */
  sent(key: MessageKey): string {
    const text = messageText(key)
    this.sends.set(text, { key, outcome: 'pending' })
    return text
  }

  /** The send resolved with the stored message. Returns a problem when the message is not what was sent. */
  acked(text: string, message: TextMessage, at = Date.now()): LedgerProblem | null {
    const record = this.sends.get(text)!
    record.outcome = 'acked'
    record.messageId = message.id
    record.ackedAt = at
    if (
      message.text === text &&
      message.receiver === record.key.receiver &&
      message.sender === record.key.sender
    )
      return null
    return {
      kind: 'wrong outcome',
      message: `sendMessage('${record.key.receiver}', '${text}') resolved with ${JSON.stringify(message)}`,
    }
  }

  /** The send rejected. */
  failed(text: string, code: string): void {
    const record = this.sends.get(text)!
    record.outcome = 'failed'
    record.code = code
  }

  /** `uid`'s message listener got `message`. Returns a problem when it is not a message for `uid`. */
  delivered(uid: string, message: TextMessage): LedgerProblem | null {
    const key = parseMessageText(message.text)
    if (!key || key.receiver !== uid || message.receiver !== uid || message.sender !== key.sender)
      return { kind: 'message malformed', message: `${uid}'s listener got ${JSON.stringify(message)}` }
    const list = this.copies_.get(message.text) ?? []
    list.push({ id: message.id, replayed: message.replayed === true, order: this.order++ })
    this.copies_.set(message.text, list)
    return null
  }

  /** How many times a listener got the message with this text so far. */
  copies(text: string): number {
    return this.copies_.get(text)?.length ?? 0
  }

  /** A catch-up (`fetchMessages`) of `uid` returned `message`. */
  fetched(uid: string, message: TextMessage): LedgerProblem | null {
    const key = parseMessageText(message.text)
    if (!key || key.receiver !== uid || message.receiver !== uid)
      return { kind: 'message malformed', message: `${uid}'s history page held ${JSON.stringify(message)}` }
    this.fetchedTexts.add(message.text)
    return null
  }

  /** `uid` heard `onContinuityLost` at `at` (epoch ms). */
  lost(uid: string, reason: string, at: number): void {
    this.continuityLost.set(reason, (this.continuityLost.get(reason) ?? 0) + 1)
    if (reason !== 'epoch') return
    const list = this.epochResets.get(uid) ?? []
    list.push(at)
    this.epochResets.set(uid, list)
  }

  /** `uid` heard `onResumed` with `replayed` events to come. */
  resumed(replayed: number): void {
    this.resumes++
    this.resumedEvents += replayed
  }

  /** The server process whose message ids start with `prefix` ended at `at` (epoch ms). */
  processEnded(prefix: string, at: number): void {
    this.processEnds.set(prefix, at)
  }

  /** Acknowledged messages not (yet) delivered, fetched or explained: what the drain waits for. */
  outstanding(): number {
    let n = 0
    for (const [text, record] of this.sends) if (this.fateOf(text, record) === 'missing') n++
    return n
  }

  /** The figures, and a problem for every message that broke the promise. */
  settle(): { figures: DeliveryFigures; problems: LedgerProblem[] } {
    const figures: DeliveryFigures = {
      sent: this.sends.size,
      acknowledged: 0,
      delivered: 0,
      replayed: 0,
      duplicated: 0,
      duplicatedAcrossRestart: 0,
      outOfOrder: 0,
      recoveredByHistory: 0,
      lostWithServer: 0,
      missing: 0,
      unacknowledgedDelivered: 0,
      unacknowledgedMissing: 0,
      rejectedByCode: new Map(),
      resumes: this.resumes,
      resumedEvents: this.resumedEvents,
      continuityLost: new Map(this.continuityLost),
    }
    const problems: LedgerProblem[] = []
    /** Per sender→receiver pair: first deliveries of acknowledged messages, as [order, seq, text]. */
    const pairs = new Map<string, Array<[number, number, string]>>()
    for (const [text, record] of this.sends) {
      const copies = this.copies_.get(text) ?? []
      if (record.outcome !== 'acked') {
        if (record.outcome === 'failed') {
          const code = record.code ?? '?'
          figures.rejectedByCode.set(code, (figures.rejectedByCode.get(code) ?? 0) + 1)
        }
        if (copies.length > 0) figures.unacknowledgedDelivered++
        else figures.unacknowledgedMissing++
        continue
      }
      figures.acknowledged++
      const fate = this.fateOf(text, record)
      if (fate === 'missing') {
        figures.missing++
        problems.push({ kind: 'message missing', message: this.describe(text, record) })
      } else if (fate === 'history') figures.recoveredByHistory++
      else if (fate === 'server') figures.lostWithServer++
      if (copies.length === 0) continue
      const first = copies[0]!
      const pair = `${record.key.sender}>${record.key.receiver}`
      const list = pairs.get(pair) ?? []
      list.push([first.order, record.key.seq, text])
      pairs.set(pair, list)
      if (copies.length === 1) {
        figures.delivered++
        if (first.replayed) figures.replayed++
        continue
      }
      const ids = copies.map((c) => c.id)
      const prefixes = ids.map(idPrefixOf)
      if (new Set(ids).size < ids.length || new Set(prefixes).size < prefixes.length) {
        figures.duplicated++
        problems.push({
          kind: 'message duplicated',
          message: `${this.describe(text, record)}: the listener got it ${copies.length} times (ids ${ids.join(', ')})`,
        })
      } else {
        figures.delivered++
        figures.duplicatedAcrossRestart++
      }
    }
    for (const [pair, list] of pairs) {
      list.sort((a, b) => a[0] - b[0])
      for (let i = 1; i < list.length; i++) {
        if (list[i]![1] > list[i - 1]![1]) continue
        figures.outOfOrder++
        problems.push({
          kind: 'message out of order',
          message: `${pair}: '${list[i]![2]}' was delivered after '${list[i - 1]![2]}'`,
        })
      }
    }
    return { figures, problems }
  }

  /**
   * What became of an acknowledged message: delivered by the listener, fetched after a reset
   * (`history`), stored by a process that was killed before the receiver got it and the receiver was told
   * (`server`), or `missing`. Null for a message that was not acknowledged.
   */
  private fateOf(text: string, record: SendRecord): 'listener' | 'history' | 'server' | 'missing' | null {
    if (record.outcome !== 'acked') return null
    if ((this.copies_.get(text)?.length ?? 0) > 0) return 'listener'
    if (this.fetchedTexts.has(text)) return 'history'
    const ended = this.processEnds.get(idPrefixOf(record.messageId!))
    const told =
      ended !== undefined && (this.epochResets.get(record.key.receiver) ?? []).some((at) => at >= ended)
    // Died with its process, unless the receiver was connected and reachable all the while between.
    return told && !this.reachable(record.key.receiver, record.ackedAt!, ended) ? 'server' : 'missing'
  }

  private describe(text: string, record: SendRecord): string {
    const { receiver } = record.key
    const resets = this.epochResets.get(receiver)?.length ?? 0
    const ended = this.processEnds.get(idPrefixOf(record.messageId!))
    const died =
      ended === undefined
        ? 'its server process still ran at the end'
        : `its server process ended ${ended - record.ackedAt!} ms after the ack${this.reachable(receiver, record.ackedAt!, ended) ? `, while ${receiver} was connected and its path clear` : ''}`
    return `'${text}' (stored as ${record.messageId}; ${died}; ${receiver} heard ${resets} epoch reset(s))`
  }
}
