import { CometChatProvider } from '@cometchat-connection/react'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ChatScreen } from './chat-screen.js'
import { createEngine } from './engine.js'
import { ManualControls } from './manual-controls.js'
import './styles.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <CometChatProvider engine={createEngine}>
      <ChatScreen />
      <ManualControls />
    </CometChatProvider>
  </StrictMode>,
)
