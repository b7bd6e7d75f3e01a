import { digitsOf, findBirthDate, findIdNumber, findValidity } from '../service/verification/idCardFields';
import type { OcrLine } from '../service/verification/ocrEngine';

/** An OCR line from words with confidences: `line(['a', 0.5], ['b', 0.9])`. */
const line = (...words: [string, number][]): OcrLine => ({
  text: words.map(([text]) => text).join(' '),
  words: words.map(([text, confidence]) => ({ text, confidence })),
});

describe('digitsOf', () => {
  test('digit words, with look-alike letters mapped and edge punctuation dropped', () => {
    expect(digitsOf('110105')).toBe('110105');
    expect(digitsOf('1949123lOO2x,')).toBe('1949123100' + '2X');
    expect(digitsOf('Name')).toBeUndefined();
    expect(digitsOf('a4%')).toBeUndefined();
  });
});

describe('findIdNumber', () => {
  test('joins a number split by the OCR and prefers a valid check character', () => {
    const lines = [line(['EEAF', 0.2], ['110105194', 0.9], ['912310021', 0.9]), line(['11010519491231002X', 0.6])];
    expect(findIdNumber(lines)).toEqual({ value: '11010519491231002X', confidence: 0.6 });
  });

  test('a number with a wrong check character is still found, for the caller to refuse', () => {
    expect(findIdNumber([line(['ID', 0.1], ['110105194912310021', 0.7])])).toEqual({ value: '110105194912310021', confidence: 0.7 });
  });

  test('a valid window inside a longer run of digits', () => {
    expect(findIdNumber([line(['411010519491231002X', 0.8])])?.value).toBe('11010519491231002X');
  });

  test('nothing of 18 characters', () => {
    expect(findIdNumber([line(['1101051949', 0.9]), line(['Name', 0.9])])).toBeUndefined();
  });
});

describe('findBirthDate', () => {
  test('confirmed through the stray characters 年 月 日 become', () => {
    expect(findBirthDate([line(['ei', 0.3], ['2000', 0.9], ['+11', 0.5], ['B91', 0.4])], '2000-11-09')).toEqual({
      kind: 'CONFIRMED',
      confidence: (0.9 + 0.5 + 0.4) / 3,
    });
    expect(findBirthDate([line(['a', 0.1], ['c=', 0.3], ['1952-81261', 0.7])], '1952-08-26').kind).toBe('NOT_READ');
    expect(findBirthDate([line(['1952', 0.9], ['81261', 0.7])], '1952-08-26').kind).toBe('CONFIRMED');
  });

  test('another clearly read year is a contradiction; an unclear one is not', () => {
    expect(findBirthDate([line(['1985', 0.9], ['3', 0.9], ['7', 0.9])], '1990-03-07')).toEqual({ kind: 'DIFFERENT_YEAR', year: '1985' });
    expect(findBirthDate([line(['1985', 0.4], ['3', 0.9], ['7', 0.9])], '1990-03-07')).toEqual({ kind: 'NOT_READ' });
  });
});

describe('findValidity', () => {
  test('the period line and the confidence of its numeric words', () => {
    expect(findValidity([line(['HEA', 0.2]), line(['TEFe', 0.1], ['2016.01.03-2036.01.03', 0.8])])).toEqual({
      value: { validFrom: '2016-01-03', end: { kind: 'DATE', date: '2036-01-03' } },
      confidence: 0.8,
    });
    expect(findValidity([line(['none', 0.9])])).toBeUndefined();
  });
});
