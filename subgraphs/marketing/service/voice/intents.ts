/**
 * An utterance → what the customer wants, by rules over the segmented words and the text. Pure: the
 * customer's payees and the segmenter are given, so the table test runs without a network.
 *
 * Rules, first that applies:
 * 1. a question (怎么, 如何, 为什么, 什么, 在哪, 限额, 手续费, 兑换…) → SEARCH: "怎么转账" wants help, not a transfer;
 * 2. 积分 → POINTS;
 * 3. a bill word (电费, 水费, 燃气费, 话费, 宽带, 缴费, 充值 with a mobile) → PAY_BILL with its kind;
 * 4. 明细, 流水, 交易记录… → ACCOUNT_HISTORY;
 * 5. a transfer word (转账, 转给, 汇款, 打钱…), or 转/汇/打/付 with a payee or an amount → TRANSFER;
 * 6. 余额, 多少钱… → BALANCE;
 * 7. anything else → SEARCH with the utterance's content words.
 * Amounts and the payee are read from the part before a memo marker (备注, 附言, 用途, 留言).
 */
import { AmountRefusal, amountIn } from './amount';
import { PayeeMatch, VoicePayee, matchPayee } from './payees';

export type BillKind = 'ELECTRICITY' | 'WATER' | 'GAS' | 'PHONE' | 'BROADBAND';

export type VoiceIntent =
  | { intent: 'TRANSFER'; payee: PayeeMatch; amountFen: bigint | null; memo: string | null }
  | { intent: 'PAY_BILL'; billKind: BillKind | null; mobile: string | null; amountFen: bigint | null }
  | { intent: 'BALANCE' }
  | { intent: 'ACCOUNT_HISTORY' }
  | { intent: 'POINTS' }
  | { intent: 'SEARCH'; keywords: string[] }
  /** An amount was said that cannot be taken as said: the command is refused, never guessed. */
  | { intent: 'REFUSED'; reason: AmountRefusal; spoken: string };

/** Splits text into words (jieba in production, see segmentation.ts). */
export type Segmenter = (text: string) => string[];

/** A question about the bank, not a command: 怎么转账, 转账限额是多少, 积分能换什么. */
const HOW_TO = /怎么|怎样|如何|为什么|为啥|什么|在哪|哪里|多久|多长时间|限额|手续费|兑换/u;

/** Longest first: 燃气费 before 燃气. */
const BILL_WORDS: readonly [RegExp, BillKind | null][] = [
  [/电费|交电|缴电|供电/u, 'ELECTRICITY'],
  [/水费|交水|缴水|自来水/u, 'WATER'],
  [/燃气|煤气|天然气/u, 'GAS'],
  [/话费|手机充值|充值手机|给手机充|流量/u, 'PHONE'],
  [/宽带|网费/u, 'BROADBAND'],
  [/缴费|交费|生活缴费|缴纳/u, null],
];
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/u;

const HISTORY = /明细|流水|交易记录|转账记录|收支|消费记录|账单记录|最近的交易|花了多少/u;
const TRANSFER_WORDS = /转账|转给|转钱|汇款|汇给|打钱|打款|打给|付给|转过去/u;
/** Said inside other words too (转两/千五 is how jieba cuts 转两千五), so looked for in the text; 打 and 付 only as words. */
const TRANSFER_VERB = /转|汇/u;
const TRANSFER_VERB_WORDS = new Set(['打', '付']);
const BALANCE = /余额|多少钱|还剩多少|剩多少|还有多少|有多少存款|存款有多少|查.*余/u;

const MEMO = /(?:备注|附言|用途|留言)(?:是|为|写上?|写着)?[:：，,\s]*(.*)$/u;
const MAX_MEMO_LENGTH = 32;

/** Words the search leaves out. */
const STOP_WORDS = new Set([
  '我',
  '我的',
  '我要',
  '我想',
  '想',
  '要',
  '请',
  '请问',
  '帮',
  '帮我',
  '一下',
  '查',
  '查查',
  '查询',
  '看看',
  '看',
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '嗯',
  '那个',
  '这个',
  '怎么',
  '怎么办',
  '怎么样',
  '怎样',
  '如何',
  '为什么',
  '什么',
  '是',
  '在',
  '有',
  '能',
  '可以',
  '哪里',
  '哪些',
  '多少',
  '一个',
  '你们',
  '你',
  '银行',
]);

/** The text as understood: full-width folded, spaces and trailing punctuation dropped. */
export function normalizeUtterance(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[。！？!?，,、.~…]+$/u, '');
}

export function searchKeywords(words: readonly string[]): string[] {
  const kept = words
    .map((word) => word.trim())
    .filter((word) => word.length >= 2 && !STOP_WORDS.has(word) && !/^[\p{P}\p{S}\d]+$/u.test(word));
  return [...new Set(kept)];
}

function billIntent(text: string): { billKind: BillKind | null; mobile: string | null } | null {
  const mobile = MOBILE.exec(text)?.[0] ?? null;
  for (const [pattern, kind] of BILL_WORDS) {
    if (pattern.test(text)) return { billKind: kind, mobile };
  }
  // 给13800000001充50块: a top-up of the mobile said.
  if (mobile && /充/u.test(text)) return { billKind: 'PHONE', mobile };
  return null;
}

/** Said in every transfer (转, 汇, 打, 付, 给, 向). */
const MAY_NAME_PAYEE = /转|汇|打|付|给|向/u;

/**
 * Whether the utterance may be a transfer, so the customer's payees are worth asking finance for:
 * false for questions, points, bills and history, which the rules decide before any payee.
 */
export function mayNamePayee(utterance: string): boolean {
  const text = normalizeUtterance(utterance);
  return MAY_NAME_PAYEE.test(text) && !HOW_TO.test(text) && !/积分/u.test(text) && !billIntent(text) && !HISTORY.test(text);
}

export function interpretUtterance(utterance: string, payees: readonly VoicePayee[], segment: Segmenter): VoiceIntent {
  const text = normalizeUtterance(utterance);
  const words = segment(text);
  if (HOW_TO.test(text)) return { intent: 'SEARCH', keywords: searchKeywords(words) };
  if (/积分/u.test(text)) return { intent: 'POINTS' };

  const bill = billIntent(text);
  if (bill) {
    const amount = amountIn(text.replace(MOBILE, ''));
    if (amount.kind === 'refused') return { intent: 'REFUSED', reason: amount.reason, spoken: amount.spoken };
    return { intent: 'PAY_BILL', ...bill, amountFen: amount.kind === 'amount' ? amount.fen : null };
  }
  if (HISTORY.test(text)) return { intent: 'ACCOUNT_HISTORY' };

  const memoMatch = MEMO.exec(text);
  const command = memoMatch ? text.slice(0, memoMatch.index) : text;
  const commandWords = memoMatch ? segment(command) : words;
  const amount = amountIn(command);
  const payee = matchPayee(command, payees);
  const verb = TRANSFER_VERB.test(command) || commandWords.some((word) => TRANSFER_VERB_WORDS.has(word));
  const saidSomeone = payee.match !== 'NOT_SAID' || /给|向/u.test(command);
  if (TRANSFER_WORDS.test(command) || (verb && (amount.kind !== 'none' || saidSomeone))) {
    if (amount.kind === 'refused') return { intent: 'REFUSED', reason: amount.reason, spoken: amount.spoken };
    const memo = memoMatch?.[1]?.replace(/[。！？!?，,、.~…]+$/u, '').slice(0, MAX_MEMO_LENGTH) || null;
    return { intent: 'TRANSFER', payee, amountFen: amount.kind === 'amount' ? amount.fen : null, memo };
  }
  if (BALANCE.test(text)) return { intent: 'BALANCE' };
  return { intent: 'SEARCH', keywords: searchKeywords(words) };
}
