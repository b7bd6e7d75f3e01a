import { fenToDecimal } from '../../kit/money';
import { AccountClassHolding, BankLimitRule, EffectiveLimit, effectiveLimits } from '../service/effectiveLimits';

const rule = (partial: Omit<BankLimitRule, 'accountClass' | 'channel'> & Partial<BankLimitRule>): BankLimitRule => ({
  accountClass: null,
  channel: null,
  ...partial,
});

/** The seeded bank rules, in fen. */
const RULES: BankLimitRule[] = [
  rule({ scope: 'ACCOUNT_CLASS', accountClass: 'II', period: 'DAILY', amount: 10_000_00n }),
  rule({ scope: 'ACCOUNT_CLASS', accountClass: 'II', period: 'YEARLY', amount: 200_000_00n }),
  rule({ scope: 'ACCOUNT_CLASS', accountClass: 'III', period: 'YEARLY', amount: 50_000_00n }),
  rule({ scope: 'ACCOUNT_CLASS', accountClass: 'III', period: 'DAILY', amount: 2_000_00n }),
  rule({ scope: 'ACCOUNT_CLASS', accountClass: 'III', period: 'BALANCE', amount: 2_000_00n }),
  rule({ scope: 'CHANNEL', channel: 'MOBILE_APP', period: 'DAILY', amount: 200_000_00n }),
  rule({ scope: 'CHANNEL', channel: 'MOBILE_APP', period: 'SINGLE', amount: 50_000_00n }),
  rule({ scope: 'CHANNEL', channel: 'WECHAT_MINI', period: 'SINGLE', amount: 5_000_00n }),
  rule({ scope: 'CHANNEL', channel: 'WECHAT_MINI', period: 'DAILY', amount: 20_000_00n }),
  rule({ scope: 'CHANNEL', channel: 'WEB', period: 'SINGLE', amount: 50_000_00n }),
  rule({ scope: 'CHANNEL', channel: 'WEB', period: 'DAILY', amount: 500_000_00n }),
];

const ACCOUNTS: AccountClassHolding[] = [
  { accountId: 'acc-1', accountClass: 'I', boundAccountId: null },
  { accountId: 'acc-2', accountClass: 'II', boundAccountId: 'acc-1' },
  { accountId: 'acc-3', accountClass: 'III', boundAccountId: 'acc-1' },
];

/** Readable rows: `scope channel/class period amount source`. */
const rows = (limits: EffectiveLimit[]) =>
  limits.map((l) => `${l.scope} ${l.channel ?? `${l.accountClass}@${l.accountId}`} ${l.period} ${fenToDecimal(l.amountFen)} ${l.source}`);

describe('effectiveLimits', () => {
  it("applies the lowest of the bank's rule, the channel's own limit and the all-channel limit, on every channel", () => {
    const customerLimits = [
      { channel: 'ALL' as const, period: 'DAILY' as const, amount: 1_000_00n },
      { channel: 'WEB' as const, period: 'DAILY' as const, amount: 300_00n },
      { channel: 'MOBILE_APP' as const, period: 'SINGLE' as const, amount: 40_000_00n },
    ];
    const limits = effectiveLimits({ rules: RULES, customerLimits, accounts: [], channel: null });
    expect(rows(limits)).toEqual([
      'CHANNEL WEB SINGLE 50000.00 BANK',
      'CUSTOMER WEB DAILY 300.00 CUSTOMER',
      'CUSTOMER MOBILE_APP SINGLE 40000.00 CUSTOMER',
      'CUSTOMER MOBILE_APP DAILY 1000.00 CUSTOMER',
      'CHANNEL WECHAT_MINI SINGLE 5000.00 BANK',
      'CUSTOMER WECHAT_MINI DAILY 1000.00 CUSTOMER',
      'CUSTOMER WECHAT_BANKING DAILY 1000.00 CUSTOMER',
      'CUSTOMER ALIPAY_MINI DAILY 1000.00 CUSTOMER',
    ]);
  });

  it('lists the calling channel limits, then the class limits of each class II/III account', () => {
    const limits = effectiveLimits({ rules: RULES, customerLimits: [], accounts: ACCOUNTS, channel: 'MOBILE_APP' });
    expect(rows(limits)).toEqual([
      'CHANNEL MOBILE_APP SINGLE 50000.00 BANK',
      'CHANNEL MOBILE_APP DAILY 200000.00 BANK',
      'ACCOUNT_CLASS II@acc-2 DAILY 10000.00 BANK',
      'ACCOUNT_CLASS II@acc-2 YEARLY 200000.00 BANK',
      'ACCOUNT_CLASS III@acc-3 DAILY 2000.00 BANK',
      'ACCOUNT_CLASS III@acc-3 YEARLY 50000.00 BANK',
      'ACCOUNT_CLASS III@acc-3 BALANCE 2000.00 BANK',
    ]);
  });

  it('gives a class I-only customer no class limit', () => {
    const limits = effectiveLimits({ rules: RULES, customerLimits: [], accounts: [ACCOUNTS[0]!], channel: 'WEB' });
    expect(rows(limits)).toEqual(['CHANNEL WEB SINGLE 50000.00 BANK', 'CHANNEL WEB DAILY 500000.00 BANK']);
  });

  it('shows a mini-program caller the mini-program limits only', () => {
    const limits = effectiveLimits({ rules: RULES, customerLimits: [], accounts: [], channel: 'WECHAT_MINI' });
    expect(rows(limits)).toEqual(['CHANNEL WECHAT_MINI SINGLE 5000.00 BANK', 'CHANNEL WECHAT_MINI DAILY 20000.00 BANK']);
  });

  it('replaces the bank limit with a lower customer limit on that channel and period', () => {
    const limits = effectiveLimits({
      rules: RULES,
      customerLimits: [
        { channel: 'MOBILE_APP', period: 'DAILY', amount: 100_000_00n },
        { channel: 'WEB', period: 'DAILY', amount: 1_000_00n },
      ],
      accounts: [],
      channel: 'MOBILE_APP',
    });
    expect(rows(limits)).toEqual(['CHANNEL MOBILE_APP SINGLE 50000.00 BANK', 'CUSTOMER MOBILE_APP DAILY 100000.00 CUSTOMER']);
  });

  it('never lets a customer limit raise the bank limit', () => {
    const limits = effectiveLimits({
      rules: RULES,
      customerLimits: [{ channel: 'MOBILE_APP', period: 'SINGLE', amount: 80_000_00n }],
      accounts: [],
      channel: 'MOBILE_APP',
    });
    expect(rows(limits)).toEqual(['CHANNEL MOBILE_APP SINGLE 50000.00 BANK', 'CHANNEL MOBILE_APP DAILY 200000.00 BANK']);
  });

  it('keeps a zero customer limit (payments switched off) and one on a period the bank leaves open', () => {
    const limits = effectiveLimits({
      rules: RULES,
      customerLimits: [
        { channel: 'WECHAT_MINI', period: 'SINGLE', amount: 0n },
        { channel: 'WECHAT_MINI', period: 'YEARLY', amount: 30_000_00n },
      ],
      accounts: [],
      channel: 'WECHAT_MINI',
    });
    expect(rows(limits)).toEqual([
      'CUSTOMER WECHAT_MINI SINGLE 0.00 CUSTOMER',
      'CHANNEL WECHAT_MINI DAILY 20000.00 BANK',
      'CUSTOMER WECHAT_MINI YEARLY 30000.00 CUSTOMER',
    ]);
  });

  it('lists every channel when there is no calling channel (a service view)', () => {
    const limits = effectiveLimits({ rules: RULES, customerLimits: [], accounts: [], channel: null });
    expect(limits.map((l) => l.channel)).toEqual(['WEB', 'WEB', 'MOBILE_APP', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_MINI']);
  });
});
