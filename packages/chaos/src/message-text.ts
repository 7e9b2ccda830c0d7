/** Who sent a chaos message to whom, and its number in the sender's sequence. */
export interface MessageKey {
  readonly sender: string
  readonly receiver: string
  readonly seq: number
}

/**
 * The text of a chaos message: it names its sender, receiver and sequence number, so whatever arrives
 * (live, replayed, fetched, or a second copy the server stored under a new id) is known by its text.
 */
export const messageText = ({ sender, receiver, seq }: MessageKey): string =>
  `chaos ${sender}>${receiver} #${seq}`

/** The key of a chaos message's text, or null for any other text. */
export function parseMessageText(text: string): MessageKey | null {
  const match = /^chaos (\S+)>(\S+) #(\d+)$/.exec(text)
  return match ? { sender: match[1]!, receiver: match[2]!, seq: Number(match[3]) } : null
}
