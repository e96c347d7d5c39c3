import { describe, expect, it } from 'vitest'
import { isToteError } from '../errors/index.ts'
import { checkMilitaryAddress, isMilitaryAddress, militaryAddressRules } from './index.ts'

// docs/domain.md R16: US military addresses.

const apo = {
  address1: 'PSC 1234, Box 5678',
  city: 'APO',
  provinceCode: 'AE',
  zip: '09204',
  countryCode: 'US',
}
const fpo = {
  address1: 'Unit 2050 Box 4190',
  city: 'FPO',
  provinceCode: 'AP',
  zip: '96278',
  countryCode: 'US',
}

describe('checkMilitaryAddress (docs/domain.md R16)', () => {
  it('accepts APO, FPO and DPO addresses that follow every rule, and leaves other addresses alone', () => {
    expect(checkMilitaryAddress(apo)).toBeNull()
    expect(checkMilitaryAddress(fpo)).toBeNull()
    expect(checkMilitaryAddress({ ...fpo, city: 'DPO', provinceCode: 'AA' })).toBeNull()
    const paris = { address1: '1 Rue de Rivoli', city: 'Paris', zip: '75001', countryCode: 'FR' }
    expect(isMilitaryAddress(paris)).toBe(false)
    expect(checkMilitaryAddress(paris)).toBeNull()
  })

  it.each([
    [{ ...apo, city: 'Apo' }, 'city', /city APO, FPO or DPO, exactly/],
    [{ ...apo, provinceCode: 'NY' }, 'provinceCode', /state AA, AE or AP/],
    [{ ...apo, countryCode: 'DE' }, 'countryCode', /country US/],
    [{ ...apo, address1: 'Box 5678' }, 'address1', /APO address carries its PSC and BOX/],
    [{ ...fpo, address1: 'PSC 12 Box 4190' }, 'address1', /FPO address carries its UNIT and BOX/],
    [
      { ...fpo, city: 'DPO', address1: 'Unit 2050' },
      'address1',
      /DPO address carries its UNIT and BOX/,
    ],
  ])('refuses a broken rule, naming R16 and the field: %o', (address, field, message) => {
    const problem = checkMilitaryAddress(address)
    expect(problem).toMatchObject({ rule: 'R16', field })
    expect(problem?.message).toMatch(/^docs\/domain\.md R16: /)
    expect(problem?.message).toMatch(message)
  })

  it('throws a ToteArgumentError naming the field and the rule', () => {
    expect(() => militaryAddressRules(apo)).not.toThrow()
    try {
      militaryAddressRules({ ...apo, provinceCode: 'CA' })
      expect.unreachable()
    } catch (error) {
      expect(isToteError(error, 'invalid_argument')).toBe(true)
      expect((error as Error).message).toMatch(/address\.provinceCode.*R16/)
    }
  })
})
