// JIT TestBed: the compiler for test components, and the browser testing platform when there is a DOM
// (the server-platform test runs in Node's environment and sets itself up). Vitest has no Jasmine-style
// globals, so the module is reset here after each test (that destroys its injector, as an app would).
import '@angular/compiler'
import { getTestBed, TestBed } from '@angular/core/testing'
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing'
import { afterEach } from 'vitest'

if (typeof document !== 'undefined') {
  TestBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting(), {
    teardown: { destroyAfterEach: true },
  })
}
afterEach(() => {
  if (getTestBed().platform) TestBed.resetTestingModule()
})
