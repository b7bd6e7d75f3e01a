/** Transfer from an own account to a payee; the risk check may ask for a step-up (SMS) before it is confirmed. */
import { useMutation, useQuery } from '@apollo/client/react';
import {
  AccountsDocument,
  ConfirmTransferDocument,
  CreateTransferDocument,
  MyLimitsDocument,
  type CreateTransferMutation,
} from '@documents';
import { useState, type FormEvent } from 'react';
import { Amount, Button, Card, Field, Notice, SelectField } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { formatMoney, parseAmountInput } from '../../../shared/money';
import { newIdempotencyKey, useH5 } from '../context';
import { StepUp } from '../StepUp';
import { accountLabel, Loaded, PERIOD_NAMES } from './common';

type Answer = CreateTransferMutation['createTransfer'];
interface Draft {
  fromAccountId: string;
  toAccountNumber: string;
  toName: string;
  amount: string;
  memo?: string;
  idempotencyKey: string;
}

export function TransferPage() {
  const { tracker, channel } = useH5();
  const accounts = useQuery(AccountsDocument);
  const limits = useQuery(MyLimitsDocument);
  const [fromAccountId, setFrom] = useState('');
  const [toAccountNumber, setNumber] = useState('');
  const [toName, setName] = useState('');
  const [amountText, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState('');
  const [done, setDone] = useState('');
  const [waiting, setWaiting] = useState<{ draft: Draft; orderId: string; methods: readonly string[] } | undefined>();
  const [create, { loading: creating }] = useMutation(CreateTransferDocument);
  const [confirm, { loading: confirming }] = useMutation(ConfirmTransferDocument);

  const ownAccounts = (accounts.data?.accounts ?? []).filter((account) => account.status === 'ACTIVE');
  const source = fromAccountId || ownAccounts[0]?.id || '';
  const single = limits.data?.limits.find((limit) => limit.period === 'SINGLE' && limit.scope === 'CHANNEL');

  function outcome(answer: Answer | undefined, draft: Draft) {
    if (!answer) return;
    switch (answer.__typename) {
      case 'TransferCompleted':
        setDone(`转账成功：已向 ${draft.toName} 转出 ${formatMoney(draft.amount, '¥')}`);
        break;
      case 'TransferPending':
        setDone(`转账已受理，正在处理中（${formatMoney(draft.amount, '¥')}）`);
        break;
      case 'TransferChallengeRequired':
        setWaiting({ draft, orderId: answer.order.id, methods: answer.methods });
        return;
      case 'TransferRejected':
        setFailure(`转账未成功：${answer.reason}`);
        break;
    }
    setWaiting(undefined);
    void accounts.refetch();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure('');
    setDone('');
    const amount = parseAmountInput(amountText);
    const found: Record<string, string> = {};
    if (!source) found.from = '请选择转出账户';
    if (!/^\d{12,19}$/.test(toAccountNumber)) found.number = '请输入 12–19 位收款账号';
    if (!toName.trim()) found.name = '请输入收款人户名';
    if (!amount) found.amount = '请输入正确的金额（最多两位小数）';
    setErrors(found);
    if (Object.keys(found).length || !amount) return;
    const draft: Draft = {
      fromAccountId: source,
      toAccountNumber,
      toName: toName.trim(),
      amount,
      memo: memo.trim() || undefined,
      idempotencyKey: newIdempotencyKey('h5-transfer'),
    };
    tracker.click('transfer-submit', 'transfer');
    try {
      const { data } = await create({ variables: { input: draft } });
      outcome(data?.createTransfer, draft);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  async function confirmWith(challengeToken: string) {
    if (!waiting) return;
    try {
      const { data } = await confirm({ variables: { orderId: waiting.orderId, challengeToken } });
      outcome(data?.confirmTransfer as Answer | undefined, waiting.draft);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  return (
    <Loaded loading={accounts.loading} error={accounts.error}>
      {() => (
        <>
          <Notice>{failure}</Notice>
          <Notice kind="success">{done}</Notice>
          {single ? (
            <p className="bank-hint">
              {channel.name}单笔转账限额 <Amount value={single.amount.amount} />
              {limits.data?.limits
                .filter((limit) => limit.period === 'DAILY' && limit.scope === 'CHANNEL')
                .map((limit) => (
                  <span key={limit.period}>
                    ，{PERIOD_NAMES[limit.period]} <Amount value={limit.amount.amount} />
                  </span>
                ))}
            </p>
          ) : null}
          {waiting ? (
            <>
              <p>
                向 {waiting.draft.toName} 转账 <Amount value={waiting.draft.amount} />
              </p>
              <StepUp
                purpose="TRANSFER"
                methods={waiting.methods}
                context={{
                  amount: waiting.draft.amount,
                  sourceAccountId: waiting.draft.fromAccountId,
                  payeeAccountNumber: waiting.draft.toAccountNumber,
                  payeeName: waiting.draft.toName,
                }}
                onVerified={(token) => void confirmWith(token)}
                onCancel={() => setWaiting(undefined)}
              />
              {confirming ? <p role="status">正在确认…</p> : null}
            </>
          ) : (
            <Card title="转账信息">
              <form onSubmit={(event) => void submit(event)} noValidate>
                <SelectField
                  label="转出账户"
                  name="from"
                  value={source}
                  onChange={(event) => setFrom(event.target.value)}
                  options={ownAccounts.map((account) => ({ value: account.id, label: accountLabel(account) }))}
                />
                {errors.from ? <Notice>{errors.from}</Notice> : null}
                <Field
                  label="收款账号"
                  name="toAccountNumber"
                  inputMode="numeric"
                  autoComplete="off"
                  value={toAccountNumber}
                  onChange={(event) => setNumber(event.target.value.replace(/\s/g, ''))}
                  error={errors.number}
                />
                <Field
                  label="收款人户名"
                  name="toName"
                  value={toName}
                  onChange={(event) => setName(event.target.value)}
                  error={errors.name}
                />
                <Field
                  label="转账金额（元）"
                  name="amount"
                  inputMode="decimal"
                  value={amountText}
                  onChange={(event) => setAmount(event.target.value)}
                  error={errors.amount}
                />
                <Field label="附言（选填）" name="memo" maxLength={40} value={memo} onChange={(event) => setMemo(event.target.value)} />
                <Button type="submit" busy={creating}>
                  确认转账
                </Button>
              </form>
            </Card>
          )}
        </>
      )}
    </Loaded>
  );
}
