import { isToteError } from '@tote/core'
import { useRecovery } from '@tote/react'
import { useEffect, useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { CartBoundary } from '../cart-boundary.tsx'

/** Why a link could not be opened, in words. */
function reasonOf(error: Error): string {
  if (isToteError(error, 'invalid_recovery_link')) {
    const reason = (error.details as { reason?: string } | undefined)?.reason
    if (reason === 'expired') return 'This link has expired.'
    if (reason === 'completed') return 'This cart was already ordered.'
    return 'This link is not valid.'
  }
  return 'The cart could not be opened; please try again.'
}

function RecoverySection({ status, message }: { status: string; message: string }) {
  return (
    <section className="recover" data-status={status} aria-labelledby="recover-title">
      <h1 id="recover-title">Welcome back</h1>
      <p role="status">{message}</p>
      <a href="/">Continue shopping</a>
    </section>
  )
}

const OPENING = 'Opening your cart…'
const NO_LINK = 'Open the link in your email to find your cart here.'

/** In the browser: opens the link once, then takes the token out of the address bar. */
function OpenLink({ link }: { link: string | null }) {
  const navigate = useNavigate()
  const recovery = useRecovery(link)
  useEffect(() => {
    if (link) navigate('/recover', { replace: true, preventScrollReset: true })
  }, [link, navigate])
  switch (recovery.status) {
    case 'idle':
      return <RecoverySection status="idle" message={NO_LINK} />
    case 'loading':
      return <RecoverySection status="loading" message={OPENING} />
    case 'done': {
      const changed = Object.values(recovery.report.counts).some((count) => count > 0)
      const message = changed
        ? 'Your cart is back. Some things changed since you left: see above.'
        : 'Your cart is back, just as you left it.'
      return <RecoverySection status="done" message={message} />
    }
    case 'error':
      return <RecoverySection status="error" message={reasonOf(recovery.error)} />
  }
}

/**
 * The landing page of a recovery email. The server renders "Opening your cart…" (it cannot
 * open the link: the cart it rebuilds belongs in the shopper's browser); the browser opens it.
 */
export default function Recover() {
  const location = useLocation()
  // Read once (`openRecovery` takes the link or its token): the token then leaves the address bar (it is a key to the cart).
  const [link] = useState(() => new URLSearchParams(location.search).get('token'))
  const fallback = <RecoverySection status="loading" message={link ? OPENING : NO_LINK} />
  return (
    <CartBoundary fallback={fallback}>
      <OpenLink link={link} />
    </CartBoundary>
  )
}
