// Every element, as a module of its own in the theme build: the loader fetches it side by
// side with the engine's entry, and defines the elements the page did not need at once.
export { TOTE_ELEMENTS } from '../define/elements.ts'
