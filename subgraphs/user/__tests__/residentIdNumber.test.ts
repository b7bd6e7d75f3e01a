import { checkCharacterOf, parseResidentIdNumber } from '../service/verification/residentIdNumber';

const TODAY = '2026-12-02';

describe('GB 11643-1999 check character (ISO 7064 MOD 11-2)', () => {
  test("the standard's own examples", () => {
    expect(checkCharacterOf('11010519491231002')).toBe('X');
    expect(checkCharacterOf('44052418800101001')).toBe('4');
  });

  test('refuses anything but 17 digits', () => {
    expect(() => checkCharacterOf('1101051949123100')).toThrow();
    expect(() => checkCharacterOf('1101051949123100A')).toThrow();
  });
});

describe('parseResidentIdNumber', () => {
  test('reads region, birth date and sex (17th digit even: female)', () => {
    expect(parseResidentIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      idNumber: { value: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'FEMALE' },
    });
  });

  test('an odd 17th digit is male; a lower-case x and spaces around are accepted', () => {
    const first17 = '32010219900307001';
    const result = parseResidentIdNumber(` ${first17}${checkCharacterOf(first17).toLowerCase()} `, TODAY);
    expect(result).toMatchObject({ ok: true, idNumber: { birthDate: '1990-03-07', sex: 'MALE' } });
  });

  test('a wrong check character is refused', () => {
    expect(parseResidentIdNumber('110105194912310021', TODAY)).toEqual({ ok: false, problem: 'ID_NUMBER_CHECK_DIGIT' });
  });

  test('a malformed number is refused', () => {
    for (const value of ['', '11010519491231002', '1101051949123100XX', '11010519491231002Y', '110105194912310O2X']) {
      expect(parseResidentIdNumber(value, TODAY)).toEqual({ ok: false, problem: 'ID_NUMBER_FORMAT' });
    }
  });

  test('a birth date that does not exist, lies in the future or before 1900 is refused', () => {
    for (const birth of ['19900230', '20270101', '18991231', '19901301']) {
      const first17 = `110105${birth}002`;
      expect(parseResidentIdNumber(first17 + checkCharacterOf(first17), TODAY)).toEqual({
        ok: false,
        problem: 'ID_NUMBER_BIRTH_DATE',
      });
    }
  });

  test('29 February exists only in leap years', () => {
    const leap = '11010520000229001';
    expect(parseResidentIdNumber(leap + checkCharacterOf(leap), TODAY).ok).toBe(true);
    const common = '11010519990229001';
    expect(parseResidentIdNumber(common + checkCharacterOf(common), TODAY)).toMatchObject({ problem: 'ID_NUMBER_BIRTH_DATE' });
  });

  test('an unknown province code is refused', () => {
    const first17 = '99010519800101001';
    expect(parseResidentIdNumber(first17 + checkCharacterOf(first17), TODAY)).toEqual({ ok: false, problem: 'ID_NUMBER_REGION' });
  });
});
