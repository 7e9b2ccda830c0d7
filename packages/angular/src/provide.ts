import {
  DestroyRef,
  type EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  NgZone,
} from '@angular/core'
import type { ConnectionEngine } from '@cometchat-connection/core'
import { CometChatConnectionService } from './connection.service'
import { COMETCHAT_CONNECTION_ENGINE, type ConnectionEngineFactory } from './engine-token'

/**
 * Provides a connection engine, and a {@link CometChatConnectionService} bound to it, to an
 * environment injector (usually the application's).
 *
 * - Pass an **engine** you created yourself: you own it; destroying the injector leaves it alone.
 * - Pass a **factory**: it runs lazily, once, outside the Angular zone (so the engine's sockets and
 *   timers never keep a zone app unstable), and the engine is destroyed with the injector.
 *
 * On the server platform the service never reads this token, so a factory never runs there.
 *
 * @example
 * ```ts
 * bootstrapApplication(App, {
 *   providers: [
 *     provideCometChatConnection(() =>
 *       createConnectionEngine({ appId: 'demo-app', settings: new AppSettingsBuilder().build() }),
 *     ),
 *   ],
 * })
 * ```
 */
export function provideCometChatConnection(
  engineOrFactory: ConnectionEngine | ConnectionEngineFactory,
): EnvironmentProviders {
  return makeEnvironmentProviders([
    {
      provide: COMETCHAT_CONNECTION_ENGINE,
      useFactory: (): ConnectionEngine => {
        if (typeof engineOrFactory !== 'function') return engineOrFactory
        const engine = inject(NgZone).runOutsideAngular(engineOrFactory)
        inject(DestroyRef).onDestroy(() => engine.destroy())
        return engine
      },
    },
    CometChatConnectionService,
  ])
}
