import { Component, computed, inject, linkedSignal, signal } from '@angular/core'
import { CometChatConnectionService } from '@cometchat-connection/angular'
import { CometChatException } from '@cometchat-connection/core'
import { AUTH_KEY } from './engine'

/** Status, login/logout, connect/disconnect/ping and the last error, all through the service's signals. */
@Component({
  selector: 'app-connection-panel',
  template: `
    <section>
      <div class="row">
        Status: <span class="badge" data-testid="status" [attr.data-status]="conn.status()">{{ conn.status() }}</span>
        <span data-testid="mode">{{ conn.mode() }} mode</span>
      </div>
      <div class="row">
        <input #uidInput aria-label="uid" data-testid="uid" [value]="uid()" (input)="uid.set(uidInput.value)" />
        <button data-testid="login" (click)="run(() => conn.login(uid(), authKey))">Login</button>
        <button data-testid="logout" (click)="run(() => conn.logout())">Logout</button>
      </div>
      <div class="row">
        <button data-testid="connect" (click)="run(() => conn.connect())">Connect</button>
        <button data-testid="disconnect" (click)="run(() => conn.disconnect())">Disconnect</button>
        <button data-testid="ping" (click)="run(() => conn.ping())">Ping</button>
      </div>
      <dl>
        <dt>User</dt><dd data-testid="user">{{ conn.user()?.uid ?? '—' }}</dd>
        <dt>App state</dt><dd>{{ conn.appState() }} · {{ conn.online() ? 'online' : 'offline' }}</dd>
        <dt>Retries</dt><dd>{{ conn.reconnectAttempt() }}</dd>
        <dt>Last message</dt><dd>{{ lastMessage() }}</dd>
      </dl>
      @if (error(); as e) {
        <p class="error" data-testid="error">{{ e.code }}: {{ e.message }}</p>
      }
    </section>
  `,
})
export class ConnectionPanelComponent {
  readonly conn = inject(CometChatConnectionService)
  readonly authKey = AUTH_KEY
  /** Follows the logged-in (or restored) user until edited. */
  readonly uid = linkedSignal(() => this.conn.user()?.uid ?? 'alice')
  readonly lastMessage = signal('—')
  /** The error of the last action, else the engine's last connection error. */
  readonly error = computed(() => this.#actionError() ?? this.conn.lastError())
  readonly #actionError = signal<CometChatException | null>(null)

  constructor() {
    this.conn.onMessage((m) => this.lastMessage.set(`${m.sender}: ${m.text}`))
  }

  async run(action: () => Promise<unknown>): Promise<void> {
    this.#actionError.set(null)
    try {
      await action()
    } catch (e) {
      this.#actionError.set(
        e instanceof CometChatException ? e : new CometChatException('ERR_UNKNOWN', String(e)),
      )
    }
  }
}
