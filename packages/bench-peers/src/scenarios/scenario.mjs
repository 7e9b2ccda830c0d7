// The scenarios a client process can run, by id. Bundle size runs in the orchestrator (scenarios/bundle.mjs).
import { runHalfOpen } from './half-open.mjs'
import { runMemory } from './memory.mjs'
import { runOutage } from './outage.mjs'
import { runStorm } from './storm.mjs'
import { runThroughput } from './throughput.mjs'

/**
 * @typedef {object} ScenarioContext
 * @property {import('../clients/library.mjs').Library} library
 * @property {import('../clients/library.mjs').Open} open
 * @property {{ port: number, stopNote: string, request: (cmd: string, args?: object) => Promise<any> }} server
 * @property {Record<string, number>} params
 */

/** @type {Record<string, (context: ScenarioContext) => Promise<object>>} */
export const CLIENT_SCENARIOS = {
  'half-open': runHalfOpen,
  outage: runOutage,
  storm: runStorm,
  throughput: runThroughput,
  memory: runMemory,
}
