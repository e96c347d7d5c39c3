import { useCartStatus } from '@tote/react'

/** What the cart is doing with the server: saving, offline, or an error with its retry time. */
export function SyncStatus() {
  const status = useCartStatus()
  return (
    <p className="sync-status" data-state={status.state} role="status">
      {status.error ? (
        <>
          Not saved ({status.error.message}); trying again at{' '}
          {status.retryAt.toLocaleTimeString('en')}.{' '}
          <button type="button" onClick={status.retry}>
            Retry now
          </button>
        </>
      ) : status.offline ? (
        'Offline: your changes are kept on this device and sent when you are back online.'
      ) : status.saving ? (
        'Saving…'
      ) : null}
    </p>
  )
}
