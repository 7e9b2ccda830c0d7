import { Component, inject, signal } from '@angular/core'
import { CometChatConnectionService } from '@cometchat-connection/angular'
import type { TextMessage } from '@cometchat-connection/core'
import { authKey } from './engine'

@Component({
  selector: 'app-chat-screen',
  template: `
    <h1>Chat <output [class]="'badge ' + conn.status()" data-testid="status">{{ conn.status() }}</output></h1>
    @if (conn.user(); as user) {
      <p>
        <span data-testid="user">logged in as {{ user.uid }}</span>
        <button type="button" data-testid="logout" (click)="conn.logout()">Log out</button>
      </p>
    } @else {
      <form (submit)="$event.preventDefault(); conn.login({ uid: uid.value, authKey })">
        <span data-testid="user">nobody logged in</span>
        <input #uid aria-label="uid" data-testid="uid" value="alice" />
        <button type="submit" data-testid="login">Log in</button>
      </form>
    }
    <p>Last error: <code data-testid="last-error">{{ conn.lastError()?.code ?? 'none' }}</code> {{ conn.lastError()?.message }}</p>
    @if (conn.recovery(); as r) {
      <p data-testid="recovery">
        {{ r.resumed ? 'Back: ' + r.replayed + ' missed message(s) delivered.' : 'Messages may be missing (' + r.reason + ').' }}
      </p>
    }
    <p>Online: <span data-testid="online">@for (u of conn.onlineUsers(); track u.uid) {{{ $first ? '' : ', ' }}{{ u.uid }}} @empty {nobody}</span></p>
    <ul data-testid="messages">
      @for (m of messages(); track m.id) {
        <li data-testid="message">{{ m.sender }} → {{ m.receiver }}: {{ m.text }}{{ m.replayed ? ' (recovered)' : '' }}</li>
      }
    </ul>
    @if (conn.user()) {
      <form (submit)="$event.preventDefault(); send(to.value, text)">
        <input #to aria-label="to" data-testid="to" value="bob" />
        <input #text aria-label="message" data-testid="text" />
        <button type="submit" data-testid="send">Send</button>
      </form>
    }
  `,
})
export class ChatScreenComponent {
  readonly conn = inject(CometChatConnectionService)
  readonly authKey = authKey
  readonly messages = signal<TextMessage[]>([])
  readonly add = (m: TextMessage) => this.messages.update((list) => [...list, m])

  constructor() {
    this.conn.onMessage(this.add)
  }

  send(to: string, text: HTMLInputElement): void {
    this.conn.sendMessage(to, text.value, { onSuccess: this.add })
    text.value = ''
  }
}
