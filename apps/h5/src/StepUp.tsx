/**
 * The step-up challenge before a money movement is confirmed: an SMS code to the customer's phone
 * (every H5 channel has it; the transaction PIN needs the native keyboard, and the biometric key lives in
 * the native app, not in its web view). The caller gets the single-use challenge token.
 */
import { useMutation } from '@apollo/client/react';
import { StartChallengeDocument, VerifyChallengeDocument, type ChallengeContextInput, type ChallengePurpose } from '@documents';
import { useState, type FormEvent } from 'react';
import { Button, Card, Field, Notice } from '../../shared/components';
import { errorMessage } from '../../shared/errors';

export function StepUp(props: {
  purpose: ChallengePurpose;
  context: ChallengeContextInput;
  methods: readonly string[];
  onVerified(token: string): void;
  onCancel(): void;
}) {
  const [challengeId, setChallengeId] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [start, { loading: starting }] = useMutation(StartChallengeDocument);
  const [verify, { loading: verifying }] = useMutation(VerifyChallengeDocument);
  const smsOffered = props.methods.includes('SMS');

  async function begin() {
    setError('');
    try {
      const { data } = await start({ variables: { purpose: props.purpose, context: props.context, method: 'SMS' } });
      if (data) setChallengeId(data.startChallenge.id);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!challengeId) return;
    if (!/^\d{6}$/.test(code)) return setError('请输入 6 位短信验证码');
    try {
      const { data } = await verify({ variables: { id: challengeId, proof: { code } } });
      if (data) props.onVerified(data.verifyChallenge.token);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <Card title="安全验证">
      <p>为保障资金安全，此笔交易需要验证您的身份。</p>
      <Notice>{error}</Notice>
      {challengeId ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Notice kind="info">验证码已发送至您的手机</Notice>
          <Field
            label="短信验证码"
            name="stepUpCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.target.value.trim())}
            autoFocus
          />
          <div className="bank-row">
            <Button type="submit" busy={verifying}>
              确认
            </Button>
            <Button variant="secondary" onClick={props.onCancel}>
              取消
            </Button>
          </div>
        </form>
      ) : (
        <div className="bank-row">
          {smsOffered ? (
            <Button busy={starting} onClick={() => void begin()} autoFocus>
              获取短信验证码
            </Button>
          ) : (
            <Notice>此笔交易所需的验证方式暂不支持，请使用手机银行 App</Notice>
          )}
          <Button variant="secondary" onClick={props.onCancel}>
            取消
          </Button>
        </div>
      )}
    </Card>
  );
}
