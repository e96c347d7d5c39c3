import { useNotices } from '@tote/react'

/**
 * What changed in the cart without the shopper asking (stock, prices, a refused code), also
 * after opening a recovery link: the cart's `$notices` is the one place they are read from.
 */
export function Notices() {
  const { notices, dismiss } = useNotices()
  return (
    <ul className="notices" aria-live="polite">
      {notices.map((notice) => (
        <li key={notice.id} data-code={notice.code}>
          <span>{notice.message}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  )
}
