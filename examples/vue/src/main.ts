import { createCometChatConnection } from '@cometchat-connection/vue'
import { createApp } from 'vue'
import App from './App.vue'
import { createEngine } from './engine.js'
import './styles.css'

createApp(App).use(createCometChatConnection(createEngine)).mount('#app')
