// The "Build a chat screen" pages show the example apps' own files: each file becomes a partial (one code
// block, titled with its path) in docs/_generated/ before every build, so a page cannot drift from the code
// the examples' browser tests run.

/** The files each page shows, in the order it explains them (every source file of the app's `src/`). */
export const EXAMPLE_FILES = {
  react: ['src/engine.ts', 'src/main.tsx', 'src/chat-screen.tsx', 'src/manual-controls.tsx'],
  vue: ['src/engine.ts', 'src/main.ts', 'src/App.vue', 'src/ChatScreen.vue', 'src/ManualControls.vue'],
  angular: [
    'src/app/engine.ts',
    'src/main.ts',
    'src/app/chat-screen.component.ts',
    'src/app/manual-controls.component.ts',
  ],
}

const LANGUAGE = { ts: 'ts', tsx: 'tsx', vue: 'html' }

/** The partial's file name for one example file: `example-react-chat-screen.md`. */
export function partialName(example, file) {
  const base = file
    .split('/')
    .at(-1)
    .replace(/\.[^.]+$/, '')
  return `example-${example}-${base.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.md`
}

/** One code block holding `source` exactly, titled with its path in the repository. */
export function codePartial(path, source) {
  const language = LANGUAGE[path.split('.').at(-1)] ?? 'text'
  const fence = source.includes('```') ? '````' : '```'
  return `${fence}${language} title="${path}"\n${source.replace(/\n?$/, '\n')}${fence}\n`
}

/**
 * Every partial of every example: `{ to, body, missing }`, reading the files under `repo` with `read`
 * (which returns null for a missing file: the partial then says so, and the site still builds).
 */
export function examplePartials(read) {
  const partials = []
  for (const [example, files] of Object.entries(EXAMPLE_FILES)) {
    for (const file of files) {
      const path = `examples/${example}/${file}`
      const source = read(path)
      partials.push({
        to: partialName(example, file),
        from: path,
        body:
          source === null
            ? `:::note\n\n\`${path}\` is missing from the repository.\n\n:::\n`
            : codePartial(path, source),
      })
    }
  }
  return partials
}
