import { DEMO_PRODUCTS } from '../../product/seed';
import { FAQ_ENTRIES } from '../service/faqContent';
import { amountIn, parseAmount } from '../service/voice/amount';
import { draftOf } from '../service/voice/drafts';
import { interpretUtterance, mayNamePayee } from '../service/voice/intents';
import { matchPayee, surnameOf } from '../service/voice/payees';
import { searchFaqs, searchProducts } from '../service/voice/search';
import { segment } from '../service/voice/segmentation';
import { VOICE_TABLE as TABLE, VOICE_TEST_PAYEES } from './voiceTable';

/**
 * 智能语音, the pure understanding (no network, no database): a table of utterances and the draft each
 * must give — intent, amount in fen, payee match and candidates, bill kind, mobile, memo, the search's
 * first FAQ and product — then spoken amounts one by one. Latency is measured by `npm run bench:voice`.
 */

const CATALOGUE = DEMO_PRODUCTS.map((product) => ({ id: product.id, name: product.name, kind: product.kind }));
const FAQS = FAQ_ENTRIES.map((faq) => ({ id: faq.id, question: faq.question, answer: faq.answer, keywords: faq.keywords }));

test('the table has at least 40 utterances', () => {
  expect(TABLE.length).toBeGreaterThanOrEqual(40);
});

test.each(TABLE)('%s', (utterance, expected) => {
  const intent = interpretUtterance(utterance, VOICE_TEST_PAYEES, segment);
  expect(intent.intent).toBe(expected.intent);
  // Payees are asked for whenever the utterance turns out to be a transfer (and for no bill, question or inquiry).
  if (intent.intent === 'TRANSFER') expect(mayNamePayee(utterance)).toBe(true);
  if (['PAY_BILL', 'POINTS', 'ACCOUNT_HISTORY', 'SEARCH'].includes(intent.intent)) expect(mayNamePayee(utterance)).toBe(false);
  switch (expected.intent) {
    case 'TRANSFER': {
      if (intent.intent !== 'TRANSFER') break;
      expect(intent.payee.match).toBe(expected.match);
      expect(intent.payee.candidates.map((candidate) => candidate.id)).toEqual(expected.candidates);
      if (expected.fen !== undefined) expect(intent.amountFen).toBe(expected.fen);
      if (expected.spoken !== undefined) expect(intent.payee.spoken).toBe(expected.spoken);
      if (expected.memo !== undefined) expect(intent.memo).toBe(expected.memo);
      // The draft pre-fills the confirm screen with exactly this.
      const draft = draftOf(utterance, intent);
      expect(draft).toMatchObject({
        __typename: 'TransferDraft',
        payeeMatch: expected.match,
        amount: intent.amountFen === null ? null : expect.stringMatching(/^\d+\.\d{2}$/),
      });
      break;
    }
    case 'PAY_BILL':
      if (intent.intent !== 'PAY_BILL') break;
      expect(intent.billKind).toBe(expected.billKind);
      expect(intent.amountFen).toBe(expected.fen ?? null);
      expect(intent.mobile).toBe(expected.mobile ?? null);
      break;
    case 'REFUSED':
      if (intent.intent === 'REFUSED') expect(intent.reason).toBe(expected.reason);
      break;
    case 'SEARCH': {
      if (intent.intent !== 'SEARCH') break;
      const faqs = searchFaqs(intent.keywords, FAQS);
      const products = searchProducts(intent.keywords, CATALOGUE);
      if (expected.faq) expect(faqs[0]?.question).toBe(expected.faq);
      if (expected.product) expect(products.map((product) => product.name)).toContain(expected.product);
      if (expected.nothing) expect([...faqs, ...products]).toEqual([]);
      const draft = draftOf(utterance, intent, { products, faqs });
      expect(draft.__typename).toBe('SearchFallback');
      break;
    }
    default:
      expect(draftOf(utterance, intent as Exclude<typeof intent, { intent: 'REFUSED' }>).summary).toMatch(/^为您查询/);
  }
});

const AMOUNTS: [string, bigint | string][] = [
  ['100', 100_00n],
  ['3.5元', 3_50n],
  ['0.01元', 1n],
  ['1,200元', 1_200_00n],
  ['一百二十', 120_00n],
  ['一百二', 120_00n],
  ['一百零五', 105_00n],
  ['十五', 15_00n],
  ['十', 10_00n],
  ['两千五百块', 2_500_00n],
  ['两千五', 2_500_00n],
  ['1万5', 15_000_00n],
  ['1.5万', 15_000_00n],
  ['一万零五十', 10_050_00n],
  ['两万三千四百五十六块七毛八', 23_456_78n],
  ['一块五', 1_50n],
  ['三块五毛', 3_50n],
  ['五毛', 50n],
  ['5角3分', 53n],
  ['3元零5分', 3_05n],
  ['一百块零五分', 100_05n],
  ['零点五元', 50n],
  ['三点五元', 3_50n],
  ['一千万', 10_000_000_00n],
  ['负100', 'NEGATIVE'],
  ['-5元', 'NEGATIVE'],
  ['0元', 'NOT_POSITIVE'],
  ['3.555元', 'TOO_PRECISE'],
  ['一千万零一', 'OVER_LIMIT'],
  ['一亿', 'OVER_LIMIT'],
  ['一两百', 'AMBIGUOUS'],
  ['三五千', 'AMBIGUOUS'],
  ['块', 'INVALID'],
  ['万五', 'INVALID'],
];

test.each(AMOUNTS)('parseAmount(%s)', (spoken, expected) => {
  const result = parseAmount(spoken);
  expect(result.ok ? result.fen : result.reason).toBe(expected);
});

test('words that only look like numerals are not amounts; mobile numbers are not amounts', () => {
  expect(amountIn('查一下余额')).toEqual({ kind: 'none' });
  expect(amountIn('万一转错了')).toEqual({ kind: 'none' });
  expect(amountIn('给13800000001充50元')).toMatchObject({ kind: 'amount', fen: 50_00n });
  expect(amountIn('转100或者转100')).toMatchObject({ kind: 'amount', fen: 100_00n });
});

test('payee matching: full name before alias before surname + title; compound surnames', () => {
  expect(surnameOf('欧阳娜娜')).toBe('欧阳');
  expect(surnameOf('王芳')).toBe('王');
  // 王芳's full name wins over the 王 surname that two payees share.
  expect(matchPayee('给王芳转100', VOICE_TEST_PAYEES)).toMatchObject({ match: 'NAME', candidates: [{ id: 'wang-fang' }] });
  expect(matchPayee('给他转100', VOICE_TEST_PAYEES)).toMatchObject({ match: 'NOT_SAID', candidates: [] });
  expect(matchPayee('给老王转', [])).toMatchObject({ match: 'NOT_FOUND', spoken: '老王' });
});
