import { isCometChatException } from '@cometchat-connection/core'
import { tabRole } from '@cometchat-connection/core/tabs'
import { createEngine } from './engine.js'
import './styles.css'

// A page with no framework: the engine's snapshot drives the badges, its message listener the list.
// Open it in several tabs: one of them (the leader) holds the socket, the others use it.

const engine = createEngine()
const $ = <T extends HTMLElement>(id: string) => document.querySelector<T>(`[data-testid=${id}]`)!

const ROLE_TEXT = {
  leader: 'holds the connection',
  follower: 'uses another tab’s connection',
  own: 'own socket',
}

function render(): void {
  const snap = engine.getSnapshot()
  const status = $('status')
  status.textContent = snap.status
  status.className = `badge ${snap.status}`
  $('role').textContent = ROLE_TEXT[tabRole(engine)]
  $('user').textContent = snap.user ? `logged in as ${snap.user.uid}` : 'nobody logged in'
}

/** Shows how an action ended (the snapshot's `lastError` has it too). */
function report(action: string, outcome: Promise<unknown>): void {
  $('outcome').textContent = `${action}: …`
  outcome.then(
    () => ($('outcome').textContent = `${action}: ok`),
    (e: unknown) => ($('outcome').textContent = `${action}: ${isCometChatException(e) ? e.code : String(e)}`),
  )
}

engine.subscribe(render)
engine.addMessageListener('page', {
  onTextMessageReceived(message) {
    const item = document.createElement('li')
    item.dataset.id = message.id
    item.textContent = `${message.sender}: ${message.text}${message.replayed ? ' (while away)' : ''}`
    $('messages').append(item)
  },
})

$<HTMLFormElement>('login-form').addEventListener('submit', (e) => {
  e.preventDefault()
  report('login', engine.login($<HTMLInputElement>('uid').value, 'demo-auth-key'))
})
$('logout').addEventListener('click', () => report('logout', engine.logout()))
$<HTMLFormElement>('send-form').addEventListener('submit', (e) => {
  e.preventDefault()
  const text = $<HTMLInputElement>('text')
  report('send', engine.sendMessage($<HTMLInputElement>('receiver').value, text.value))
  text.value = ''
})
$<HTMLAnchorElement>('another-tab').href = location.href

render()
// Joins the other tabs of this page; the leader restores the saved session (and, in auto mode, connects).
report('init', engine.init())
