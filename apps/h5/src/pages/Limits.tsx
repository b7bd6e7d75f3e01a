/**
 * Limits: what applies on this channel (the bank's channel limit, the customer's own, the lowest wins)
 * and setting one's own for this channel; raising it asks for a step-up (LIMIT_CHANGE).
 */
import { useMutation, useQuery } from '@apollo/client/react';
import { MyLimitsDocument, SetMyLimitDocument, type LimitPeriod } from '@documents';
import { useState, type FormEvent } from 'react';
import { Amount, Button, Card, Field, Notice, SelectField } from '../../../shared/components';
import { graphQLErrorsOf } from '../../../shared/client';
import { errorCodeOf, errorMessage } from '../../../shared/errors';
import { parseAmountInput } from '../../../shared/money';
import { useH5 } from '../context';
import { StepUp } from '../StepUp';
import { CHANNEL_NAMES, Loaded, PERIOD_NAMES } from './common';

const SCOPE_NAMES: Record<string, string> = { CHANNEL: '渠道限额', CUSTOMER: '自设限额', ACCOUNT_CLASS: '账户类别限额' };

export function LimitsPage() {
  const { channel } = useH5();
  const limits = useQuery(MyLimitsDocument);
  const [setLimit, { loading }] = useMutation(SetMyLimitDocument);
  const [period, setPeriod] = useState<LimitPeriod>('SINGLE');
  const [amountText, setAmount] = useState('');
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [stepUp, setStepUp] = useState<{ amount: string; period: LimitPeriod; methods: string[] } | undefined>();

  async function save(amount: string, chosen: LimitPeriod, challengeToken?: string) {
    setError('');
    setDone('');
    try {
      await setLimit({ variables: { channel: __BANK_CHANNEL__, period: chosen, amount, challengeToken } });
      setStepUp(undefined);
      setDone(`已将${channel.name}${PERIOD_NAMES[chosen]}限额设为 ¥${amount}`);
      void limits.refetch();
    } catch (failure) {
      if (errorCodeOf(failure) === 'STEP_UP_REQUIRED' && !challengeToken) {
        const methods = graphQLErrorsOf(failure)[0]?.extensions?.methods;
        setStepUp({ amount, period: chosen, methods: Array.isArray(methods) ? methods.map(String) : ['SMS'] });
      } else setError(errorMessage(failure));
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const amount = parseAmountInput(amountText);
    if (!amount) return setError('请输入正确的金额（最多两位小数）');
    void save(amount, period);
  }

  return (
    <Loaded loading={limits.loading} error={limits.error}>
      {() => (
        <>
          <Card title={`${channel.name}当前限额`}>
            <ul className="bank-list">
              {(limits.data?.limits ?? []).map((limit) => (
                <li key={`${limit.scope}-${limit.channel ?? 'ALL'}-${limit.period}-${limit.accountId ?? ''}-${limit.source}`}>
                  {SCOPE_NAMES[limit.scope] ?? limit.scope} · {CHANNEL_NAMES[limit.channel ?? 'ALL']} ·{' '}
                  {PERIOD_NAMES[limit.period] ?? limit.period} <Amount value={limit.amount.amount} />
                </li>
              ))}
            </ul>
            <p className="bank-hint">多个限额同时适用时，以最低者为准。</p>
          </Card>
          <Notice>{error}</Notice>
          <Notice kind="success">{done}</Notice>
          {stepUp ? (
            <StepUp
              purpose="LIMIT_CHANGE"
              methods={stepUp.methods}
              context={{ limitChannel: __BANK_CHANNEL__, limitPeriod: stepUp.period, amount: stepUp.amount }}
              onVerified={(token) => void save(stepUp.amount, stepUp.period, token)}
              onCancel={() => setStepUp(undefined)}
            />
          ) : (
            <Card title="设置我的限额">
              <form onSubmit={submit} noValidate>
                <SelectField
                  label="限额类型"
                  name="period"
                  value={period}
                  onChange={(event) => setPeriod(event.target.value as LimitPeriod)}
                  options={[
                    { value: 'SINGLE', label: '单笔' },
                    { value: 'DAILY', label: '日累计' },
                  ]}
                />
                <Field
                  label="限额金额（元）"
                  name="limitAmount"
                  inputMode="decimal"
                  value={amountText}
                  onChange={(event) => setAmount(event.target.value)}
                  hint="调低立即生效，调高需短信验证"
                />
                <Button type="submit" busy={loading}>
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
