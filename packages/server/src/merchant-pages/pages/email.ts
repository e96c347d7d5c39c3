import { type Html, html } from '../html.ts'
import { csrfField } from '../layout.ts'

/** What the email page shows. */
export interface EmailData {
  message: string
  subject: string
  text: string
  csrf: string
}

/**
 * The recovery email as shoppers get it, with the merchant's own text above the items
 * (docs/domain.md R9), and the form that changes that text. The email itself is shown in a
 * sandboxed frame: no script, no forms, links open outside.
 */
export function emailPage(data: EmailData, notice: Html | ''): Html {
  return html`
<p class="lead">What an abandoned cart's shopper receives. The preview uses the shop's first products; a real email shows the shopper's own cart.</p>
${notice}
<div class="preview">
  <form class="settings" method="post" action="/merchant/email">
    ${csrfField(data.csrf)}
    <fieldset>
      <legend>Your text</legend>
      <label for="message">Shown above the items</label>
      <textarea id="message" name="message" maxlength="5000" rows="7">${data.message}</textarea>
      <p class="hint">Plain text: it is shown as you type it, never as markup.</p>
    </fieldset>
    <div><button type="submit">Save and preview</button></div>
    <details>
      <summary>Plain-text version</summary>
      <pre class="muted">${data.text}</pre>
    </details>
  </form>
  <section aria-label="Email preview">
    <p><strong>Subject:</strong> <span data-subject>${data.subject}</span></p>
    <iframe class="email" title="The recovery email" src="/merchant/email/preview" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>
  </section>
</div>`
}
