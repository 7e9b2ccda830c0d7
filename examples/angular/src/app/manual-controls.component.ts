import { Component, inject, signal } from '@angular/core'
import { CometChatConnectionService } from '@cometchat-connection/angular'

/** Manual mode (?mode=manual): the app opens and closes the socket, and keeps it alive in the background. */
@Component({
  selector: 'app-manual-controls',
  template: `
    <section>
      <p>Mode <b data-testid="mode">{{ conn.mode() }}</b> · {{ conn.appState() }}</p>
      <button type="button" data-testid="connect" (click)="conn.connect()">Connect</button>
      <button type="button" data-testid="disconnect" (click)="conn.disconnect()">Disconnect</button>
      <button type="button" data-testid="ping" (click)="ping()">Ping</button>
      Last ping: <span data-testid="pinged">{{ pinged() }}</span>
    </section>
  `,
})
export class ManualControlsComponent {
  readonly conn = inject(CometChatConnectionService)
  readonly pinged = signal('never')

  ping(): void {
    this.conn.ping({ onSuccess: () => this.pinged.set(`ok at ${new Date().toLocaleTimeString()}`) })
  }
}
