/** Error codes of the Tote protocol (`{ code, message, details }` bodies). */
export type ProtocolErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'not_found'
  | 'cart_not_found'
  | 'cart_completed'
  | 'cart_expired'
  | 'cart_empty'
  | 'cart_too_large'
  | 'amount_too_large'
  | 'insufficient_stock'
  | 'idempotency_key_reused'
  | 'idempotency_key_in_progress'
  | 'invalid_recovery_link'
  | 'invalid_unsubscribe_link'
  | 'customer_not_found'
  | 'customer_not_deletable'
  | 'order_not_found'
  | 'billing_address_locked'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'server_busy'
  | 'internal_error'

/** A failure the server answers with an HTTP status and a `{ code, message, details }` body. */
export class ProtocolError extends Error {
  override name = 'ProtocolError'
  readonly status: number
  readonly code: ProtocolErrorCode
  readonly details: Record<string, unknown>

  constructor(
    status: number,
    code: ProtocolErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message)
    this.status = status
    this.code = code
    this.details = details
  }

  /** The JSON body sent to the client. */
  toBody(): { code: ProtocolErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details }
  }
}
