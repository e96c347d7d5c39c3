import { isToteError } from '@tote/core'
import { useRecovery } from '@tote/react'
import { useEffect, useState } from 'react'

/** Why a link could not be opened, in words. */
function reasonOf(error: unknown): string {
  if (isToteError(error, 'invalid_recovery_link')) {
    const reason = (error.details as { reason?: string } | undefined)?.reason
    if (reason === 'expired') return 'This link has expired.'
    if (reason === 'completed') return 'This cart was already ordered.'
    return 'This link is not valid.'
  }
  return 'The cart could not be opened; please try again.'
}

/**
 * The landing page of a recovery email: opens the link once, then shows the cart (beside it)
 * as the shop has it now. What changed since is in the notices at the top of the page.
 */
export function RecoverPage() {
  // The link is read once: it then leaves the address bar (it is a key to the cart).
  const [link] = useState(() =>
    new URL(location.href).searchParams.has('token') ? location.href : null,
  )
  useEffect(() => {
    if (link) history.replaceState(null, '', '/recover')
  }, [link])
  const recovery = useRecovery(link)
  const changed =
    recovery.status === 'done' && Object.values(recovery.report.counts).some((count) => count > 0)
  return (
    <section className="recover" data-status={recovery.status} aria-labelledby="recover-title">
      <h1 id="recover-title">Welcome back</h1>
      <p role="status">
        {recovery.status === 'idle' && 'Open the link in your email to find your cart here.'}
        {recovery.status === 'loading' && 'Opening your cart…'}
        {recovery.status === 'done' &&
          (changed
            ? 'Your cart is back. Some things changed since you left: see above.'
            : 'Your cart is back, just as you left it.')}
        {recovery.status === 'error' && reasonOf(recovery.error)}
      </p>
      <a href="/">Continue shopping</a>
    </section>
  )
}
