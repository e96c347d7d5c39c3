import type { Theme } from 'vitepress'
import DefaultTheme from 'vitepress/theme'
import Screenshots from './Screenshots.vue'

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('Screenshots', Screenshots)
  },
} satisfies Theme
