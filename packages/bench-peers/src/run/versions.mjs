// The versions the run measured: each library's installed package.json, and the workspace commit the
// engine and the server were built from (with "modified" when their sources differ from it).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const packageDir = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(`${packageDir}/package.json`)

/** @param {string} name @returns {string} the installed version */
export function installedVersion(name) {
  // Some packages do not export ./package.json: find it next to the resolved entry instead.
  let dir = require.resolve(name).replace(/\/[^/]*$/, '')
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'))
      if (pkg.name === name) return pkg.version
    } catch {
      // not here: look one folder up
    }
    dir = dir.replace(/\/[^/]*$/, '')
  }
  return 'unknown'
}

/** @returns {{ commit: string, modified: boolean }} */
export function workspaceCommit() {
  const git = (...args) => execFileSync('git', args, { cwd: packageDir, encoding: 'utf8' }).trim()
  try {
    const commit = git('rev-parse', '--short', 'HEAD')
    const modified = git('status', '--porcelain', '--', '../core/src', '../server/src') !== ''
    return { commit, modified }
  } catch {
    return { commit: 'unknown', modified: false }
  }
}
