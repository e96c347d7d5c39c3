import { useDiscountCodes } from '@tote/react'
import { type FormEvent, useState } from 'react'

const STATE = { true: 'applied', false: 'not valid', null: 'checking…' } as const

/** A discount code field, and the codes on the cart with what the server said of each. */
export function DiscountCode() {
  const { codes, apply, remove } = useDiscountCodes()
  const [code, setCode] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!code.trim()) return
    apply(code.trim())
    setCode('')
  }
  return (
    <form className="discount" onSubmit={submit}>
      <label htmlFor="discount-code">Discount code</label>
      <input
        id="discount-code"
        name="code"
        autoComplete="off"
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <button type="submit">Apply</button>
      <ul className="codes">
        {codes.map(({ code, applicable }) => (
          <li key={code} data-code={code} data-applicable={String(applicable)}>
            {code}: {STATE[`${applicable}`]}{' '}
            <button type="button" onClick={() => remove(code)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </form>
  )
}
