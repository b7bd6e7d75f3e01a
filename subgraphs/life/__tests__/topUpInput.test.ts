import { carrierOfPrefix, isMainlandMobile } from '../service/mobileNumbers';
import { validateTopUp } from '../service/topUps';

const input = (overrides: Record<string, unknown>) => ({
  mobile: '13912345678',
  amount: '100.00',
  sourceAccountId: 'acc',
  idempotencyKey: 'topup-key-1',
  ...overrides,
});
const fieldOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extensions: { code: string; field: string } }).extensions;
  }
  throw new Error('expected a refusal');
};

describe('top-up input', () => {
  it('tells the carrier from the prefix, and none for virtual operators', () => {
    expect(carrierOfPrefix('13912345678')).toBe('CHINA_MOBILE');
    expect(carrierOfPrefix('18612345678')).toBe('CHINA_UNICOM');
    expect(carrierOfPrefix('19912345678')).toBe('CHINA_TELECOM');
    expect(carrierOfPrefix('19212345678')).toBe('CHINA_BROADNET');
    expect(carrierOfPrefix('17012345678')).toBeNull();
  });

  it('accepts 11-digit mainland numbers only', () => {
    expect(isMainlandMobile('13912345678')).toBe(true);
    for (const bad of ['1391234567', '139123456789', '12912345678', '+8613912345678', '1391234567a'])
      expect(isMainlandMobile(bad)).toBe(false);
  });

  it('keeps only the mask and a blind index of the number; a named carrier wins over the prefix', () => {
    const request = validateTopUp(input({ carrier: 'CHINA_UNICOM' }));
    expect(request).toMatchObject({ mobileMasked: '139****5678', carrier: 'CHINA_UNICOM', amount: 100_00n });
    expect(JSON.stringify({ ...request, amount: '' })).not.toContain('13912345678');
    expect(validateTopUp(input({ mobile: ' 13912345678 ' })).mobileIndex).toBe(request.mobileIndex);
  });

  it.each([
    [{ amount: '99.00' }, 'input.amount'],
    [{ amount: '0' }, 'input.amount'],
    [{ amount: '1000.00' }, 'input.amount'],
    [{ mobile: '139123' }, 'input.mobile'],
    [{ mobile: '16512345678' }, 'input.carrier'],
    [{ idempotencyKey: 'short' }, 'input.idempotencyKey'],
  ])('refuses %j on %s', (overrides, field) => {
    expect(fieldOf(() => validateTopUp(input(overrides)))).toEqual({ code: 'BAD_USER_INPUT', field });
  });
});
