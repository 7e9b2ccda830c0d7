import { describe, expect, it } from 'vitest'
import { parseChaosArgs, replayArgs } from '../src/options.js'

describe('parseChaosArgs', () => {
  it('has defaults for a full run (300 engines, 60 s) and a random seed', () => {
    const command = parseChaosArgs([])
    expect(command.kind).toBe('run')
    if (command.kind !== 'run') return
    expect(command.options).toMatchObject({ engines: 300, seconds: 60, sendRate: 30, manualShare: 0.25 })
    expect(Number.isInteger(command.options.seed)).toBe(true)
  })

  it('takes every flag, and the replay line gives back the same options', () => {
    const command = parseChaosArgs(['--engines', '100', '--seconds', '20', '--seed', '7', '--send-rate', '5'])
    if (command.kind !== 'run') throw new Error(command.kind)
    expect(command.options).toMatchObject({ engines: 100, seconds: 20, seed: 7, sendRate: 5 })
    expect(parseChaosArgs(replayArgs(command.options).split(' '))).toEqual(command)
  })

  it('says what is wrong with bad input instead of running', () => {
    expect(parseChaosArgs(['--engines', 'many'])).toEqual({
      kind: 'error',
      message: '--engines must be a whole number; got "many"',
    })
    expect(parseChaosArgs(['--manual', '2'])).toEqual({
      kind: 'error',
      message: '--manual must be from 0 to 1; got 2',
    })
    expect(parseChaosArgs(['--nope']).kind).toBe('error')
    expect(parseChaosArgs(['-h'])).toEqual({ kind: 'help' })
  })
})
