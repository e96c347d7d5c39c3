// The theme build's entry, `dist/theme/tote.js`: what a product or collection page runs
// before the shopper does anything. It puts `window.Tote` in place, then defines the
// elements: they take the cart count and the product forms from the theme's markup at once,
// hold what the shopper submits, and get their cart when the engine has loaded — on the first
// interaction with a Tote element or when the page is idle. See ARCHITECTURE.md.
import { ToteCartElement } from '../cart-root/index.ts'
import { defineElements } from '../define/elements.ts'
import { installTote } from './install.ts'
import { buildLater, startOnDemand, Tote } from './load.ts'

installTote(Tote)
ToteCartElement.builder = buildLater
startOnDemand(document)
defineElements()
