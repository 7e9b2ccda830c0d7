// The React example in real headless Chromium against the real server: the chat screen (login, send, who is
// online, a wrong key, background and back with the missed message recovered) and manual mode. The scenario is
// test-kit's, shared with the Vue and Angular examples (their pages have the same test ids).
import { fileURLToPath } from 'node:url'
import { describeExampleInChromium } from '@cometchat-connection/test-kit'

describeExampleInChromium('React example in Chromium', {
  root: fileURLToPath(new URL('..', import.meta.url)),
  screenshotPrefix: 'react',
})
