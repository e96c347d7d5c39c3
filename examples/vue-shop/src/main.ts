import { createTotePlugin } from '@tote/vue'
import { createApp } from 'vue'
import App from './App.vue'
import { cart } from './cart.ts'
// The shops share one stylesheet: the React shop's, so the three examples look alike.
import '../../react-shop/src/styles.css'

createApp(App).use(createTotePlugin(cart)).mount('#app')
