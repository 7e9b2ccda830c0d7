// The React example in real headless Chromium against the real server: login, background, foreground,
// manual mode. The scenario is test-kit's, shared with the Vue example (their pages have the same test ids).
import { fileURLToPath } from 'node:url'
import { describeExampleInChromium } from '@cometchat-connection/test-kit'

describeExampleInChromium('React example in Chromium', {
  root: fileURLToPath(new URL('..', import.meta.url)),
  screenshotPrefix: 'react',
})
