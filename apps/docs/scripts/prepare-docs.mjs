// Copies the repository's Markdown that the site includes (the server's PROTOCOL.md, docs/decisions.md)
// and the example apps' files (one code block each) into docs/_generated/ as partials. A missing file
// becomes a short note, so the site always builds.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { examplePartials } from './include-examples.mjs'
import { toPartial } from './include-markdown.mjs'

const repo = new URL('../../../', import.meta.url)
const out = new URL('../docs/_generated/', import.meta.url)

const includes = [
  {
    from: 'packages/server/PROTOCOL.md',
    to: 'protocol.md',
    missing: 'The server package has no `PROTOCOL.md` yet; the summary above is the contract.',
  },
  {
    from: 'docs/decisions.md',
    to: 'decisions.md',
    missing:
      'No `docs/decisions.md` at the repository root yet: the decisions above are the ones recorded so far.',
  },
]

mkdirSync(out, { recursive: true })
for (const { from, to, missing } of includes) {
  const source = new URL(from, repo)
  const found = existsSync(source)
  const body = found ? toPartial(readFileSync(source, 'utf8')) : `:::note\n\n${missing}\n\n:::\n`
  writeFileSync(new URL(to, out), body)
  console.log(`[prepare-docs] ${to}: ${found ? `from ${from}` : 'placeholder (source missing)'}`)
}

// The example apps' files, for the "Build a chat screen" pages.
const readRepoFile = (path) => {
  const file = new URL(path, repo)
  return existsSync(file) ? readFileSync(file, 'utf8') : null
}
const examples = examplePartials(readRepoFile)
for (const { to, body } of examples) writeFileSync(new URL(to, out), body)
console.log(`[prepare-docs] example files: ${examples.length} partials`)
