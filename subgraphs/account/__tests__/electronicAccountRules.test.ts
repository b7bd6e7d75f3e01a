import { ConfigError, parseConfig } from '../../../platform/config';
import { createLogger } from '../../../platform/observability/logger';
import { BANK_BIN, hasValidCheckDigit, luhnCheckDigit, newAccountNumber } from '../service/accountNumbers';
import { standInVerdict } from '../service/boundCardVerification/standIn';
import { createBoundCardVerifier } from '../service/boundCardVerification/verifier';

const log = createLogger('electronic-account-rules-test');
const query = { cardNumber: '6222020200123456789', bankName: '中国工商银行', holderName: '孙他行', idNumber: '330702199001010011' };

describe('numbers of accounts opened online', () => {
  it('computes the Luhn check digit of known card numbers', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(hasValidCheckDigit('79927398713')).toBe(true);
    expect(hasValidCheckDigit('79927398710')).toBe(false);
    expect(hasValidCheckDigit('4111111111111111')).toBe(true);
  });

  it('writes 19 digits on the bank BIN with a valid check digit, different each time', () => {
    const numbers = Array.from({ length: 50 }, () => newAccountNumber());
    for (const number of numbers) {
      expect(number).toMatch(/^\d{19}$/);
      expect(number.startsWith(BANK_BIN)).toBe(true);
      expect(hasValidCheckDigit(number)).toBe(true);
    }
    expect(new Set(numbers).size).toBe(50);
  });
});

describe('the clearing interface for another bank card', () => {
  it('the stand-in decides from the suffixes of the clearing simulator', () => {
    expect(standInVerdict('6222020200000001')).toBe('NAME_MISMATCH');
    expect(standInVerdict('6222020200000002')).toBe('CARD_CLOSED');
    expect(standInVerdict('6222020200000003')).toBe('CARD_FROZEN');
    expect(standInVerdict('6222020200000004')).toBe('NOT_FOUND');
    expect(standInVerdict('6222020200123456789')).toBe('MATCH');
  });

  it('development runs the stand-in; test runs it only when configured', async () => {
    const development = createBoundCardVerifier(log, { NODE_ENV: 'development' });
    expect(development.kind).toBe('stand-in');
    expect(await development.verify(query)).toBe('MATCH');
    expect(createBoundCardVerifier(log, { NODE_ENV: 'test' }).kind).toBe('unconfigured');
    expect(createBoundCardVerifier(log, { NODE_ENV: 'test', CARD_VERIFICATION_PROVIDER: 'stand-in' }).kind).toBe('stand-in');
  });

  it('production without a provider refuses another bank card with a stable code, and refuses the stand-in at start', async () => {
    const production = createBoundCardVerifier(log, {});
    expect(production.kind).toBe('unconfigured');
    await expect(production.verify(query)).rejects.toMatchObject({
      extensions: { code: 'CARD_VERIFICATION_UNAVAILABLE', field: 'input.boundBankName' },
    });
    expect(() => parseConfig({ CARD_VERIFICATION_PROVIDER: 'stand-in' })).toThrow(ConfigError);
  });
});
