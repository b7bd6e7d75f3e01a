import { DEMO_CUSTOMERS, DemoCustomer } from '../kit/demo';
import type { PrismaClient } from './__generated__/prisma/client';
import { encryptHolderName } from './service/holderName';
import { JournalEntryInput, postJournalEntry } from './service/ledger';
import { CLASS_III_BALANCE_CAP_FEN, THIS_BANK } from './service/electronicAccounts';

const BANK = THIS_BANK;

/** The bank's own general-ledger accounts (reference data, seeded in every mode by referenceData.ts). */
export const LEDGER_ACCOUNTS = [
  { id: 'gl-cash', ledgerCode: 'CASH', holderName: '现金及存放款项', number: '9000000000000000001' },
  { id: 'gl-interbank-clearing', ledgerCode: 'INTERBANK_CLEARING', holderName: '跨行清算往来', number: '9000000000000000002' },
  { id: 'gl-merchant-settlement', ledgerCode: 'MERCHANT_SETTLEMENT', holderName: '商户待清算', number: '9000000000000000003' },
  { id: 'gl-product-custody', ledgerCode: 'PRODUCT_CUSTODY', holderName: '理财产品托管', number: '9000000000000000004' },
  { id: 'gl-payroll', ledgerCode: 'PAYROLL_SETTLEMENT', holderName: '代发工资过渡户', number: '9000000000000000005' },
  // Time deposits (finance's DEPOSIT_OPEN / DEPOSIT_WITHDRAWAL orders): principal held, interest paid, coupon discounts funded.
  { id: 'gl-time-deposit', ledgerCode: 'TIME_DEPOSIT', holderName: '定期储蓄存款', number: '9000000000000000006' },
  { id: 'gl-interest-expense', ledgerCode: 'INTEREST_EXPENSE', holderName: '利息支出', number: '9000000000000000007' },
  { id: 'gl-marketing-expense', ledgerCode: 'MARKETING_EXPENSE', holderName: '营销费用', number: '9000000000000000008' },
  // Loan repayments (finance's LOAN_REPAYMENT orders): the principal back to the loan book, the interest earned.
  { id: 'gl-loan-principal', ledgerCode: 'LOAN_PRINCIPAL', holderName: '贷款本金', number: '9000000000000000009' },
  { id: 'gl-interest-income', ledgerCode: 'INTEREST_INCOME', holderName: '利息收入', number: '9000000000000000010' },
] as const;

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const zhangMain = zhang.accounts[0]!;
const liMain = li.accounts[0]!;

/**
 * Demo history, so the account-history page has rows: each movement is a real journal entry,
 * and the balances after it are exactly the demo balances (100,000.00 / 5,000.00 / 500.00 and 20,000.00).
 */
function demoEntries(): JournalEntryInput[] {
  const opening = (customer: DemoCustomer, index: number, amount: bigint, postedAt: string): JournalEntryInput => {
    const account = customer.accounts[index]!;
    return {
      orderId: `seed-opening-${account.id}`,
      kind: 'CASH_DEPOSIT',
      memo: '开户存入',
      channel: 'WEB',
      postedAt: new Date(postedAt),
      legs: [
        { accountId: account.id, amount },
        { accountId: 'gl-cash', amount: -amount },
      ],
    };
  };
  return [
    opening(zhang, 0, 99_000_00n, '2026-11-01T01:30:00.000Z'),
    opening(zhang, 1, 5_000_00n, '2026-11-01T01:35:00.000Z'),
    opening(zhang, 2, 500_00n, '2026-11-01T01:40:00.000Z'),
    opening(li, 0, 13_150_00n, '2026-11-01T02:00:00.000Z'),
    {
      orderId: 'seed-payroll-2026-11',
      kind: 'PAYROLL',
      memo: '11月工资',
      channel: 'WEB',
      postedAt: new Date('2026-11-10T01:00:00.000Z'),
      legs: [
        {
          accountId: zhangMain.id,
          amount: 8_000_00n,
          counterpartyName: '浙江丰收农业有限公司',
          counterpartyAccountNumber: '6230589000000000901',
          counterpartyBank: BANK,
        },
        { accountId: 'gl-payroll', amount: -8_000_00n },
      ],
    },
    {
      orderId: 'seed-electricity-2026-11',
      kind: 'BILL_PAYMENT',
      memo: '电费缴纳',
      channel: 'MOBILE_APP',
      postedAt: new Date('2026-11-15T12:20:00.000Z'),
      legs: [
        { accountId: zhangMain.id, amount: -150_00n, counterpartyName: '国网浙江省电力有限公司', counterpartyBank: BANK },
        { accountId: 'gl-merchant-settlement', amount: 150_00n },
      ],
    },
    {
      orderId: 'seed-transfer-2026-11',
      kind: 'TRANSFER',
      memo: '房租',
      channel: 'MOBILE_APP',
      postedAt: new Date('2026-11-20T09:15:00.000Z'),
      legs: [
        {
          accountId: zhangMain.id,
          amount: -6_850_00n,
          counterpartyName: li.name,
          counterpartyAccountNumber: liMain.number,
          counterpartyBank: BANK,
        },
        {
          accountId: liMain.id,
          amount: 6_850_00n,
          counterpartyName: zhang.name,
          counterpartyAccountNumber: zhangMain.number,
          counterpartyBank: BANK,
        },
      ],
    },
  ];
}

/** Demo data: the demo customers' accounts and their history (posted against the GL accounts of the reference data). */
export async function seedAccountCenter(prisma: PrismaClient): Promise<void> {
  await prisma.account.createMany({
    data: DEMO_CUSTOMERS.flatMap((customer) =>
      customer.accounts.map((account) => ({
        id: account.id,
        kind: 'CUSTOMER' as const,
        ownerId: customer.id,
        number: account.number,
        holderNameCipher: encryptHolderName(account.id, customer.name),
        accountClass: account.accountClass,
        boundAccountId: account.boundToId,
        // PBOC class III balance cap, 2,000.00 (银发〔2018〕16号); the account's CHECK constraint enforces it.
        balanceCap: account.accountClass === 'III' ? CLASS_III_BALANCE_CAP_FEN : null,
        openedAt: new Date('2026-11-01T01:00:00.000Z'),
      })),
    ),
    skipDuplicates: true,
  });
  const posted = new Set((await prisma.journalEntry.findMany({ select: { orderId: true } })).map((entry) => entry.orderId));
  for (const entry of demoEntries()) {
    if (!posted.has(entry.orderId)) await postJournalEntry(prisma, entry);
  }
}
