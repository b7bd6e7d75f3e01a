/** Bill payment: a biller and the customer number, the bills, pay one (with a step-up when the risk check asks). */
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import {
  AccountsDocument,
  BillAccountsDocument,
  BillersDocument,
  BillsDocument,
  ConfirmOrderDocument,
  PayBillDocument,
  type BillsQuery,
} from '@documents';
import { useState, type FormEvent } from 'react';
import { Amount, Button, Card, Field, Notice, SelectField } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { newIdempotencyKey, useH5 } from '../context';
import { StepUp } from '../StepUp';
import { accountLabel, Loaded } from './common';

const CATEGORY_NAMES: Record<string, string> = { ELECTRICITY: '电费', WATER: '水费', GAS: '燃气费', PHONE: '话费', BROADBAND: '宽带' };
type Bill = NonNullable<BillsQuery['bills']>[number];

export function BillsPage() {
  const { tracker } = useH5();
  const billers = useQuery(BillersDocument, { variables: {} });
  const saved = useQuery(BillAccountsDocument);
  const accounts = useQuery(AccountsDocument);
  const [loadBills, bills] = useLazyQuery(BillsDocument);
  const [pay, { loading: paying }] = useMutation(PayBillDocument);
  const [confirmOrder] = useMutation(ConfirmOrderDocument);
  const [billerId, setBiller] = useState('');
  const [customerNumber, setNumber] = useState('');
  const [sourceAccountId, setSource] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [waiting, setWaiting] = useState<{
    bill: Bill;
    orderId: string;
    amount: string;
    payee: string;
    methods: readonly string[];
    source: string;
  }>();

  const biller = billerId || billers.data?.billers[0]?.id || '';
  const ownAccounts = (accounts.data?.accounts ?? []).filter((account) => account.status === 'ACTIVE');
  const source = sourceAccountId || ownAccounts[0]?.id || '';

  async function query(event: FormEvent) {
    event.preventDefault();
    setError('');
    setDone('');
    if (!customerNumber.trim()) return setError('请输入缴费户号');
    const result = await loadBills({ variables: { billerId: biller, customerNumber: customerNumber.trim() } });
    if (result.error) setError(errorMessage(result.error));
  }

  function finished(bill: Bill) {
    setWaiting(undefined);
    setDone(`缴费成功：${bill.biller.name} ${bill.period} ${formatMoney(bill.amount.amount, '¥')}`);
    void bills.refetch();
    void accounts.refetch();
  }

  async function payBill(bill: Bill) {
    setError('');
    setDone('');
    tracker.click('bill-pay', 'bills');
    try {
      const { data } = await pay({
        variables: { input: { billId: bill.id, sourceAccountId: source, idempotencyKey: newIdempotencyKey('h5-bill') } },
      });
      const payment = data?.payBill;
      if (!payment) return;
      if (payment.status === 'COMPLETED') finished(bill);
      else if (payment.challenge && payment.orderId)
        setWaiting({
          bill,
          orderId: payment.orderId,
          amount: payment.amount.amount,
          payee: payment.challenge.payee ?? '',
          methods: payment.challenge.methods,
          source,
        });
      else if (payment.status === 'REJECTED') setError(`缴费未成功：${payment.failureReason ?? ''}`);
      else setDone('缴费已受理，正在处理中');
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function confirmWith(token: string) {
    if (!waiting) return;
    try {
      const { data } = await confirmOrder({ variables: { orderId: waiting.orderId, challengeToken: token } });
      if (data?.confirmOrder.order.status === 'COMPLETED') finished(waiting.bill);
      else setError(`缴费未成功：${data?.confirmOrder.order.failureReason ?? ''}`);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <Loaded loading={billers.loading || accounts.loading} error={billers.error ?? accounts.error}>
      {() => (
        <>
          <Notice>{error}</Notice>
          <Notice kind="success">{done}</Notice>
          {waiting ? (
            <StepUp
              purpose="BILL_PAYMENT"
              methods={waiting.methods}
              context={{ orderId: waiting.orderId, amount: waiting.amount, sourceAccountId: waiting.source, payeeName: waiting.payee }}
              onVerified={(token) => void confirmWith(token)}
              onCancel={() => setWaiting(undefined)}
            />
          ) : null}
          <Card title="查询账单">
            {saved.data?.billAccounts.length ? (
              <div className="bank-row" role="group" aria-label="常用户号">
                {saved.data.billAccounts.map((account) => (
                  <Button
                    key={`${account.biller.id}-${account.customerNumber}`}
                    variant="secondary"
                    onClick={() => {
                      setBiller(account.biller.id);
                      setNumber(account.customerNumber);
                    }}
                  >
                    {account.alias ?? account.biller.name} {account.customerNumber}
                  </Button>
                ))}
              </div>
            ) : null}
            <form onSubmit={(event) => void query(event)} noValidate>
              <SelectField
                label="缴费单位"
                name="biller"
                value={biller}
                onChange={(event) => setBiller(event.target.value)}
                options={(billers.data?.billers ?? []).map((item) => ({
                  value: item.id,
                  label: `${CATEGORY_NAMES[item.category] ?? ''} · ${item.name}`,
                }))}
              />
              <Field
                label="缴费户号"
                name="customerNumber"
                inputMode="numeric"
                value={customerNumber}
                onChange={(event) => setNumber(event.target.value.trim())}
              />
              <Button type="submit">查询账单</Button>
            </form>
          </Card>
          {bills.data?.bills ? (
            <Card title="待缴账单">
              <SelectField
                label="付款账户"
                name="source"
                value={source}
                onChange={(event) => setSource(event.target.value)}
                options={ownAccounts.map((account) => ({ value: account.id, label: accountLabel(account) }))}
              />
              {bills.data.bills.length === 0 ? <p>该户号暂无账单</p> : null}
              <ul className="bank-list">
                {bills.data.bills.map((bill) => (
                  <li key={bill.id}>
                    <span>
                      {bill.biller.name} {bill.period}（户名 {bill.holderName}）<Amount value={bill.amount.amount} />
                      {bill.status === 'PAID' ? ' 已缴清' : ''}
                    </span>{' '}
                    {bill.status === 'UNPAID' ? (
                      <Button busy={paying} onClick={() => void payBill(bill)} aria-label={`缴纳 ${bill.period} 账单`}>
                        立即缴费
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </>
      )}
    </Loaded>
  );
}
