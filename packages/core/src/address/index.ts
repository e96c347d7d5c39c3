import * as z from 'zod/mini'
import { ToteArgumentError } from '../errors/index.ts'

const Line = z.string().check(z.trim(), z.maxLength(255))

/** A postal address, as a shopper enters it. Country and province are ISO codes. */
export const AddressSchema = z.object({
  firstName: z.optional(Line),
  lastName: Line.check(z.minLength(1, 'last name is required')),
  company: z.optional(Line),
  address1: Line.check(z.minLength(1, 'address line 1 is required')),
  address2: z.optional(Line),
  city: Line.check(z.minLength(1, 'city is required')),
  /** ISO 3166-2 subdivision code without the country, such as `CA` or `AE`. */
  provinceCode: z.optional(Line),
  /** ISO 3166-1 alpha-2 country code, such as `US` or `NO`. */
  countryCode: z
    .string()
    .check(
      z.trim(),
      z.regex(/^[A-Za-z]{2}$/, 'country code is two letters, such as "US"'),
      z.toUpperCase(),
    ),
  zip: z.optional(Line),
  phone: z.optional(Line),
})

/** A postal address. */
export type Address = z.infer<typeof AddressSchema>

/** The US military address rules (DOMAIN R16), named so a message can say which one failed. */
export type AddressRule =
  | 'military_country'
  | 'military_state'
  | 'military_city'
  | 'military_apo_line'
  | 'military_fpo_dpo_line'

/** One reason an address is not valid. */
export interface AddressIssue {
  /** The field at fault. */
  field: keyof Address
  /** The broken rule, for military addresses; `format` for a malformed field. */
  rule: AddressRule | 'format'
  message: string
}

const MILITARY_CITIES = new Set(['APO', 'FPO', 'DPO'])
const MILITARY_STATES = new Set(['AA', 'AE', 'AP'])

function militaryIssues(address: Address): AddressIssue[] {
  const city = address.city.toUpperCase()
  const state = (address.provinceCode ?? '').toUpperCase()
  const issues: AddressIssue[] = []
  if (!MILITARY_CITIES.has(city)) {
    // AA, AE and AP are also subdivisions elsewhere (IN-AP Andhra Pradesh, ET-AA Addis Ababa).
    if (address.countryCode === 'US' && MILITARY_STATES.has(state)) {
      issues.push({
        field: 'city',
        rule: 'military_city',
        message: `state ${state} is for US military addresses: the city must be APO, FPO or DPO`,
      })
    }
    return issues
  }
  if (address.countryCode !== 'US') {
    issues.push({
      field: 'countryCode',
      rule: 'military_country',
      message: `${city} addresses are in the United States: the country must be US`,
    })
  }
  if (!MILITARY_STATES.has(state)) {
    issues.push({
      field: 'provinceCode',
      rule: 'military_state',
      message: `${city} addresses use the state AA (Armed Forces Americas), AE (Europe) or AP (Pacific)`,
    })
  }
  const line = `${address.address1} ${address.address2 ?? ''}`.toUpperCase()
  const box = /\bBOX\s*\d+/.test(line)
  if (city === 'APO' && !(/\bPSC\s*\d+/.test(line) && box)) {
    issues.push({
      field: 'address1',
      rule: 'military_apo_line',
      message: 'APO addresses carry a PSC and a BOX number, such as "PSC 1234, Box 5678"',
    })
  }
  if (city !== 'APO' && !(/\bUNIT\s*\d+/.test(line) && box)) {
    issues.push({
      field: 'address1',
      rule: 'military_fpo_dpo_line',
      message: `${city} addresses carry a UNIT and a BOX number, such as "Unit 2050, Box 4190"`,
    })
  }
  return issues
}

/** The outcome of {@link validateAddress}. */
export type AddressValidation =
  | { ok: true; address: Address }
  | { ok: false; issues: AddressIssue[] }

/**
 * Checks an address: its fields, and the US military rules (DOMAIN R16). Each issue names
 * the field and the rule it breaks.
 *
 * @example
 * validateAddress({ lastName: 'Doe', address1: 'PSC 1234, Box 5678', city: 'APO',
 *   provinceCode: 'AE', countryCode: 'US' }).ok // true
 */
export function validateAddress(input: unknown): AddressValidation {
  const parsed = AddressSchema.safeParse(input)
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        field: String(issue.path[0] ?? 'address1') as keyof Address,
        rule: 'format' as const,
        message: `${String(issue.path[0] ?? 'address')}: ${issue.message}`,
      })),
    }
  }
  const issues = militaryIssues(parsed.data)
  return issues.length === 0 ? { ok: true, address: parsed.data } : { ok: false, issues }
}

/** Like {@link validateAddress} but throws a `ToteArgumentError` that names the first broken rule. */
export function parseAddress(input: unknown): Address {
  const result = validateAddress(input)
  if (result.ok) return result.address
  const [first] = result.issues
  throw new ToteArgumentError(`address.${first!.field}`, first!.message, {
    details: { rule: first!.rule, issues: result.issues },
  })
}
