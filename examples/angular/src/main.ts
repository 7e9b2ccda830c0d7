import { Component, provideZonelessChangeDetection } from '@angular/core'
import { bootstrapApplication } from '@angular/platform-browser'
import { provideCometChatConnection } from '@cometchat-connection/angular'
import { ChatScreenComponent } from './app/chat-screen.component'
import { createEngine } from './app/engine'
import { ManualControlsComponent } from './app/manual-controls.component'

@Component({
  selector: 'app-root',
  imports: [ChatScreenComponent, ManualControlsComponent],
  template: '<app-chat-screen /><app-manual-controls />',
})
class AppComponent {}

bootstrapApplication(AppComponent, {
  providers: [provideZonelessChangeDetection(), provideCometChatConnection(createEngine)],
}).catch((error: unknown) => console.error(error))
