import { type Html, html } from '../html.ts'
import { flash, plainLayout } from '../layout.ts'

/** The sign-in form: the merchant token, or the link the server printed at start. */
export function loginPage(shopName: string, error: string | null): Html {
  return plainLayout(
    'Sign in',
    shopName,
    html`<h1>${shopName}</h1>
<p class="lead">Merchant pages. Sign in with the merchant token, or open the sign-in link the server printed when it started.</p>
${error ? flash('error', error) : ''}
<form method="post" action="/merchant/login" class="settings">
  <label for="token">Merchant token</label>
  <input id="token" type="password" name="token" autocomplete="current-password" required>
  <div><button type="submit">Sign in</button></div>
</form>`,
  )
}
