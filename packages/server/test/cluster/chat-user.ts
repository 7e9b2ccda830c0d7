import type { ContinuityLostInfo, ResumeInfo, TextMessage } from '@cometchat-connection/core'
import { createTestEngine, FAIL_AFTER_MS, type TestEngineOptions } from '../integration/engine-harness.js'

/**
 * A test engine logged in as `uid` and connected, recording what the app would see: messages, resumes
 * and continuity losses, with waits on them (failure bound {@link FAIL_AFTER_MS}).
 */
export async function chatUser(
  url: string,
  uid: string,
  options: TestEngineOptions & { login?: boolean } = {},
) {
  const t = await createTestEngine(url, options)
  const messages: TextMessage[] = []
  const resumes: ResumeInfo[] = []
  const losses: ContinuityLostInfo[] = []
  const watchers = new Set<() => void>()
  const changed = () => {
    for (const watcher of [...watchers]) watcher()
  }
  t.engine.addMessageListener('chat-user', {
    onTextMessageReceived: (message) => {
      messages.push(message)
      changed()
    },
  })
  t.engine.addConnectionListener('chat-user', {
    onResumed: (info) => {
      resumes.push(info)
      changed()
    },
    onContinuityLost: (info) => {
      losses.push(info)
      changed()
    },
  })
  if (options.login !== false) {
    await t.engine.login(uid, 'demo-auth-key')
    await t.status('connected')
  }
  return {
    ...t,
    uid,
    messages,
    resumes,
    losses,
    /** The texts received, in order. */
    texts: () => messages.map((m) => m.text),
    /** Resolves once `pred` holds (checked after every message, resume or loss). */
    waitFor(pred: () => boolean, what: string, failAfterMs = FAIL_AFTER_MS): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pred()) return
          clearTimeout(timer)
          watchers.delete(check)
          resolve()
        }
        const timer = setTimeout(() => {
          watchers.delete(check)
          reject(
            new Error(
              `${uid}: no ${what} within ${failAfterMs} ms; got ${JSON.stringify(messages.map((m) => m.text))}`,
            ),
          )
        }, failAfterMs)
        watchers.add(check)
        check()
      })
    },
  }
}

/** The type of {@link chatUser}'s result. */
export type ChatUser = Awaited<ReturnType<typeof chatUser>>

/** `['prefix0', 'prefix1', …]`. */
export const texts = (prefix: string, count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `${prefix}${from + i}`)
