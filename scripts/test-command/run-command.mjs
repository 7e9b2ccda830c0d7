// Runs one command of the test command with its output passed through (and kept, for the counts).
// Colour off: escape sequences are stripped on the way, including those of logs that turbo replays
// from its cache (they keep the colours of the run that filled the cache).
import { spawn } from 'node:child_process'
import { stripAnsi } from './counts.mjs'

/** Resolves `{ code, output }` once the command exits; never rejects (a failure is a non-zero code). */
export function runCommand(command, args, { env, colour, cwd }) {
  console.log(`\n$ ${[command, ...args].join(' ')}`)
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const pass = (stream, target) => {
      let carry = '' // an escape sequence cut in two by the chunking waits for its end
      stream.setEncoding('utf8') // whole characters, never half a UTF-8 sequence
      stream.on('end', () => {
        output += carry
        target.write(carry)
      })
      stream.on('data', (chunk) => {
        let text = carry + chunk
        carry = ''
        if (!colour) {
          const cut = text.lastIndexOf('\u001b')
          if (cut >= 0 && text.length - cut < 32 && stripAnsi(text.slice(cut)) === text.slice(cut)) {
            carry = text.slice(cut)
            text = text.slice(0, cut)
          }
          text = stripAnsi(text)
        }
        output += text
        target.write(text)
      })
    }
    pass(child.stdout, process.stdout)
    pass(child.stderr, process.stderr)
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }))
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }))
  })
}
