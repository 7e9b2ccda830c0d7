import { CloseCodes, type StreamPosition } from '@cometchat-connection/core'
import { CLOSE_SEND_BUFFER_FULL } from './send-buffer-full.js'

/** A live inbox event, held while its socket's stream is being opened. */
interface HeldEvent {
  readonly epoch: string
  readonly offset: number
  readonly text: string
}

/** Where a {@link SessionInbox} sends frames and, when it must, closes the socket. */
export interface InboxOutlet {
  send(text: string): void
  close(code: number, reason: string): void
}

/**
 * One socket's place in its user's inbox stream: the epoch and the offset of the last event sent to it.
 * From the moment the socket is registered for live events until its replay is done, live events are
 * held; afterwards each goes out unless the socket already has it. So an event is never sent twice, out
 * of order, or lost while a resume is read and replayed.
 */
export class SessionInbox {
  /** Live events that came while the stream was being opened; null once live. */
  private held: HeldEvent[] | null = null
  private epoch = ''
  private lastOffset = 0

  /**
   * @param maxHeld - most events held during a replay (an inbox's size: more cannot be caught up with)
   * @param outlet - the socket
   */
  constructor(
    private readonly maxHeld: number,
    private readonly outlet: InboxOutlet,
  ) {}

  /** Starts holding live events (the socket was just registered, its stream is about to be read). */
  hold(): void {
    this.held = []
  }

  /** The replay (if any) is done and the socket stands at `position`: held events after it go out, in order. */
  goLive(position: StreamPosition): void {
    const held = this.held ?? []
    this.held = null
    this.epoch = position.epoch
    this.lastOffset = position.offset
    for (const event of held) this.deliver(event.epoch, event.offset, event.text)
  }

  /**
   * A live event: its stream epoch, its offset and the ready `message` frame. Held while the stream is
   * being opened (past `maxHeld` the socket is closed with 1013: the client resumes and catches up);
   * afterwards sent unless the socket already has it. An event of another epoch means the stream was lost
   * meanwhile: the socket is closed with 1012 so the client reconnects, resumes and learns of the reset.
   */
  deliver(epoch: string, offset: number, text: string): void {
    if (this.held) {
      if (this.held.length >= this.maxHeld) this.outlet.close(CLOSE_SEND_BUFFER_FULL, 'send buffer full')
      else this.held.push({ epoch, offset, text })
      return
    }
    if (epoch !== this.epoch) {
      this.outlet.close(CloseCodes.SERVICE_RESTART, 'inbox stream reset')
      return
    }
    if (offset <= this.lastOffset) return
    this.lastOffset = offset
    this.outlet.send(text)
  }
}
