import { describe, expect, it } from 'vitest'
import { isKeptTarget, toPartial, unlinkRelative } from '../scripts/include-markdown.mjs'

describe('including repository Markdown in the site', () => {
  it('keeps links that leave the site or stay on the page', () => {
    expect(isKeptTarget('https://example.com')).toBe(true)
    expect(isKeptTarget('mailto:a@b.c')).toBe(true)
    expect(isKeptTarget('#close-codes')).toBe(true)
    expect(isKeptTarget('./README.md')).toBe(false)
    expect(isKeptTarget('../core/src/protocol.ts')).toBe(false)
  })

  it('turns repository-relative links and images into their text', () => {
    expect(
      unlinkRelative('see [PROTOCOL.md](./PROTOCOL.md) and [ws](https://github.com/websockets/ws)'),
    ).toBe('see PROTOCOL.md and [ws](https://github.com/websockets/ws)')
    expect(unlinkRelative('![diagram](./img/a.png "title")')).toBe('diagram')
    expect(unlinkRelative('[codes](#close-codes)')).toBe('[codes](#close-codes)')
    expect(unlinkRelative('[spec]: ../SPEC.md')).toBe('')
  })

  it('drops the first H1 (the page has its own title) and leaves fenced code untouched', () => {
    const source = [
      '# The protocol (v1)',
      '',
      'Text with [a link](./x.md).',
      '',
      '```md',
      '# not a title',
      '[kept](./inside-code.md)',
      '```',
      '',
      '## HTTP API',
    ].join('\n')
    expect(toPartial(source)).toBe(
      [
        'Text with a link.',
        '',
        '```md',
        '# not a title',
        '[kept](./inside-code.md)',
        '```',
        '',
        '## HTTP API',
        '',
      ].join('\n'),
    )
  })

  it('normalises CRLF line endings', () => {
    expect(toPartial('# T\r\nline\r\n')).toBe('line\n')
  })
})
