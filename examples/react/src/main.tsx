import { CometChatProvider } from '@cometchat-connection/react'
import { StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { ConnectionPanel } from './connection-panel.js'
import { createEngine } from './engine.js'
import './styles.css'

// The engine is created outside React (here at start-up, later in an event handler), never during a
// render: StrictMode runs renders and state initialisers twice, and must not open a second socket.
const initialEngine = createEngine('auto')

function App() {
  const [engine, setEngine] = useState(initialEngine)
  const switchMode = () => {
    const next = engine.getSnapshot().mode === 'auto' ? 'manual' : 'auto'
    engine.destroy()
    setEngine(createEngine(next))
  }
  return (
    <CometChatProvider engine={engine}>
      <ConnectionPanel onSwitchMode={switchMode} />
    </CometChatProvider>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
