/** Where a merchant payment or loan repayment goes: the route and split per kind, and the legs posted for it. */
import type { Order } from '../__generated__/prisma/client';
import { legsOf } from '../service/advance';
import { planPayment } from '../service/merchantPaymentKinds';

const order = (changes: Partial<Order>): Order =>
  ({
    id: 'o-1',
    kind: 'LOAN_REPAYMENT',
    route: 'LOAN',
    amount: 4_249_50n,
    interest: 0n,
    discount: 0n,
    sourceAccountId: 'acc-1',
    destinationName: '消费贷还款',
    destinationAccountNumber: null,
    destinationBank: '本行',
    ...changes,
  }) as Order;

describe('planPayment', () => {
  it('keeps bill payments (the default) and top-ups on the merchant route, with nothing extra in the hash', () => {
    expect(planPayment({}, 100_00n)).toMatchObject({ kind: 'BILL_PAYMENT', route: 'MERCHANT', interestFen: 0n, hashFields: {} });
    expect(planPayment({ kind: 'TOP_UP' }, 100_00n)).toMatchObject({ kind: 'TOP_UP', route: 'MERCHANT' });
  });

  it('splits a loan repayment into principal and interest that add up to the amount exactly', () => {
    expect(planPayment({ kind: 'LOAN_REPAYMENT', principal: '4200.00', interest: '49.50' }, 4_249_50n)).toMatchObject({
      route: 'LOAN',
      interestFen: 49_50n,
      hashFields: { principal: '420000', interest: '4950' },
    });
    expect(planPayment({ kind: 'LOAN_REPAYMENT', principal: '4249.50', interest: '0' }, 4_249_50n).interestFen).toBe(0n);
  });

  it('refuses a split that does not add up, a missing part or a split on another kind, with the field', () => {
    const refused = (input: Parameters<typeof planPayment>[0]) => {
      try {
        planPayment(input, 4_249_50n);
      } catch (error) {
        return (error as { extensions: Record<string, unknown> }).extensions;
      }
      throw new Error('not refused');
    };
    expect(refused({ kind: 'LOAN_REPAYMENT', principal: '4200.00', interest: '49.49' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.principal',
    });
    expect(refused({ kind: 'LOAN_REPAYMENT', principal: '4200.00' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.interest' });
    expect(refused({ kind: 'LOAN_REPAYMENT', principal: '-1.00', interest: '4250.50' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.principal',
    });
    expect(refused({ kind: 'TOP_UP', interest: '1.00' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.interest' });
  });
});

describe('legsOf a loan repayment', () => {
  it('debits the customer and credits the loan book the principal and interest income the interest', () => {
    expect(
      legsOf(order({ interest: 49_50n })).map(({ accountId, ledgerCode, direction, amount }) => ({
        accountId,
        ledgerCode,
        direction,
        amount,
      })),
    ).toEqual([
      { accountId: 'acc-1', ledgerCode: undefined, direction: 'DEBIT', amount: '4249.50' },
      { accountId: undefined, ledgerCode: 'LOAN_PRINCIPAL', direction: 'CREDIT', amount: '4200.00' },
      { accountId: undefined, ledgerCode: 'INTEREST_INCOME', direction: 'CREDIT', amount: '49.50' },
    ]);
  });

  it('posts no zero leg: an interest-free installment has two postings, an interest-only one too', () => {
    expect(legsOf(order({ interest: 0n })).map((leg) => leg.ledgerCode ?? leg.accountId)).toEqual(['acc-1', 'LOAN_PRINCIPAL']);
    expect(legsOf(order({ interest: 4_249_50n })).map((leg) => leg.ledgerCode ?? leg.accountId)).toEqual(['acc-1', 'INTEREST_INCOME']);
  });
});
