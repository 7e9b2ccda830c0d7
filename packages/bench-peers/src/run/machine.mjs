// What a reader needs to judge the numbers: the machine, and its load around and during the run.
import { cpus, loadavg, release, totalmem } from 'node:os'

/** @returns {{ cpu: string, cores: number, memoryGiB: number, node: string, os: string }} */
export function describeMachine() {
  const list = cpus()
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `${process.platform} ${release()}`,
  }
}

/** The 1-minute load average, sampled every 2 s while a stretch of work runs. */
export function loadSampler() {
  /** @type {number[]} */
  const samples = []
  const timer = setInterval(() => samples.push(loadavg()[0]), 2000)
  timer.unref()
  const before = loadavg().map((x) => Math.round(x * 100) / 100)
  return {
    /** @returns {{ before: number[], duringMean: number, duringMax: number, after: number[] }} */
    stop() {
      clearInterval(timer)
      const after = loadavg().map((x) => Math.round(x * 100) / 100)
      const all = samples.length > 0 ? samples : [after[0]]
      const mean = all.reduce((a, b) => a + b, 0) / all.length
      return {
        before,
        duringMean: Math.round(mean * 100) / 100,
        duringMax: Math.round(Math.max(...all) * 100) / 100,
        after,
      }
    },
  }
}
