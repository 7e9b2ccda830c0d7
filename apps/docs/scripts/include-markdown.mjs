// Turns a Markdown file of the repository into a partial the docs can include: its own H1 goes (the
// page has a title), and relative links, which point into the repository rather than the site, become
// plain text so `onBrokenLinks: 'throw'` keeps holding. Fenced code is left exactly as it is.

const FENCE = /^(```|~~~)/

/** Whether a link target leaves the site (or stays on the page): kept as a link. */
export function isKeptTarget(target) {
  return /^(https?:|mailto:|#)/i.test(target)
}

/** Rewrites the links and images of one line of prose. */
export function unlinkRelative(line) {
  return line
    .replace(/!\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (all, alt, target) =>
      isKeptTarget(target) ? all : alt,
    )
    .replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (all, text, target) =>
      isKeptTarget(target) ? all : text,
    )
    .replace(/^\[[^\]]+\]:\s+(\S+).*$/, (all, target) => (isKeptTarget(target) ? all : ''))
}

/** The partial for `source` (a whole Markdown file). */
export function toPartial(source) {
  const lines = source.replace(/\r\n/g, '\n').split('\n')
  const out = []
  let fence = null
  let droppedTitle = false
  for (const line of lines) {
    const opens = line.match(FENCE)
    if (fence) {
      out.push(line)
      if (opens && line.startsWith(fence)) fence = null
      continue
    }
    if (opens) {
      fence = opens[1]
      out.push(line)
      continue
    }
    if (!droppedTitle && /^#\s/.test(line)) {
      droppedTitle = true
      continue
    }
    out.push(unlinkRelative(line))
  }
  return `${out.join('\n').trim()}\n`
}
