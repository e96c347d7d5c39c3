import type { AdapterContext } from '../adapter/index.ts'
import type { ToteEnvironment } from '../env/index.ts'
import { ToteAdapterError } from '../errors/index.ts'

/** How one adapter call runs. */
export interface CallOptions {
  env: ToteEnvironment
  timeoutMs: number
  /** Aborts the call (the cart was destroyed). */
  signal: AbortSignal
  idempotencyKey: string
  /** The cart's locale, passed on to the adapter. */
  locale?: string
}

/**
 * Runs one adapter call with a timeout and the engine's abort signal. Either ends the call at
 * once, whatever the adapter does with its own signal: a timeout rejects with `timeout`, an
 * abort with the signal's reason, and the timer is gone the moment either happens.
 *
 * @example
 * const cart = await callAdapter({ env, timeoutMs: 15_000, signal, idempotencyKey }, (ctx) =>
 *   adapter.get(cartId, ctx),
 * )
 */
export function callAdapter<T>(
  options: CallOptions,
  run: (ctx: AdapterContext) => Promise<T>,
): Promise<T> {
  const { env, timeoutMs, signal } = options
  const controller = new AbortController()
  return new Promise<T>((resolve, reject) => {
    const end = (error: unknown) => {
      env.clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
      controller.abort(error)
      reject(error)
    }
    const onAbort = () => end(signal.reason)
    const timer = env.setTimeout(
      () =>
        end(new ToteAdapterError('timeout', `the backend did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    )
    if (signal.aborted) return end(signal.reason)
    signal.addEventListener('abort', onAbort)
    const { idempotencyKey, locale } = options
    run({ signal: controller.signal, idempotencyKey, ...(locale ? { locale } : {}) }).then(
      (value) => {
        env.clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => end(error),
    )
  })
}
