/** A loan disbursement's ledger legs, limit treatment, receipt and reconciliation, without a database. */
import type { Order } from '../__generated__/prisma/client';
import type { LedgerEntryView } from '../../account/client';
import { legsOf, takesLimit } from '../service/advance';
import { receiptOf } from '../service/loanDisbursements';
import { checkOrder } from '../service/reconciliation';

const order = (changes: Partial<Order> = {}): Order =>
  ({
    id: 'o-1',
    kind: 'LOAN_DISBURSEMENT',
    route: 'LOAN_DISBURSEMENT',
    status: 'COMPLETED',
    amount: 12_000_00n,
    interest: 0n,
    discount: 0n,
    sourceAccountId: 'acc-1',
    destinationName: '丰收e贷',
    destinationAccountNumber: null,
    destinationBank: '本行',
    entryId: 'e-1',
    failureCode: null,
    failureReason: null,
    ...changes,
  }) as Order;
const entry = (changes: Partial<LedgerEntryView> = {}): LedgerEntryView => ({
  entryId: 'e-1',
  orderId: 'o-1',
  phase: 'FORWARD',
  kind: 'LOAN_DISBURSEMENT',
  total: '0.00',
  amount: '12000.00',
  postingCount: 2,
  ...changes,
});

describe('loan disbursement orders', () => {
  it('debit the loan book and credit the customer, one balanced pair', () => {
    expect(legsOf(order())).toEqual([
      { ledgerCode: 'LOAN_PRINCIPAL', direction: 'DEBIT', amount: '12000.00' },
      expect.objectContaining({ accountId: 'acc-1', direction: 'CREDIT', amount: '12000.00', counterpartyName: '丰收e贷' }),
    ]);
  });

  it('take no limit reservation (the money comes in)', () => {
    expect(takesLimit(order())).toBe(false);
  });

  it('answer COMPLETED, PENDING while moving, REJECTED with the reason when nothing was paid', () => {
    expect(receiptOf(order())).toEqual({ orderId: 'o-1', outcome: 'COMPLETED', failureCode: null, failureReason: null });
    expect(receiptOf(order({ status: 'CREATED' }))).toMatchObject({ outcome: 'PENDING' });
    expect(receiptOf(order({ status: 'FAILED', failureCode: 'RECOVERY_ABANDONED', failureReason: '交易处理中断' }))).toMatchObject({
      outcome: 'REJECTED',
      failureCode: 'RECOVERY_ABANDONED',
    });
  });

  it('reconcile clean with their entry and no reservation, and flag a reservation or a wrong entry', () => {
    expect(checkOrder(order(), [entry()], null)).toEqual([]);
    expect(
      checkOrder(order(), [entry()], { orderId: 'o-1', accountId: 'acc-1', amount: '12000.00', status: 'COMMITTED' }).map((m) => m.code),
    ).toEqual(['UNEXPECTED_RESERVATION']);
    expect(checkOrder(order(), [entry({ amount: '11000.00', postingCount: 3 })], null).map((m) => m.code)).toEqual([
      'AMOUNT_MISMATCH',
      'POSTING_COUNT_MISMATCH',
    ]);
  });
});
