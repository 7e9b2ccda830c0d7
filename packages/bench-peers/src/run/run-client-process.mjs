// Forks run/client-process.mjs for one scenario run and waits for its answer, bounded by `timeoutMs`.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const entry = fileURLToPath(new URL('./client-process.mjs', import.meta.url))

/**
 * @param {{ scenario: string, library: string, params: object, serverOptions?: object }} job
 * @param {number} timeoutMs
 * @returns {Promise<object>} the scenario's result; rejects with the child's error
 */
export function runClientProcess(job, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = fork(entry, [JSON.stringify(job)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let answer = null
    const timer = setTimeout(() => {
      answer ??= { ok: false, error: `${job.scenario}/${job.library}: no answer within ${timeoutMs} ms` }
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('message', (msg) => {
      answer ??= msg
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (answer?.ok) resolve(answer.result)
      else
        reject(new Error(answer?.error ?? `${job.scenario}/${job.library}: exited ${code} without an answer`))
    })
  })
}
