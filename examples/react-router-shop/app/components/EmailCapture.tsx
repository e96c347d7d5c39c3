import { useCheckoutEmail } from '@tote/react'
import { type FormEvent, useState } from 'react'

/**
 * The checkout email, saved when the field loses focus or the form is sent, so the cart can be
 * recovered by email. A malformed address is refused before anything is sent, and said so.
 */
export function EmailCapture() {
  const { state, error, capture } = useCheckoutEmail()
  const [value, setValue] = useState('')
  const save = () => {
    if (value.trim()) void capture(value.trim())
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save()
  }
  const status = error
    ? { state: 'invalid', text: 'Please enter a valid email address, such as ada@example.com.' }
    : state.state === 'saving'
      ? { state: 'saving', text: 'Saving…' }
      : state.state === 'saved'
        ? { state: 'saved', text: `Saved: we will keep your cart for ${state.email}.` }
        : { state: 'idle', text: '' }
  return (
    // noValidate: Tote checks the address, and the message below says what is wrong.
    <form className="email" noValidate onSubmit={submit}>
      <label htmlFor="checkout-email">Email for your order</label>
      <input
        id="checkout-email"
        type="email"
        autoComplete="email"
        value={value}
        aria-invalid={error !== null}
        aria-describedby="email-status"
        onChange={(event) => setValue(event.target.value)}
        onBlur={save}
      />
      <button type="submit">Save</button>
      <p id="email-status" className="email-status" data-state={status.state} aria-live="polite">
        {status.text}
      </p>
    </form>
  )
}
