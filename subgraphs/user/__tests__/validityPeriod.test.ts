import { checkValidity, parseValidityText, termForAge, wholeYearsBetween } from '../service/verification/validityPeriod';

const TODAY = '2026-12-02';

describe('parseValidityText', () => {
  test('a period with two dates, inside other OCR text', () => {
    expect(parseValidityText('签发机关 Issuing\n有效期限 2020.01.15-2040.01.15\n')).toEqual({
      validFrom: '2020-01-15',
      end: { kind: 'DATE', date: '2040-01-15' },
    });
  });

  test('commas, middle dots, spaces and long dashes as OCR reads them', () => {
    expect(parseValidityText('2016 ,05·09 — 2026.05 .09')).toEqual({
      validFrom: '2016-05-09',
      end: { kind: 'DATE', date: '2026-05-09' },
    });
  });

  test('长期 is long-term; anything else after the dash is an unreadable end', () => {
    expect(parseValidityText('2010.03.01-长期')).toEqual({ validFrom: '2010-03-01', end: { kind: 'LONG_TERM' } });
    expect(parseValidityText('2010.03.01-KH')).toEqual({ validFrom: '2010-03-01', end: { kind: 'UNREADABLE' } });
  });

  test('no start date, or one that does not exist, is nothing', () => {
    expect(parseValidityText('no dates here')).toBeUndefined();
    expect(parseValidityText('2020.02.30-2030.02.30')).toBeUndefined();
  });
});

describe('terms of the Resident Identity Card Law, article 5', () => {
  test('by age at issue', () => {
    expect([10, 15, 16, 25, 26, 45, 46, 80].map(termForAge)).toEqual([5, 5, 10, 10, 20, 20, null, null]);
  });

  test('whole years count a birthday only once it is reached', () => {
    expect(wholeYearsBetween('1990-06-15', '2020-06-14')).toBe(29);
    expect(wholeYearsBetween('1990-06-15', '2020-06-15')).toBe(30);
  });
});

describe('checkValidity', () => {
  test('a 20-year card of someone issued it at 30', () => {
    expect(checkValidity(parseValidityText('2020.01.01-2040.01.01'), '1990-03-07', TODAY)).toEqual({
      period: { validFrom: '2020-01-01', validUntil: '2040-01-01' },
      endInferred: false,
      problems: [],
    });
  });

  test('a term that the law does not know, or not for that age', () => {
    expect(checkValidity(parseValidityText('2020.01.01-2035.01.01'), undefined, TODAY).problems).toEqual(['VALIDITY_TERM']);
    expect(checkValidity(parseValidityText('2020.01.01-2030.01.01'), '1970-01-01', TODAY).problems).toEqual(['VALIDITY_TERM_FOR_AGE']);
  });

  test('the age may be one year lower at application than at issue', () => {
    // 26 at issue, applied at 25: a 10-year card is right.
    expect(checkValidity(parseValidityText('2016.02.01-2026.02.01'), '1990-01-15', '2025-01-01').problems).toEqual([]);
  });

  test('expired and not yet valid cards', () => {
    expect(checkValidity(parseValidityText('2006.05.09-2026.05.09'), '1980-01-01', TODAY).problems).toEqual(['CARD_EXPIRED']);
    expect(checkValidity(parseValidityText('2027.01.01-2047.01.01'), '1990-01-01', TODAY).problems).toEqual(['CARD_NOT_YET_VALID']);
  });

  test('an unreadable end is long-term only for a holder 46 or older at issue', () => {
    expect(checkValidity(parseValidityText('2010.03.01-KH'), '1950-01-01', TODAY)).toEqual({
      period: { validFrom: '2010-03-01', validUntil: null },
      endInferred: true,
      problems: [],
    });
    expect(checkValidity(parseValidityText('2010.03.01-KH'), '1990-01-01', TODAY).problems).toEqual(['VALIDITY_UNREADABLE']);
    expect(checkValidity(parseValidityText('2010.03.01-KH'), undefined, TODAY).problems).toEqual(['VALIDITY_UNREADABLE']);
  });

  test('a long-term card of a young holder is suspicious', () => {
    expect(checkValidity(parseValidityText('2020.01.01-长期'), '1995-01-01', TODAY).problems).toEqual(['VALIDITY_TERM_FOR_AGE']);
  });

  test('a 29 February start ends on 28 February or 1 March', () => {
    expect(checkValidity(parseValidityText('2016.02.29-2026.02.28'), undefined, '2020-01-01').problems).toEqual([]);
    expect(checkValidity(parseValidityText('2016.02.29-2026.03.01'), undefined, '2020-01-01').problems).toEqual([]);
  });

  test('nothing read', () => {
    expect(checkValidity(undefined, '1990-01-01', TODAY)).toEqual({ endInferred: false, problems: ['VALIDITY_UNREADABLE'] });
  });
});
