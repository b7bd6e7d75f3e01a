/**
 * A step-up challenge for a money movement: the customer picks a method the platform offers (SMS code
 * or passkey on web banking), proves it, and the caller gets the single-use challenge token.
 */
import { useMutation } from '@apollo/client/react';
import {
  StartChallengeDocument,
  VerifyChallengeDocument,
  type ChallengeContextInput,
  type ChallengeMethod,
  type ChallengePurpose,
} from '@documents';
import { useEffect, useState, type FormEvent } from 'react';
import { Button, Card, Field, Notice } from '../../shared/components';
import { errorMessage } from '../../shared/errors';
import { getPasskey, passkeysSupported } from './webauthn';

const METHOD_NAMES: Partial<Record<ChallengeMethod, string>> = { SMS: '短信验证码', PASSKEY: '通行密钥' };

export function StepUp(props: {
  purpose: ChallengePurpose;
  context: ChallengeContextInput;
  methods: readonly string[];
  onVerified(token: string): void;
  onCancel(): void;
}) {
  const usable = props.methods.filter(
    (method): method is ChallengeMethod => method === 'SMS' || (method === 'PASSKEY' && passkeysSupported()),
  );
  const [challengeId, setChallengeId] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [start, { loading: starting }] = useMutation(StartChallengeDocument);
  const [verify, { loading: verifying }] = useMutation(VerifyChallengeDocument);
  // The code field replaces the method buttons: the focus moves to it.
  useEffect(() => {
    if (challengeId) document.querySelector<HTMLInputElement>('input[name="stepUpCode"]')?.focus();
  }, [challengeId]);

  async function begin(method: ChallengeMethod) {
    setError('');
    try {
      const { data } = await start({ variables: { purpose: props.purpose, context: props.context, method } });
      const challenge = data?.startChallenge;
      if (!challenge) return;
      if (method === 'PASSKEY' && challenge.passkeyOptionsJson) {
        const passkeyResponseJson = await getPasskey(challenge.passkeyOptionsJson);
        const verified = await verify({ variables: { id: challenge.id, proof: { passkeyResponseJson } } });
        if (verified.data) props.onVerified(verified.data.verifyChallenge.token);
      } else setChallengeId(challenge.id);
    } catch (failure) {
      setError(failure instanceof Error && !('errors' in failure) ? failure.message : errorMessage(failure));
    }
  }

  async function submitCode(event: FormEvent) {
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
        <form onSubmit={(event) => void submitCode(event)} noValidate>
          <Notice kind="info">验证码已发送至您的手机</Notice>
          <Field
            label="短信验证码"
            name="stepUpCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.target.value.trim())}
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
          {usable.map((method) => (
            <Button key={method} busy={starting || verifying} onClick={() => void begin(method)}>
              使用{METHOD_NAMES[method]}验证
            </Button>
          ))}
          {usable.length === 0 ? <Notice>网上银行暂不支持此笔交易所需的验证方式，请使用手机银行</Notice> : null}
          <Button variant="secondary" onClick={props.onCancel}>
            取消
          </Button>
        </div>
      )}
    </Card>
  );
}
