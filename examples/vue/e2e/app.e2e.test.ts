// The Vue example in real headless Chromium against the real server: login, background, foreground,
// manual mode. The scenario is test-kit's, shared with the React example (their pages have the same test ids).
import { fileURLToPath } from 'node:url'
import { describeExampleInChromium } from '@cometchat-connection/test-kit'

describeExampleInChromium('Vue example in Chromium', {
  root: fileURLToPath(new URL('..', import.meta.url)),
  screenshotPrefix: 'vue',
})
