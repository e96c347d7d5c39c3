import type { CartAdapter } from '../adapter/index.ts'
import { browserEnvironment, type ToteEnvironment } from '../env/index.ts'
import { expected, ToteArgumentError } from '../errors/index.ts'
import type { Messages } from '../i18n/index.ts'
import type { recovery as recoveryModule } from '../recovery/index.ts'
import { assertBoolean, assertDuration, assertId, assertQuantity } from './assert.ts'
import type { CartOptions } from './types.ts'

/** `createCart`'s options, checked, with every default filled in. */
export interface CartConfig {
  adapter: CartAdapter
  env: ToteEnvironment
  maxQuantity: number
  storageKey: string
  timeoutMs: number
  retryBaseMs: number
  retryMaxMs: number
  refreshAfterMs: number
  batchWindowMs: number
  country: string | undefined
  persistEmail: boolean
  locale: string
  messages: Partial<Messages> | undefined
  recovery: typeof recoveryModule | undefined
  addressRules: CartOptions['addressRules']
}

function defaultLocale(): string {
  const g = globalThis as { document?: Document; navigator?: Navigator }
  return g.document?.documentElement?.lang || g.navigator?.language || 'en'
}

/**
 * Checks every option `createCart` takes, failing fast with an error that names it, and
 * fills in the defaults.
 *
 * @example
 * readOptions({ adapter }).timeoutMs // 15000
 */
export function readOptions(options: CartOptions): CartConfig {
  if (typeof options !== 'object' || options === null) {
    throw new ToteArgumentError('options', 'expected an options object with an adapter')
  }
  const { adapter, recovery } = options
  if (typeof adapter !== 'object' || adapter === null || typeof adapter.apply !== 'function') {
    throw new ToteArgumentError(
      'options.adapter',
      'expected a cart adapter, such as createRestAdapter(...)',
    )
  }
  const config: CartConfig = {
    adapter,
    env: { ...browserEnvironment(), ...options.env },
    maxQuantity: options.maxQuantity ?? 999,
    storageKey: options.storageKey ?? 'tote:cart',
    timeoutMs: options.timeoutMs ?? 15_000,
    retryBaseMs: options.retry?.baseMs ?? 500,
    retryMaxMs: options.retry?.maxMs ?? 30_000,
    refreshAfterMs: options.refreshAfterMs ?? 60_000,
    batchWindowMs: options.batchWindowMs ?? 100,
    country: options.country,
    persistEmail: options.persistEmail ?? false,
    locale: options.locale ?? defaultLocale(),
    messages: options.messages,
    recovery,
    addressRules: options.addressRules,
  }
  assertQuantity('options.maxQuantity', config.maxQuantity, 1, 1_000_000)
  assertId('options.storageKey', config.storageKey)
  assertDuration('options.timeoutMs', config.timeoutMs, 1)
  assertDuration('options.retry.baseMs', config.retryBaseMs, 1)
  assertDuration('options.retry.maxMs', config.retryMaxMs, config.retryBaseMs)
  assertDuration('options.refreshAfterMs', config.refreshAfterMs, 0)
  assertDuration('options.batchWindowMs', config.batchWindowMs, 0)
  if (config.country !== undefined && !/^[A-Z]{2}$/.test(String(config.country))) {
    throw new ToteArgumentError(
      'options.country',
      expected('an ISO 3166-1 code such as "NO"', config.country),
    )
  }
  assertBoolean('options.persistEmail', config.persistEmail)
  if (recovery !== undefined && typeof recovery?.open !== 'function') {
    throw new ToteArgumentError(
      'options.recovery',
      expected("recovery from '@tote/core/recovery'", recovery),
    )
  }
  return config
}
