import { describe, expect, it } from 'vitest'
import { compare, parseEquivalents, score, summarize } from '../mutation/survivors.mjs'

const mutant = (line, mutatorName, status, replacement = 'false') => ({
  mutatorName,
  status,
  replacement,
  location: { start: { line } },
})

const report = {
  files: {
    'src/machine/step.ts': {
      mutants: [
        mutant(1, 'ConditionalExpression', 'Killed'),
        mutant(2, 'ConditionalExpression', 'Timeout'),
        mutant(3, 'EqualityOperator', 'Survived', 'a >= b'),
        mutant(3, 'EqualityOperator', 'Survived', 'a <= b'),
        mutant(4, 'StringLiteral', 'CompileError'),
      ],
    },
    'src/engine.ts': {
      mutants: [mutant(9, 'BlockStatement', 'NoCoverage', '{}'), mutant(10, 'BlockStatement', 'Killed')],
    },
  },
}

describe('mutation survivors check', () => {
  it('scores each folder: Killed and Timeout detected, Survived and NoCoverage not, errors left out', () => {
    const { areas, survivors } = summarize(report)
    expect(Object.fromEntries(areas)).toEqual({
      'src/machine': { detected: 2, undetected: 2 },
      src: { detected: 1, undetected: 1 },
    })
    expect(score(areas.get('src/machine'))).toBe(50)
    expect(score({ detected: 0, undetected: 0 })).toBe(100)
    expect(survivors.map((s) => s.key)).toEqual([
      'src/machine/step.ts:3 EqualityOperator',
      'src/machine/step.ts:3 EqualityOperator',
      'src/engine.ts:9 BlockStatement',
    ])
  })

  it('reads the table rows of equivalent-mutants.md and nothing else', () => {
    const rows = parseEquivalents(
      [
        '# Equivalent mutants',
        '| mutant | mutator | replacement | why it is equivalent |',
        '|---|---|---|---|',
        '| src/machine/step.ts:3 | EqualityOperator | `a >= b` | a and b are never equal here |',
        '| src/engine.ts:9 | BlockStatement | `{}` | |',
      ].join('\n'),
    )
    expect(rows).toEqual([
      { key: 'src/machine/step.ts:3 EqualityOperator', reason: 'a and b are never equal here' },
      { key: 'src/engine.ts:9 BlockStatement', reason: '' },
    ])
  })

  it('names every survivor without a row (one row per mutant), every row without a survivor, every empty reason', () => {
    const { survivors } = summarize(report)
    const rows = [
      { key: 'src/machine/step.ts:3 EqualityOperator', reason: 'never equal' },
      { key: 'src/engine.ts:9 BlockStatement', reason: '' },
      { key: 'src/engine.ts:77 StringLiteral', reason: 'moved' },
    ]
    const { unexplained, stale, emptyReasons } = compare(survivors, rows)
    expect(unexplained.map((s) => `${s.key} ${s.replacement}`)).toEqual([
      'src/machine/step.ts:3 EqualityOperator a <= b',
    ])
    expect(stale).toEqual(['src/engine.ts:77 StringLiteral'])
    expect(emptyReasons).toEqual(['src/engine.ts:9 BlockStatement'])
  })

  it('passes when every survivor is listed once', () => {
    const { survivors } = summarize(report)
    const rows = survivors.map((s) => ({ key: s.key, reason: 'why' }))
    expect(compare(survivors, rows)).toEqual({ unexplained: [], stale: [], emptyReasons: [] })
  })
})
