import { describe, expect, it } from 'vitest'
import { isToteError, type ToteArgumentError } from '../errors/index.ts'
import { type AddressIssue, type AddressRule, parseAddress, validateAddress } from './index.ts'

const apo = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  address1: 'PSC 1234, Box 5678',
  city: 'APO',
  provinceCode: 'AE',
  countryCode: 'US',
  zip: '09204',
}

const fpo = {
  lastName: 'Hopper',
  address1: 'Unit 2050 Box 4190',
  city: 'FPO',
  provinceCode: 'AP',
  countryCode: 'US',
  zip: '96278',
}

const dpo = {
  lastName: 'Hamilton',
  address1: 'Unit 8400, Box 0000',
  city: 'DPO',
  provinceCode: 'AA',
  countryCode: 'US',
  zip: '34032',
}

/** The issues of an address that must be refused. */
function issues(input: unknown): AddressIssue[] {
  const result = validateAddress(input)
  if (result.ok) throw new Error('expected the address to be refused')
  return result.issues
}

function rules(input: unknown): (AddressRule | 'format')[] {
  return issues(input).map((issue) => issue.rule)
}

describe('validateAddress: civilian addresses', () => {
  it('accepts a Norwegian and an American address', () => {
    const oslo = {
      lastName: 'Nordmann',
      address1: 'Karl Johans gate 1',
      city: 'Oslo',
      countryCode: 'NO',
    }
    expect(validateAddress(oslo)).toEqual({ ok: true, address: oslo })
    const ny = { ...oslo, city: 'New York', provinceCode: 'NY', countryCode: 'US' }
    expect(validateAddress(ny).ok).toBe(true)
  })

  it('trims fields and upper-cases the country code', () => {
    const result = validateAddress({
      lastName: ' Doe ',
      address1: ' 1 Rue Haute ',
      city: 'Lyon',
      countryCode: 'fr',
    })
    expect(result).toEqual({
      ok: true,
      address: { lastName: 'Doe', address1: '1 Rue Haute', city: 'Lyon', countryCode: 'FR' },
    })
  })

  // DOMAIN R16 is about the United States: AP is also Andhra Pradesh in India (IN-AP).
  it('does not apply the military rules to subdivisions of other countries named AA, AE or AP', () => {
    const india = {
      lastName: 'Rao',
      address1: 'Beach Road 4',
      city: 'Visakhapatnam',
      provinceCode: 'AP',
      countryCode: 'IN',
    }
    expect(validateAddress(india).ok).toBe(true)
    const ethiopia = {
      lastName: 'Bekele',
      address1: 'Bole Road 12',
      city: 'Addis Ababa',
      provinceCode: 'AA',
      countryCode: 'ET',
    }
    expect(validateAddress(ethiopia).ok).toBe(true)
  })

  it('names the field of a missing or malformed value', () => {
    const missing = issues({ address1: '1 Main St', city: 'Boston', countryCode: 'US' })
    expect(missing).toEqual([
      { field: 'lastName', rule: 'format', message: expect.stringMatching(/^lastName: /) },
    ])
    expect(issues({ ...apo, city: '   ' })).toEqual([
      { field: 'city', rule: 'format', message: 'city: city is required' },
    ])
    expect(issues({ ...apo, countryCode: 'USA' })).toEqual([
      {
        field: 'countryCode',
        rule: 'format',
        message: 'countryCode: country code is two letters, such as "US"',
      },
    ])
  })

  it('refuses what is not an address object', () => {
    expect(validateAddress(null).ok).toBe(false)
    expect(validateAddress('1 Main St').ok).toBe(false)
  })
})

describe('validateAddress: US military addresses (DOMAIN R16)', () => {
  // DOMAIN R16
  it('accepts APO with PSC and BOX, FPO and DPO with UNIT and BOX', () => {
    expect(validateAddress(apo)).toEqual({ ok: true, address: apo })
    expect(validateAddress(fpo)).toEqual({ ok: true, address: fpo })
    expect(validateAddress(dpo)).toEqual({ ok: true, address: dpo })
  })

  // DOMAIN R16
  it('accepts each of the states AA, AE and AP with each military city', () => {
    for (const provinceCode of ['AA', 'AE', 'AP']) {
      expect(validateAddress({ ...apo, provinceCode }).ok, `APO ${provinceCode}`).toBe(true)
      expect(validateAddress({ ...fpo, provinceCode }).ok, `FPO ${provinceCode}`).toBe(true)
      expect(validateAddress({ ...dpo, provinceCode }).ok, `DPO ${provinceCode}`).toBe(true)
    }
  })

  // DOMAIN R16
  it('accepts the PSC or UNIT and the BOX split over both address lines, in any case', () => {
    expect(validateAddress({ ...apo, address1: 'psc 1234', address2: 'box 5678' }).ok).toBe(true)
    expect(validateAddress({ ...fpo, address1: 'UNIT 2050', address2: 'BOX 4190' }).ok).toBe(true)
  })

  // DOMAIN R16: the country is the United States.
  it('refuses a military city outside the United States, naming the country rule', () => {
    expect(issues({ ...apo, countryCode: 'DE' })).toEqual([
      {
        field: 'countryCode',
        rule: 'military_country',
        message: 'APO addresses are in the United States: the country must be US',
      },
    ])
  })

  // DOMAIN R16: the state is AA, AE or AP.
  it('refuses a military city with another state or none, naming the state rule', () => {
    for (const provinceCode of ['NY', 'CA', undefined]) {
      expect(issues({ ...fpo, provinceCode }), String(provinceCode)).toEqual([
        {
          field: 'provinceCode',
          rule: 'military_state',
          message:
            'FPO addresses use the state AA (Armed Forces Americas), AE (Europe) or AP (Pacific)',
        },
      ])
    }
  })

  // DOMAIN R16: the city is exactly APO, FPO or DPO.
  it('refuses a military state with another city, naming the city rule', () => {
    for (const city of ['Ramstein', 'APO AE', 'A.P.O.']) {
      expect(issues({ ...apo, city }), city).toEqual([
        {
          field: 'city',
          rule: 'military_city',
          message: 'state AE is for US military addresses: the city must be APO, FPO or DPO',
        },
      ])
    }
  })

  // DOMAIN R16: APO addresses carry PSC and BOX numbers.
  it('refuses an APO address without a PSC or without a BOX number, naming the APO rule', () => {
    const expected = [
      {
        field: 'address1',
        rule: 'military_apo_line',
        message: 'APO addresses carry a PSC and a BOX number, such as "PSC 1234, Box 5678"',
      },
    ]
    expect(issues({ ...apo, address1: 'Box 5678' })).toEqual(expected)
    expect(issues({ ...apo, address1: 'PSC 1234' })).toEqual(expected)
    expect(issues({ ...apo, address1: 'PSC, Box' })).toEqual(expected)
    // UNIT is the FPO/DPO form; an APO address needs its PSC.
    expect(issues({ ...apo, address1: 'Unit 2050 Box 4190' })).toEqual(expected)
  })

  // DOMAIN R16: FPO and DPO addresses carry UNIT and BOX numbers.
  it('refuses an FPO or DPO address without a UNIT or without a BOX number, naming the rule', () => {
    expect(issues({ ...fpo, address1: 'PSC 1234, Box 5678' })).toEqual([
      {
        field: 'address1',
        rule: 'military_fpo_dpo_line',
        message: 'FPO addresses carry a UNIT and a BOX number, such as "Unit 2050, Box 4190"',
      },
    ])
    expect(issues({ ...dpo, address1: 'Unit 8400' })).toEqual([
      {
        field: 'address1',
        rule: 'military_fpo_dpo_line',
        message: 'DPO addresses carry a UNIT and a BOX number, such as "Unit 2050, Box 4190"',
      },
    ])
  })

  it('does not take a word that only contains BOX or UNIT for the number', () => {
    expect(rules({ ...fpo, address1: 'Community 2050 Xbox 4190' })).toEqual([
      'military_fpo_dpo_line',
    ])
  })

  // DOMAIN R16
  it('reports every broken rule at once, in order', () => {
    expect(rules({ ...apo, countryCode: 'GB', provinceCode: 'NY', address1: '1 Main St' })).toEqual(
      ['military_country', 'military_state', 'military_apo_line'],
    )
  })
})

describe('parseAddress', () => {
  it('returns the valid address', () => {
    expect(parseAddress(dpo)).toEqual(dpo)
  })

  // DOMAIN R16: the message says which rule is broken.
  it('throws an invalid_argument error naming the field and the first broken rule', () => {
    let error: unknown
    try {
      parseAddress({ ...apo, countryCode: 'FR', address1: 'Unit 1, Box 2' })
    } catch (caught) {
      error = caught
    }
    expect(isToteError(error, 'invalid_argument')).toBe(true)
    const argumentError = error as ToteArgumentError
    expect(argumentError.argument).toBe('address.countryCode')
    expect(argumentError.message).toBe(
      'address.countryCode: APO addresses are in the United States: the country must be US',
    )
    expect(argumentError.details).toMatchObject({ rule: 'military_country' })
    expect((argumentError.details!.issues as AddressIssue[]).map((issue) => issue.rule)).toEqual([
      'military_country',
      'military_apo_line',
    ])
  })

  it('throws for a malformed field, naming it', () => {
    expect(() => parseAddress({ ...apo, lastName: '' })).toThrow(
      'address.lastName: lastName: last name is required',
    )
  })
})
