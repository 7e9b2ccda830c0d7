import { describe, expect, it } from 'vitest'
import { failedTasksOutput, taskProgress } from '../start/build-step.mjs'

describe('pnpm start build steps', () => {
  it('turns turbo task lines into progress lines', () => {
    expect(taskProgress('@x/core:build: cache miss, executing 48776529a31f4230')).toEqual({
      name: '@x/core',
      text: 'building',
    })
    expect(taskProgress('@x/docs:build: cache hit, replaying logs 04ae9ae8')).toEqual({
      name: '@x/docs',
      text: 'up to date (turbo cache)',
    })
    expect(taskProgress('@x/core:build: $ tsc -p tsconfig.build.json')).toBeNull()
  })

  it('on failure keeps the failed task’s lines and turbo’s closing lines, not every task’s log', () => {
    const output = [
      '@x/core:build: cache miss, executing 1',
      '@x/core:build: $ tsc',
      '@x/docs:build: cache miss, executing 2',
      "@x/docs:build: [ERROR] Invalid sidebar file at 'sidebars.ts'.",
      '@x/docs:build: [ELIFECYCLE] Command failed with exit code 1.',
      '',
      ' Tasks:    1 successful, 2 total',
      'Failed:    @x/docs#build',
      '',
      '@x/docs#build:  ERROR  command (/repo/apps/docs) pnpm run build exited (1)',
    ].join('\n')
    const kept = failedTasksOutput(output)
    expect(kept).toContain("[ERROR] Invalid sidebar file at 'sidebars.ts'.")
    expect(kept).toContain('Failed:    @x/docs#build')
    expect(kept).not.toContain('$ tsc')
  })

  it('keeps everything when turbo names no failed task (it failed itself)', () => {
    const output = ' ERROR  could not resolve workspaces: bad pnpm-workspace.yaml'
    expect(failedTasksOutput(output)).toBe(output)
  })
})
