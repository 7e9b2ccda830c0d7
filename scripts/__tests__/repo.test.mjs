// The repository is self-contained and ready for npm: every public package has a README and the MIT
// licence, the repository has the LICENSE the docs promise, and nothing tracked points outside it.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = new URL('../..', import.meta.url).pathname
const workspaces = ['packages', 'apps', 'examples'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, 'package.json')))
    .map((entry) => join(group, entry.name)),
)
const manifest = (dir) => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'))
const publicPackages = workspaces.filter((dir) => manifest(dir).private !== true)

describe('the repository', () => {
  it('has public packages to check', () => {
    expect(publicPackages).toContain('packages/core')
  })

  it('every public package has a README that names it, and the MIT licence', () => {
    for (const dir of publicPackages) {
      const { name, license } = manifest(dir)
      const readme = join(root, dir, 'README.md')
      expect(existsSync(readme), `${dir}/README.md`).toBe(true)
      expect(readFileSync(readme, 'utf8').split('\n')[0], `${dir}/README.md title`).toBe(`# ${name}`)
      expect(license, `${dir} license`).toBe('MIT')
    }
  })

  it('has the MIT LICENSE the docs footer promises', () => {
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/)
    const config = readFileSync(join(root, 'apps/docs/docusaurus.config.ts'), 'utf8')
    expect(config).toContain("copyright: 'MIT licensed.'")
  })

  it('no tracked file points at the shared folder outside the repository', () => {
    // A relative path up into a `shared` folder of upper-case notes (SPEC, TOOLCHAIN), or the absolute
    // one: the team's notes beside the checkout (a source folder named shared inside a package is fine).
    const outside = [/(?:\.\.\/)+shared\/[A-Z][A-Z_-]*\.md/, new RegExp(['', 'work', 'shared'].join('\\/'))]
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean)
    expect(files.length).toBeGreaterThan(100)
    const offending = files.filter((file) => {
      if (!existsSync(join(root, file))) return false // deleted in the working tree
      const text = readFileSync(join(root, file), 'latin1')
      return outside.some((pattern) => pattern.test(text))
    })
    expect(offending).toEqual([])
  })
})
