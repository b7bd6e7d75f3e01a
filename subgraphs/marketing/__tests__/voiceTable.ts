/**
 * The voice-command table: utterances and what each must be understood as, for a customer with these
 * saved payees. Read by voiceCommands.test.ts (each draft checked) and by `npm run bench:voice` (parse latency).
 */
import type { VoicePayee } from '../service/voice/payees';

const payee = (id: string, name: string, alias: string | null = null): VoicePayee => ({
  id,
  name,
  alias,
  maskedAccountNumber: '6230 **** **** 0021',
  bankName: '本行',
});

/** A customer's saved payees: two named 王, one with a compound surname, aliases. */
export const VOICE_TEST_PAYEES: readonly VoicePayee[] = [
  payee('li', '李秀英', '房东'),
  payee('wang-jianguo', '王建国'),
  payee('wang-fang', '王芳', '表姐'),
  payee('ouyang', '欧阳娜娜'),
  payee('chen', '陈静', '妈妈'),
];

export type Expected =
  | { intent: 'TRANSFER'; match: string; candidates: string[]; fen?: bigint | null; spoken?: string | null; memo?: string | null }
  | { intent: 'PAY_BILL'; billKind: string | null; fen?: bigint | null; mobile?: string | null }
  | { intent: 'BALANCE' | 'ACCOUNT_HISTORY' | 'POINTS' }
  | { intent: 'SEARCH'; faq?: string; product?: string; nothing?: true }
  | { intent: 'REFUSED'; reason: string };

const transfer = (
  match: string,
  candidates: string[],
  fen: bigint | null,
  extra: { spoken?: string | null; memo?: string | null } = {},
): Expected => ({
  intent: 'TRANSFER',
  match,
  candidates,
  fen,
  ...extra,
});
const bill = (billKind: string | null, fen: bigint | null = null, mobile: string | null = null): Expected => ({
  intent: 'PAY_BILL',
  billKind,
  fen,
  mobile,
});
const refused = (reason: string): Expected => ({ intent: 'REFUSED', reason });
const WANGS = ['wang-jianguo', 'wang-fang'];

export const VOICE_TABLE: [string, Expected][] = [
  // Transfers: a payee by full name, alias, surname + title; amounts Arabic, Chinese, mixed.
  ['给李秀英转100元', transfer('NAME', ['li'], 100_00n, { spoken: '李秀英' })],
  ['转账给李秀英两千五百块', transfer('NAME', ['li'], 2_500_00n)],
  ['向陈静汇款五百元', transfer('NAME', ['chen'], 500_00n)],
  ['给欧阳娜娜转88.8元', transfer('NAME', ['ouyang'], 88_80n)],
  ['给王建国转账1,200元', transfer('NAME', ['wang-jianguo'], 1_200_00n)],
  ['转五毛给李秀英', transfer('NAME', ['li'], 50n)],
  ['给李秀英转一百二十', transfer('NAME', ['li'], 120_00n)],
  ['李秀英转账3.5元', transfer('NAME', ['li'], 3_50n)],
  ['给房东转3000块备注12月房租', transfer('ALIAS', ['li'], 3_000_00n, { spoken: '房东', memo: '12月房租' })],
  ['给表姐转一块五', transfer('ALIAS', ['wang-fang'], 1_50n)],
  ['给妈妈打五百块钱', transfer('ALIAS', ['chen'], 500_00n)],
  ['给老李转200', transfer('SURNAME_TITLE', ['li'], 200_00n, { spoken: '老李' })],
  ['给李总转账一千', transfer('SURNAME_TITLE', ['li'], 1_000_00n, { spoken: '李总' })],
  ['给小陈转三块五毛', transfer('SURNAME_TITLE', ['chen'], 3_50n, { spoken: '小陈' })],
  ['给欧阳老师转1万', transfer('SURNAME_TITLE', ['ouyang'], 10_000_00n, { spoken: '欧阳老师' })],
  // Several payees named 王: candidates, never a guess.
  ['给老王转两千五', transfer('AMBIGUOUS', WANGS, 2_500_00n, { spoken: '老王' })],
  ['给王老师转一百二', transfer('AMBIGUOUS', WANGS, 120_00n, { spoken: '王老师' })],
  ['给小王转500', transfer('AMBIGUOUS', WANGS, 500_00n)],
  ['给王总打1万5', transfer('AMBIGUOUS', WANGS, 15_000_00n)],
  ['王姐转账3.5元', transfer('AMBIGUOUS', WANGS, 3_50n)],
  ['给老王转账', transfer('AMBIGUOUS', WANGS, null)],
  // Nobody or nobody saved.
  ['给老张转100块', transfer('NOT_FOUND', [], 100_00n, { spoken: '老张' })],
  ['给张三转账100', transfer('NOT_FOUND', [], 100_00n, { spoken: '张三' })],
  ['我要转账', transfer('NOT_SAID', [], null, { spoken: null })],
  ['转账五千元，备注：还款', transfer('NOT_SAID', [], 5_000_00n, { memo: '还款' })],
  // Amounts that cannot be taken as said: refused, nothing drafted.
  ['给李秀英转一两百', refused('AMBIGUOUS')],
  ['转100还是200给李秀英', refused('AMBIGUOUS')],
  ['给李秀英转-100元', refused('NEGATIVE')],
  ['给李秀英转0元', refused('NOT_POSITIVE')],
  ['给李秀英转3.555元', refused('TOO_PRECISE')],
  ['给李秀英转两千万', refused('OVER_LIMIT')],
  // Bills and top-ups (the life center's biller categories).
  ['交电费', bill('ELECTRICITY')],
  ['帮我交一下水费', bill('WATER')],
  ['缴燃气费200元', bill('GAS', 200_00n)],
  ['给13800000001充话费50元', bill('PHONE', 50_00n, '13800000001')],
  ['充话费一百块', bill('PHONE', 100_00n)],
  ['交宽带费', bill('BROADBAND')],
  ['我要缴费', bill(null)],
  // Inquiries.
  ['查一下余额', { intent: 'BALANCE' }],
  ['我卡里还有多少钱', { intent: 'BALANCE' }],
  ['账户余额', { intent: 'BALANCE' }],
  ['看看最近的交易明细', { intent: 'ACCOUNT_HISTORY' }],
  ['查一下上个月的流水', { intent: 'ACCOUNT_HISTORY' }],
  ['我的积分还有多少', { intent: 'POINTS' }],
  ['查积分', { intent: 'POINTS' }],
  // Not commands: the FAQ and the catalogue.
  ['怎么转账', { intent: 'SEARCH', faq: '如何转账给他人？' }],
  ['转账限额是多少', { intent: 'SEARCH', faq: '转账限额是多少？可以调整吗？' }],
  ['积分能换什么', { intent: 'SEARCH', faq: '积分怎么获得？可以兑换什么？' }],
  ['忘记密码了怎么办', { intent: 'SEARCH', faq: '忘记登录密码怎么办？' }],
  ['手机丢了怎么办', { intent: 'SEARCH', faq: '手机丢了怎么办？' }],
  ['有什么理财产品推荐', { intent: 'SEARCH', product: '丰收天天利' }],
  ['我想办信用卡', { intent: 'SEARCH', faq: '信用卡怎么申请？年费多少？', product: '丰收信用卡金卡' }],
  ['丰收e贷', { intent: 'SEARCH', faq: '丰收e贷怎么申请？', product: '丰收e贷' }],
  ['大额存单', { intent: 'SEARCH', product: '一年期大额存单' }],
  ['你好', { intent: 'SEARCH', nothing: true }],
];
