import { Html, html, type Interpolation } from './html.ts'

/** The pages of the sidebar. */
export type MerchantPage =
  | 'overview'
  | 'abandoned'
  | 'checkout'
  | 'settings'
  | 'email'
  | 'products'
  | 'customers'
  | 'orders'
  | 'dev'

/** What every signed-in page knows. */
export interface PageFrame {
  shopName: string
  /** The form token of the session (sign-out posts it). */
  csrf: string
  /** Whether the development page exists (outbox, fast-forward). */
  dev: boolean
  /** Whether the server serves customer profiles. */
  customers: boolean
  /** Whether the server serves its orders. */
  orders: boolean
}

/** `<head>` of every merchant page. */
function head(title: string, shopName: string): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${shopName} · Tote merchant</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/merchant/assets/merchant.css">
</head>`
}

/** A hidden field with the session's form token. */
export function csrfField(csrf: string): Html {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`
}

/** A signed-in page: the sidebar and `body`. */
export function merchantLayout(
  frame: PageFrame,
  page: MerchantPage,
  title: string,
  body: Interpolation,
): Html {
  const link = (target: MerchantPage, href: string, label: Interpolation) =>
    html`<a href="${href}"${page === target ? new Html(' aria-current="page"') : ''}>${label}</a>`
  return html`${head(title, frame.shopName)}
<body>
<aside class="sidebar">
  <p class="brand">Tote merchant</p>
  <p class="shop">${frame.shopName}</p>
  <nav aria-label="Merchant pages">
    ${link('overview', '/merchant', 'Overview')}
    <p class="section">Carts</p>
    ${link('abandoned', '/merchant/carts?state=abandoned', 'Abandoned carts')}
    ${link('checkout', '/merchant/carts?state=checkout', 'In checkout')}
    ${frame.customers ? link('customers', '/merchant/customers', 'Customers') : ''}
    <p class="section">Recovery emails</p>
    ${link('settings', '/merchant/settings', 'Settings')}
    ${link('email', '/merchant/email', 'Email preview')}
    <p class="section">Shop</p>
    ${frame.orders ? link('orders', '/merchant/orders', 'Orders') : ''}
    ${link('products', '/merchant/products', 'Products and stock')}
    ${frame.dev ? link('dev', '/merchant/dev', html`Outbox and clock<span class="dev-badge">DEV</span>`) : ''}
  </nav>
  <form method="post" action="/merchant/logout">${csrfField(frame.csrf)}<button type="submit">Sign out</button></form>
</aside>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`
}

/** A page outside the session (signing in). */
export function plainLayout(title: string, shopName: string, body: Interpolation): Html {
  return html`${head(title, shopName)}
<body class="plain">
<main class="login">
${body}
</main>
</body>
</html>`
}

/** A message at the top of a page after a form was sent. */
export function flash(
  kind: 'ok' | 'error',
  message: string,
  details: readonly string[] = [],
): Html {
  return html`<div class="flash${kind === 'error' ? ' error' : ''}" role="${kind === 'error' ? 'alert' : 'status'}">${message}${details.length > 0 ? html`<ul>${details.map((detail) => html`<li>${detail}</li>`)}</ul>` : ''}</div>`
}
