// The standalone app: the playground on its own page. `?server=http://127.0.0.1:4455` uses a real server.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Playground } from './components/playground.js'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
)
