/**
 * `@cometchat-connection/core/testing`: a fake engine for testing your own components without a
 * server. It implements the whole engine interface (`ConnectionEngine`), so every adapter's provider
 * takes it. The main entry does not include it: an app that never imports this entry ships none of it.
 *
 * @packageDocumentation
 */
export type {
  FakeAction,
  FakeCall,
  FakeEngine,
  FakeEngineOptions,
  FakeSnapshotPatch,
} from './fake-engine.js'
export { createFakeEngine } from './fake-engine.js'
export { textMessage } from './test-data.js'
