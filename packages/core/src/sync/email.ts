import type { WritableAtom } from 'nanostores'
import type { EmailCaptureState } from '../cart/types.ts'
import type { ToteError } from '../errors/index.ts'

/** Where each checkout email being saved stands, and the callers waiting for it. */
export interface EmailStatus {
  /** Resolves when `email` is saved; rejects when it is refused or the cart is destroyed. */
  wait(email: string): Promise<void>
  /** `email` was saved (`error` null) or refused: updates the store, settles the waiters. */
  settle(error: ToteError | null, email: string): void
}

/**
 * Creates the email status over the cart's `$email` store.
 *
 * @example
 * const status = createEmailStatus($email)
 * const saved = status.wait('ada@example.com')
 * status.settle(null, 'ada@example.com') // saved resolves; $email is { state: 'saved', ... }
 */
export function createEmailStatus($email: WritableAtom<EmailCaptureState>): EmailStatus {
  const waiting = new Set<(error: ToteError | null, email: string) => void>()
  return {
    wait(email) {
      return new Promise<void>((resolve, reject) => {
        const waiter = (error: ToteError | null, settled: string) => {
          if (settled !== email) return
          waiting.delete(waiter)
          if (error) reject(error)
          else resolve()
        }
        waiting.add(waiter)
      })
    },
    settle(error, email) {
      const current = $email.get()
      const unchanged = !error && current.state === 'saved' && current.email === email
      if (email && !unchanged) {
        $email.set(error ? { state: 'error', email, error } : { state: 'saved', email })
      }
      for (const waiter of [...waiting]) waiter(error, email)
    },
  }
}
