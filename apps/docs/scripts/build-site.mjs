// The docs build (`pnpm build`): prepare-docs, then `docusaurus build`, guarded so that one failed
// build can never break the next ones.
//
// Why: the bundler's persistent cache (rspack, in node_modules/.cache/rspack; on with Docusaurus
// Faster) records a module that was missing when a build failed, and every later build keeps failing
// with "Can't resolve '@cometchat-connection/playground'" even after the playground is built, until
// the folder is removed by hand. That happened whenever the docs were built before the playground
// (`pnpm --filter ./apps/docs... run build` is not topological). So:
//   1. the build fails fast, before the bundler runs, when a workspace package it bundles is not
//      built yet, and says what to run;
//   2. when `docusaurus build` fails anyway (or is interrupted), the persistent cache is removed, so
//      the next build starts clean. A good build keeps the cache (it saves ~5 s of ~20 s here).
import { spawn } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

const site = fileURLToPath(new URL('..', import.meta.url))

/** The bundler's persistent cache of this site. */
export const CACHE_DIR = `${site}node_modules/.cache/rspack`

/** Workspace packages the site bundles, each with the built file it needs. */
export const BUNDLED_PACKAGES = [{ name: '@cometchat-connection/playground', entry: 'dist/lib/index.js' }]

/**
 * The bundled workspace packages that are not built, as a message saying what to run, or null when
 * all are built. `packageDir(name)` finds a package's folder (resolved from this site by default).
 *
 * @param {ReadonlyArray<{ name: string, entry: string }>} [packages]
 * @param {(name: string) => string | null} [packageDir]
 * @returns {string | null}
 */
export function missingPackages(packages = BUNDLED_PACKAGES, packageDir = defaultPackageDir) {
  const missing = packages.filter(({ name, entry }) => {
    const dir = packageDir(name)
    return dir === null || !existsSync(`${dir}/${entry}`)
  })
  if (missing.length === 0) return null
  const names = missing.map((p) => p.name).join(', ')
  return `${names} is not built yet, and the site bundles it. Build the site with its dependencies: pnpm --filter @cometchat-connection/docs... build (turbo builds them in order), or pnpm --filter ${missing[0]?.name} build first.`
}

function defaultPackageDir(name) {
  try {
    return fileURLToPath(
      new URL('.', pathToFileURL(createRequire(`${site}package.json`).resolve(`${name}/package.json`))),
    )
  } catch {
    return null
  }
}

/**
 * Runs `prepare` then `command` (the real build: prepare-docs, then `docusaurus build`) unless a
 * bundled package is missing; removes `cacheDir` when the command fails or is stopped by a signal.
 * Resolves with the exit code. A Ctrl-C reaches the build (same process group) and ends it; this
 * process waits for that end, clears the cache, and exits non-zero.
 *
 * @param {{ prepare?: () => Promise<unknown>, command?: string[], cacheDir?: string, missing?: string | null, log?: (line: string) => void }} [options]
 * @returns {Promise<number>}
 */
export async function buildSite({
  prepare = () => import('./prepare-docs.mjs'),
  command = [process.execPath, docusaurusBin(), 'build'],
  cacheDir = CACHE_DIR,
  missing = missingPackages(),
  log = console.error,
} = {}) {
  if (missing) {
    log(`[build-site] ${missing}`)
    return 1
  }
  await prepare()
  const ignore = () => {} // the child gets the terminal's signal too; we wait for it to end
  process.on('SIGINT', ignore)
  process.on('SIGTERM', ignore)
  const code = await new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd: site, stdio: 'inherit' })
    child.on('error', (error) => {
      log(`[build-site] could not run ${command.join(' ')}: ${error.message}`)
      resolve(1)
    })
    child.on('close', (exit, signal) => resolve(exit ?? (signal ? 1 : 0)))
  })
  process.off('SIGINT', ignore)
  process.off('SIGTERM', ignore)
  if (code !== 0 && existsSync(cacheDir)) {
    rmSync(cacheDir, { recursive: true, force: true })
    log(
      `[build-site] the build failed; removed the bundler's persistent cache (${cacheDir}) so the next build starts clean`,
    )
  }
  return code
}

function docusaurusBin() {
  return createRequire(`${site}package.json`).resolve('@docusaurus/core/bin/docusaurus.mjs')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = await buildSite()
