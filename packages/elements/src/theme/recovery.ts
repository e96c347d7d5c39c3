// Abandoned-cart recovery, as a module of its own in the theme build: loaded with the engine
// only on a page that has a `<tote-recovery>` (a recovery link's landing page).
export { recovery } from '@tote/core/recovery'
