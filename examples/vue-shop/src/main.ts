import { createTotePlugin } from '@tote/vue'
import { createApp } from 'vue'
import App from './App.vue'
import { cart } from './cart.ts'
import './styles.css'

createApp(App).use(createTotePlugin(cart)).mount('#app')
