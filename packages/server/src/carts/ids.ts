import { randomBytes } from 'node:crypto'

/** An unguessable id: cart ids are capabilities (whoever has one sees that cart, docs/domain.md R2). */
export function newId(prefix: string, bytes = 16): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`
}
