import { describe, expected, ToteArgumentError } from '../errors/index.ts'
import type { LineAttributes } from '../line-key/index.ts'

// Checks of what the calling developer passes: each throws a ToteArgumentError that names
// the argument and says what was expected.

export function assertId(argument: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ToteArgumentError(argument, expected('a non-empty string', value))
  }
}

export function assertQuantity(
  argument: string,
  value: unknown,
  min: number,
  max: number,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ToteArgumentError(argument, expected(`a whole number from ${min} to ${max}`, value))
  }
}

export function assertDuration(
  argument: string,
  value: unknown,
  min: number,
): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new ToteArgumentError(
      argument,
      expected(`a number of milliseconds of at least ${min}`, value),
    )
  }
}

export function assertBoolean(argument: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') {
    throw new ToteArgumentError(argument, expected('true or false', value))
  }
}

export function assertAttributes(
  argument: string,
  value: unknown,
): asserts value is LineAttributes {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ToteArgumentError(argument, expected('an object of strings', value))
  }
  for (const [key, entry] of Object.entries(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      throw new ToteArgumentError(argument, `"${key}" cannot be an attribute name`)
    }
    if (typeof entry !== 'string') {
      throw new ToteArgumentError(`${argument}.${key}`, expected('a string', entry))
    }
  }
}

const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]{2,}$/

export function assertEmail(argument: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !EMAIL.test(value.trim())) {
    const got = typeof value === 'string' ? 'a malformed address' : describe(value)
    throw new ToteArgumentError(
      argument,
      `expected an email address such as "ada@example.com", got ${got}`,
    )
  }
}
