/** Limits: the bank's and my own per channel and period; lowering mine is immediate, raising it steps up (SMS). */
import { useMutation, useQuery } from '@apollo/client/react';
import { MyLimitsDocument, SetMyLimitDocument, type LimitPeriod } from '@documents';
import { useState, type FormEvent } from 'react';
import { Amount, Button, Card, Field, Notice, SelectField } from '../../../shared/components';
import { graphQLErrorsOf } from '../../../shared/client';
import { errorCodeOf, errorMessage } from '../../../shared/errors';
import { parseAmountInput } from '../../../shared/money';
import { StepUp } from '../StepUp';
import { Loaded } from './common';

const PERIOD_NAMES: Record<string, string> = { SINGLE: '单笔', DAILY: '日累计', YEARLY: '年累计', BALANCE: '余额' };
const SCOPE_NAMES: Record<string, string> = { ACCOUNT_CLASS: '账户类别', CHANNEL: '渠道', CUSTOMER: '客户' };
const CHANNEL_NAMES: Record<string, string> = {
  WEB: '网上银行',
  MOBILE_APP: '手机银行',
  WECHAT_MINI: '微信小程序',
  WECHAT_BANKING: '微信银行',
  ALIPAY_MINI: '支付宝小程序',
};

export function LimitsPage() {
  const { data, loading, error, refetch } = useQuery(MyLimitsDocument);
  const [setLimit, { loading: saving }] = useMutation(SetMyLimitDocument);
  const [period, setPeriod] = useState<LimitPeriod>('DAILY');
  const [amountText, setAmount] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | undefined>();
  const [stepUp, setStepUp] = useState<{ amount: string; context: Record<string, string> } | undefined>();

  async function save(amount: string, challengeToken?: string) {
    try {
      await setLimit({ variables: { channel: 'WEB', period, amount, challengeToken } });
      setStepUp(undefined);
      setMessage({ kind: 'success', text: '限额已更新' });
      void refetch();
    } catch (failure) {
      if (errorCodeOf(failure) === 'STEP_UP_REQUIRED' && !challengeToken) {
        const context = (graphQLErrorsOf(failure)[0]?.extensions?.context ?? {}) as Record<string, string>;
        setStepUp({ amount, context: { limitChannel: 'WEB', limitPeriod: period, amount, ...context } });
      } else setMessage({ kind: 'error', text: errorMessage(failure) });
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(undefined);
    const amount = parseAmountInput(amountText);
    if (!amount) return setMessage({ kind: 'error', text: '请输入正确的金额' });
    await save(amount);
  }

  return (
    <Loaded loading={loading} error={error}>
      {() => (
        <>
          {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
          <table className="bank-table">
            <caption className="bank-hint">当前限额</caption>
            <thead>
              <tr>
                <th scope="col">范围</th>
                <th scope="col">渠道</th>
                <th scope="col">类型</th>
                <th scope="col">金额</th>
                <th scope="col">设定方</th>
              </tr>
            </thead>
            <tbody>
              {(data?.limits ?? []).map((limit, index) => (
                <tr key={`${limit.scope}-${limit.channel ?? ''}-${limit.period}-${limit.accountId ?? ''}-${index}`}>
                  <td>{SCOPE_NAMES[limit.scope] ?? limit.scope}</td>
                  <td>{limit.channel ? (CHANNEL_NAMES[limit.channel] ?? limit.channel) : '全部'}</td>
                  <td>{PERIOD_NAMES[limit.period] ?? limit.period}</td>
                  <td>
                    <Amount value={limit.amount.amount} />
                  </td>
                  <td>{limit.source === 'CUSTOMER' ? '本人设置' : '银行'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {stepUp ? (
            <StepUp
              purpose="LIMIT_CHANGE"
              methods={['SMS']}
              context={stepUp.context}
              onVerified={(token) => void save(stepUp.amount, token)}
              onCancel={() => setStepUp(undefined)}
            />
          ) : (
            <Card title="设置网上银行转账限额">
              <form onSubmit={(event) => void submit(event)} noValidate>
                <SelectField
                  label="限额类型"
                  name="period"
                  value={period}
                  onChange={(event) => setPeriod(event.target.value as LimitPeriod)}
                  options={[
                    { value: 'SINGLE', label: '单笔限额' },
                    { value: 'DAILY', label: '日累计限额' },
                  ]}
                />
                <Field
                  label="限额金额（元）"
                  name="limitAmount"
                  inputMode="decimal"
                  value={amountText}
                  onChange={(event) => setAmount(event.target.value)}
                  hint="调低立即生效；调高需短信验证，且不超过银行限额"
                />
                <Button type="submit" busy={saving}>
                  保存
                </Button>
              </form>
            </Card>
          )}
        </>
      )}
    </Loaded>
  );
}
