// What Shopify puts on every page of a theme before the theme's own scripts: the
// locale-aware routes. (On a real shop Shopify writes this itself; the example serves it.)
window.Shopify = window.Shopify || { routes: { root: '/' } }
