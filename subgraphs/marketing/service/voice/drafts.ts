/**
 * What the API answers for an understood utterance: one draft per intent, with the Chinese read-back
 * the channel shows (or speaks). Pure. A draft pre-fills a confirm screen; nothing here moves money.
 */
import { fenToDecimal } from '../../../kit/money';
import type { BillKind, VoiceIntent } from './intents';
import type { PayeeMatchKind, VoicePayee } from './payees';
import type { SearchableFaq, SearchableProduct } from './search';

export interface VoicePayeeCandidate {
  payeeId: string;
  name: string;
  alias: string | null;
  maskedAccountNumber: string;
  bankName: string;
}

interface Draft {
  text: string;
  summary: string;
}

export type VoiceDraft =
  | (Draft & {
      __typename: 'TransferDraft';
      payeeMatch: PayeeMatchKind;
      spokenPayee: string | null;
      candidates: VoicePayeeCandidate[];
      amount: string | null;
      memo: string | null;
    })
  | (Draft & { __typename: 'BillPaymentDraft'; billKind: BillKind | null; mobile: string | null; amount: string | null })
  | (Draft & { __typename: 'BalanceInquiry' | 'AccountHistoryInquiry' | 'PointsInquiry' })
  | (Draft & {
      __typename: 'SearchFallback';
      keywords: string[];
      products: { id: string }[];
      faqs: { id: string; question: string; answer: string }[];
    });

/** What the search found, for a SEARCH intent. */
export interface SearchResults {
  products: readonly SearchableProduct[];
  faqs: readonly SearchableFaq[];
}

const BILL_NAMES: Record<BillKind, string> = {
  ELECTRICITY: '电费',
  WATER: '水费',
  GAS: '燃气费',
  PHONE: '话费',
  BROADBAND: '宽带费',
};

const candidate = (payee: VoicePayee): VoicePayeeCandidate => ({
  payeeId: payee.id,
  name: payee.name,
  alias: payee.alias,
  maskedAccountNumber: payee.maskedAccountNumber,
  bankName: payee.bankName,
});

const yuan = (fen: bigint | null) => (fen === null ? null : fenToDecimal(fen));

function transferSummary(intent: Extract<VoiceIntent, { intent: 'TRANSFER' }>): string {
  const amount = intent.amountFen === null ? '' : `${fenToDecimal(intent.amountFen)}元`;
  const then = amount ? '，请确认' : '，请输入金额';
  const { payee } = intent;
  switch (payee.match) {
    case 'NAME':
    case 'ALIAS':
    case 'SURNAME_TITLE':
      return `向${payee.candidates[0]!.name}转账${amount}${then}`;
    case 'AMBIGUOUS':
      return `找到${payee.candidates.length}位收款人“${payee.spoken}”，请选择后${amount ? `转账${amount}` : '转账'}`;
    case 'NOT_FOUND':
      return `收款人中没有“${payee.spoken}”，请填写收款账户${amount ? `，转账${amount}` : ''}`;
    case 'NOT_SAID':
      return `请选择收款人${amount ? `，转账${amount}` : ''}`;
  }
}

/** The draft for an understood utterance (not REFUSED: a refusal is an error, see voiceCommands.ts). */
export function draftOf(text: string, intent: Exclude<VoiceIntent, { intent: 'REFUSED' }>, found?: SearchResults): VoiceDraft {
  switch (intent.intent) {
    case 'TRANSFER':
      return {
        __typename: 'TransferDraft',
        text,
        summary: transferSummary(intent),
        payeeMatch: intent.payee.match,
        spokenPayee: intent.payee.spoken,
        candidates: intent.payee.candidates.map(candidate),
        amount: yuan(intent.amountFen),
        memo: intent.memo,
      };
    case 'PAY_BILL': {
      const what = intent.billKind ? BILL_NAMES[intent.billKind] : '生活缴费';
      const amount = intent.amountFen === null ? '' : `${fenToDecimal(intent.amountFen)}元`;
      const summary =
        intent.billKind === 'PHONE'
          ? `为${intent.mobile ?? '手机'}充值话费${amount}，请确认`
          : `缴纳${what}${amount}，请选择缴费单位和户号`;
      return {
        __typename: 'BillPaymentDraft',
        text,
        summary,
        billKind: intent.billKind,
        mobile: intent.mobile,
        amount: yuan(intent.amountFen),
      };
    }
    case 'BALANCE':
      return { __typename: 'BalanceInquiry', text, summary: '为您查询账户余额' };
    case 'ACCOUNT_HISTORY':
      return { __typename: 'AccountHistoryInquiry', text, summary: '为您查询交易明细' };
    case 'POINTS':
      return { __typename: 'PointsInquiry', text, summary: '为您查询积分余额' };
    case 'SEARCH': {
      const products = found?.products ?? [];
      const faqs = found?.faqs ?? [];
      return {
        __typename: 'SearchFallback',
        text,
        summary: products.length + faqs.length > 0 ? '为您找到以下相关内容' : '暂时没有理解您的意思，请换个说法试试',
        keywords: intent.keywords,
        products: products.map((product) => ({ id: product.id })),
        faqs: faqs.map((faq) => ({ id: faq.id, question: faq.question, answer: faq.answer })),
      };
    }
  }
}
