import { formatMoney } from '@tote/core'
import { useCart, useCartLine } from '@tote/react'

/** One line with its stepper; re-renders only when this line changes. */
export function CartLine({ lineKey }: { lineKey: string }) {
  const cart = useCart()
  const line = useCartLine(lineKey)
  if (!line) return null
  const title = line.merchandise?.productTitle ?? line.merchandiseId
  const total = line.cost.total
  return (
    <li className="line" data-line={line.merchandiseId} aria-busy={line.pending}>
      <span className="line-title">{title}</span>
      <span className="stepper">
        <button
          type="button"
          aria-label={`One fewer ${title}`}
          onClick={() => cart.setQuantity(line.key, line.quantity - 1)}
        >
          −
        </button>
        <output className="quantity" aria-label={`Quantity of ${title}`}>
          {line.quantity}
        </output>
        <button
          type="button"
          aria-label={`One more ${title}`}
          onClick={() => cart.setQuantity(line.key, line.quantity + 1)}
        >
          +
        </button>
      </span>
      <span className="line-total">
        {total ? formatMoney(total, { locale: 'en' }) : '…'}
        {line.cost.estimated && ' (estimated)'}
      </span>
      <button type="button" className="remove" onClick={() => cart.remove(line.key)}>
        Remove
      </button>
    </li>
  )
}
