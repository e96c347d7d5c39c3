// The theme build's entry, `dist/theme/tote.js`: what a product or collection page runs
// before the shopper does anything. It puts `window.Tote` in place, then defines the
// elements that must act at once: the root, and those whose forms hold what the shopper
// submits until the cart is there. The engine — on the first interaction with a Tote element
// or when the page is idle — brings the cart and defines the others, which until then leave
// the theme's markup (a server-rendered cart count) as it is. See ARCHITECTURE.md.
import { ToteCartElement } from '../cart-root/index.ts'
import { defineElements, EAGER_ELEMENTS } from '../define/eager.ts'
import { installTote } from './install.ts'
import { buildLater, startOnDemand, Tote } from './load.ts'

installTote(Tote)
ToteCartElement.builder = buildLater
startOnDemand(document)
defineElements(EAGER_ELEMENTS)
