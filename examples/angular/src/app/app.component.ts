import {
  afterNextRender,
  Component,
  createEnvironmentInjector,
  DestroyRef,
  EnvironmentInjector,
  inject,
  signal,
  ViewContainerRef,
  viewChild,
} from '@angular/core'
import { provideCometChatConnection } from '@cometchat-connection/angular'
import type { ConnectionMode } from '@cometchat-connection/core'
import { ConnectionPanelComponent } from './connection-panel.component'
import { createEngine, serverUrl } from './engine'

/**
 * The page: a mode switch, and the connection panel inside an environment injector of its own. Switching
 * the mode destroys that injector (and with it the engine, its socket and every subscription) and
 * provides a new engine; the saved session carries over through localStorage.
 */
@Component({
  selector: 'app-root',
  template: `
    <main>
      <h1>CometChat connection · Angular</h1>
      <section>
        <div class="row" role="radiogroup" aria-label="Connection mode">
          Mode:
          @for (m of modes; track m) {
            <label>
              <input type="radio" name="mode" [value]="m" [checked]="mode() === m" (change)="setMode(m)" />
              {{ m }}
            </label>
          }
        </div>
        <small>Server: {{ server }}</small>
      </section>
      <ng-container #panel />
    </main>
  `,
})
export class AppComponent {
  readonly modes: readonly ConnectionMode[] = ['auto', 'manual']
  readonly mode = signal<ConnectionMode>('auto')
  readonly server = serverUrl()
  readonly #parent = inject(EnvironmentInjector)
  private readonly panel = viewChild.required('panel', { read: ViewContainerRef })
  #scope: EnvironmentInjector | null = null

  constructor() {
    afterNextRender(() => this.#mount())
    inject(DestroyRef).onDestroy(() => this.#scope?.destroy())
  }

  setMode(mode: ConnectionMode): void {
    if (mode === this.mode()) return
    this.mode.set(mode)
    this.#mount()
  }

  #mount(): void {
    const mode = this.mode()
    this.panel().clear()
    this.#scope?.destroy()
    this.#scope = createEnvironmentInjector(
      [provideCometChatConnection(() => createEngine(mode))],
      this.#parent,
    )
    this.panel().createComponent(ConnectionPanelComponent, { environmentInjector: this.#scope })
  }
}
