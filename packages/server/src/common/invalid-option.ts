import { CometChatException, ErrorCodes } from '@cometchat-connection/core'

/** The error for a bad server option: `ERR_INVALID_ARGUMENT`, naming the option and what it must be. */
export function invalidOption(name: string, expected: string, got: unknown): CometChatException {
  let shown: string
  try {
    shown = typeof got === 'string' ? JSON.stringify(got) : String(got)
  } catch {
    // String() throws for objects without a usable toString (Object.create(null)); the type still helps.
    shown = typeof got
  }
  return new CometChatException(
    ErrorCodes.INVALID_ARGUMENT,
    `Invalid ${name}: expected ${expected}, got ${shown}.`,
    {
      option: name,
      value: got,
    },
  )
}
