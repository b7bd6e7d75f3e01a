/**
 * Spoken amounts → integer fen. Pure: no segmentation, no network.
 *
 * `parseAmount` reads one amount as a customer says it: Arabic numerals with decimals (`3.5元`,
 * `1,200`), Chinese numerals (`一百二十`, `两千五百块`, `三点五元`), mixed forms (`1万5` = 15,000,
 * `1.5万`), the colloquial dropped last unit (`一百二` = 120, `两千五` = 2,500) and yuan–jiao–fen
 * (`一块五` = 1.50, `三块五毛` = 3.50, `五毛` = 0.50, `3元零5分` = 3.05). It refuses what it cannot
 * read as exactly one amount: a sign (`负100`), more than two decimals, zero, a range (`一两百`,
 * `三五千`) and anything over the limit (by default finance's transfer maximum, 10,000,000.00).
 *
 * `amountsIn` finds the amounts said in a whole utterance; `amountIn` answers the one amount or why
 * there is none. A bare single Chinese digit (`查一下`, `两个`) and long digit strings without a unit
 * (a mobile or account number) are not amounts.
 */

/** Finance's maximum for one transfer: 10,000,000.00 yuan. */
export const MAX_VOICE_AMOUNT_FEN = 1_000_000_000n;

export type AmountRefusal = 'INVALID' | 'NEGATIVE' | 'NOT_POSITIVE' | 'TOO_PRECISE' | 'OVER_LIMIT' | 'AMBIGUOUS';

export type AmountResult = { ok: true; fen: bigint } | { ok: false; reason: AmountRefusal };

/** Customer-visible reasons (Chinese), by refusal. */
export const AMOUNT_REFUSAL_MESSAGES: Record<AmountRefusal, string> = {
  INVALID: '没有听清金额，请再说一次',
  NEGATIVE: '金额不能为负数',
  NOT_POSITIVE: '金额必须大于零',
  TOO_PRECISE: '金额最多精确到分',
  OVER_LIMIT: '金额超出单笔上限',
  AMBIGUOUS: '金额不明确，请说出一个确切的金额',
};

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  幺: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, bigint> = { 十: 10n, 拾: 10n, 百: 100n, 佰: 100n, 千: 1000n, 仟: 1000n };
const BIG_UNITS: Record<string, bigint> = { 万: 10_000n, 亿: 100_000_000n };
const YUAN = ['块钱', '元钱', '块', '元', '圆'] as const;

/** An exact decimal: `n / 10^scale`. */
interface Decimal {
  n: bigint;
  scale: number;
}

const ZERO: Decimal = { n: 0n, scale: 0 };
const pow10 = (scale: number) => 10n ** BigInt(scale);
const add = (a: Decimal, b: Decimal): Decimal => {
  const scale = Math.max(a.scale, b.scale);
  return { n: a.n * pow10(scale - a.scale) + b.n * pow10(scale - b.scale), scale };
};
const times = (a: Decimal, factor: bigint): Decimal => ({ n: a.n * factor, scale: a.scale });
const isZero = (a: Decimal) => a.n === 0n;

/** Fen of a yuan decimal, or null when it has a fraction of a fen. */
function toFen(yuan: Decimal): bigint | null {
  const scaled = yuan.n * 100n;
  const divisor = pow10(yuan.scale);
  return scaled % divisor === 0n ? scaled / divisor : null;
}

type Token =
  { kind: 'number'; value: Decimal; digit: boolean } | { kind: 'zero' } | { kind: 'small'; unit: bigint } | { kind: 'big'; unit: bigint };

/** Full-width digits and separators to ASCII; thousands separators dropped. */
function normalizeDigits(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/(\d),(?=\d{3})/g, '$1')
    .replace(/。/g, '.');
}

function tokenize(numeral: string): Token[] | AmountRefusal {
  const tokens: Token[] = [];
  const chars = [...numeral];
  for (let index = 0; index < chars.length;) {
    const char = chars[index]!;
    if (/\d/.test(char)) {
      let text = '';
      while (index < chars.length && /[\d.]/.test(chars[index]!)) text += chars[index++];
      const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
      if (!match) return 'INVALID';
      const fraction = match[2] ?? '';
      tokens.push({
        kind: 'number',
        value: { n: BigInt(match[1]! + fraction), scale: fraction.length },
        digit: !fraction && match[1]!.length === 1,
      });
      continue;
    }
    if (char in CHINESE_DIGITS) {
      const next = chars[index + 1];
      if (next === '点') {
        // 三点五, 零点五: a Chinese decimal; every digit after 点 is a decimal digit.
        let fraction = '';
        index += 2;
        while (index < chars.length && chars[index]! in CHINESE_DIGITS) fraction += String(CHINESE_DIGITS[chars[index++]!]);
        if (!fraction) return 'INVALID';
        tokens.push({ kind: 'number', value: { n: BigInt(`${CHINESE_DIGITS[char]}${fraction}`), scale: fraction.length }, digit: false });
        continue;
      }
      const digit = CHINESE_DIGITS[char]!;
      if (digit === 0) {
        tokens.push(chars.length === 1 ? { kind: 'number', value: ZERO, digit: true } : { kind: 'zero' });
        index += 1;
        continue;
      }
      // 一两百, 三五千: two digits side by side say a range, not an amount.
      if (next !== undefined && next in CHINESE_DIGITS && CHINESE_DIGITS[next] !== 0) return 'AMBIGUOUS';
      tokens.push({ kind: 'number', value: { n: BigInt(digit), scale: 0 }, digit: true });
      index += 1;
      continue;
    }
    if (char in SMALL_UNITS) tokens.push({ kind: 'small', unit: SMALL_UNITS[char]! });
    else if (char in BIG_UNITS) tokens.push({ kind: 'big', unit: BIG_UNITS[char]! });
    else return 'INVALID';
    index += 1;
  }
  return tokens;
}

/** The yuan value of a numeral (no currency unit): Arabic, Chinese or mixed. */
export function numeralValue(numeral: string): Decimal | AmountRefusal {
  const tokens = tokenize(normalizeDigits(numeral));
  if (typeof tokens === 'string') return tokens;
  if (tokens.length === 0) return 'INVALID';
  let total = ZERO; // whole 万 / 亿 groups
  let section = ZERO; // below 万
  let coefficient: { value: Decimal; digit: boolean } | null = null;
  let lastUnit: bigint | null = null;
  let zeroSinceUnit = false;
  let seenAnything = false;
  for (const token of tokens) {
    switch (token.kind) {
      case 'number':
        if (coefficient) return 'INVALID';
        coefficient = { value: token.value, digit: token.digit };
        break;
      case 'zero':
        zeroSinceUnit = true;
        break;
      case 'small': {
        // 十 alone or at the start means 一十 (十五 = 15); elsewhere a unit needs its digit.
        const value = coefficient?.value ?? (token.unit === 10n && !seenAnything ? { n: 1n, scale: 0 } : null);
        if (!value) return 'INVALID';
        if (lastUnit !== null && lastUnit < 10_000n && token.unit >= lastUnit) return 'INVALID';
        section = add(section, times(value, token.unit));
        lastUnit = token.unit;
        coefficient = null;
        zeroSinceUnit = false;
        break;
      }
      case 'big': {
        const group = add(section, coefficient?.value ?? ZERO);
        if (isZero(group)) return 'INVALID';
        total = token.unit === 100_000_000n ? times(add(total, group), token.unit) : add(total, times(group, token.unit));
        section = ZERO;
        lastUnit = token.unit;
        coefficient = null;
        zeroSinceUnit = false;
        break;
      }
    }
    seenAnything = true;
  }
  if (coefficient) {
    // 一百二 = 120, 两千五 = 2,500, 1万5 = 15,000: a last single digit right after a unit of a
    // hundred or more counts in the next unit down, unless a 零 came between (一百零五 = 105).
    const colloquial = coefficient.digit && lastUnit !== null && lastUnit >= 100n && !zeroSinceUnit;
    section = add(section, colloquial ? times(coefficient.value, lastUnit! / 10n) : coefficient.value);
  }
  return add(total, section);
}

/** A jiao/fen tail after 块/元 or on its own: 五 (= 5 角), 五毛, 七毛八, 5角3分, 零5分. */
function tailValue(tail: string, afterYuan: boolean): Decimal | AmountRefusal {
  const match = /^零?(?:([0-9一二两三四五六七八九])(角|毛)?)?(?:([0-9一二两三四五六七八九])(分)?)?$/u.exec(normalizeDigits(tail));
  if (!match || (!match[1] && !match[3])) return 'INVALID';
  const digit = (char: string | undefined) => (char === undefined ? 0n : BigInt(CHINESE_DIGITS[char] ?? Number(char)));
  const [, jiao, jiaoUnit, fen, fenUnit] = match;
  // 七毛八 = 0.78; a second digit without 毛/角 before it or 分 after it is not said that way.
  if (fen && !fenUnit && !jiaoUnit) return 'INVALID';
  // A bare digit after 块 is jiao (一块五); 零5 without 分 is not a spoken amount.
  if (jiao && !jiaoUnit && !afterYuan) return 'INVALID';
  if (jiao && !jiaoUnit && tail.startsWith('零')) return 'INVALID';
  return { n: digit(jiao) * 10n + digit(fen), scale: 2 };
}

const AMOUNT_SHAPE = new RegExp(
  '^(负|-|−)?([0-9０-９零〇一幺二两三四五六七八九十拾百佰千仟万亿点.,]*)' +
    `(${YUAN.join('|')})?` +
    '([零0-9一二两三四五六七八九角毛分]*)$',
  'u',
);

/** One spoken amount ("两千五百块", "1万5", "3.5元", "一块五") → fen, or why not. */
export function parseAmount(spoken: string, maxFen: bigint = MAX_VOICE_AMOUNT_FEN): AmountResult {
  const text = spoken.trim();
  const match = AMOUNT_SHAPE.exec(text);
  if (!text || !match) return { ok: false, reason: 'INVALID' };
  const [, sign, numeral = '', yuanUnit, tail = ''] = match;
  let yuan: Decimal = ZERO;
  if (numeral) {
    const value = numeralValue(numeral);
    if (typeof value === 'string') return { ok: false, reason: value };
    yuan = value;
  } else if (yuanUnit || !tail) {
    return { ok: false, reason: 'INVALID' };
  }
  if (tail) {
    // Without 块/元 a tail is only jiao/fen with their units (五毛, 5角): "5" alone is yuan.
    if (!yuanUnit && numeral && !/[角毛分]$/.test(tail)) return { ok: false, reason: 'INVALID' };
    if (!yuanUnit && numeral) {
      // 五毛 / 3角: the numeral is the jiao digit itself.
      const jiao = tailValue(numeral + tail, false);
      if (typeof jiao === 'string') return { ok: false, reason: jiao };
      yuan = jiao;
    } else {
      const cents = tailValue(tail, true);
      if (typeof cents === 'string') return { ok: false, reason: cents };
      if (yuan.scale > 0 && yuan.n % pow10(yuan.scale) !== 0n) return { ok: false, reason: 'INVALID' };
      yuan = add(yuan, cents);
    }
  }
  if (sign) return { ok: false, reason: 'NEGATIVE' };
  const fen = toFen(yuan);
  if (fen === null) return { ok: false, reason: 'TOO_PRECISE' };
  if (fen <= 0n) return { ok: false, reason: 'NOT_POSITIVE' };
  if (fen > maxFen) return { ok: false, reason: 'OVER_LIMIT' };
  return { ok: true, fen };
}

export interface AmountMention {
  /** The words as said, e.g. "两千五百块". */
  spoken: string;
  /** Where it starts in the utterance. */
  index: number;
  result: AmountResult;
}

const MENTION = new RegExp(
  '(负|-|−)?([0-9０-９零〇一幺二两三四五六七八九十拾百佰千仟万亿][0-9０-９零〇一幺二两三四五六七八九十拾百佰千仟万亿点.,]*)' +
    `(${YUAN.join('|')})?` +
    '((?:零?[0-9一二两三四五六七八九])?(?:角|毛)?(?:[0-9一二两三四五六七八九]分?)?)',
  'gu',
);

/** Every amount said in an utterance, in order; words that only look like numerals are left out. */
export function amountsIn(utterance: string, maxFen: bigint = MAX_VOICE_AMOUNT_FEN): AmountMention[] {
  const mentions: AmountMention[] = [];
  for (const match of normalizeDigits(utterance).matchAll(MENTION)) {
    const [whole, , numeral = '', yuanUnit, tail = ''] = match;
    const trimmedNumeral = numeral.replace(/[.,点]+$/, '');
    const hasUnit = Boolean(yuanUnit) || /[角毛]/.test(tail);
    // Without a currency unit, a tail is jiao only when it says so; "5分钟" is not money.
    const spoken = hasUnit ? whole : (match[1] ?? '') + trimmedNumeral;
    if (!hasUnit) {
      if (!trimmedNumeral) continue;
      // 查一下, 两个, 一点: one Chinese digit alone is a word, not an amount.
      if ([...trimmedNumeral].length === 1 && !/\d/.test(trimmedNumeral)) continue;
      // A mobile, card or account number.
      if (/^\d{7,}$/.test(trimmedNumeral)) continue;
    }
    const result = parseAmount(spoken, maxFen);
    // Bare words that are not numerals at all (万一) are not amounts; anything with a unit is.
    if (!hasUnit && !result.ok && result.reason === 'INVALID') continue;
    mentions.push({ spoken, index: match.index, result });
  }
  return mentions;
}

export type UtteranceAmount =
  { kind: 'none' } | { kind: 'amount'; fen: bigint; spoken: string } | { kind: 'refused'; reason: AmountRefusal; spoken: string };

/** The one amount of an utterance: none said, exactly one (said once or repeated), or refused. */
export function amountIn(utterance: string, maxFen: bigint = MAX_VOICE_AMOUNT_FEN): UtteranceAmount {
  const mentions = amountsIn(utterance, maxFen);
  if (mentions.length === 0) return { kind: 'none' };
  const refused = mentions.find((mention) => !mention.result.ok);
  if (refused && !refused.result.ok) return { kind: 'refused', reason: refused.result.reason, spoken: refused.spoken };
  const values = new Set(mentions.map((mention) => (mention.result as { fen: bigint }).fen));
  if (values.size > 1) return { kind: 'refused', reason: 'AMBIGUOUS', spoken: mentions.map((mention) => mention.spoken).join('、') };
  return { kind: 'amount', fen: (mentions[0]!.result as { fen: bigint }).fen, spoken: mentions[0]!.spoken };
}
