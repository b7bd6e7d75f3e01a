/** WECHAT_MINI and ALIPAY_MINI: bind this WeChat / Alipay identity to the customer (an SMS challenge), for one-tap sign-in. */
import { useMutation } from '@apollo/client/react';
import { BindMiniProgramDocument, StartChallengeDocument, VerifyChallengeDocument } from '@documents';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Field, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { useH5 } from '../context';
import type { MiniProgramBridge } from '../miniProgram';
import { problem } from '../pages/common';

export function BindMiniProgramPage() {
  const { channel } = useH5();
  const bridge = channel.miniProgram as MiniProgramBridge;
  const [challengeId, setChallengeId] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [bound, setBound] = useState(false);
  const [start, { loading: starting }] = useMutation(StartChallengeDocument);
  const [verify, { loading: verifying }] = useMutation(VerifyChallengeDocument);
  const [bind, { loading: binding }] = useMutation(BindMiniProgramDocument);

  async function begin() {
    setError('');
    try {
      const { data } = await start({ variables: { purpose: 'BIND_MINI_PROGRAM', method: 'SMS' } });
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
      const verified = await verify({ variables: { id: challengeId, proof: { code } } });
      const token = verified.data?.verifyChallenge.token;
      if (!token) return;
      await bind({ variables: { code: await bridge.code(), challengeToken: token } });
      setBound(true);
    } catch (failure) {
      setError(problem(failure));
    }
  }

  if (bound)
    return (
      <Card title="绑定成功">
        <Notice kind="success">已绑定{bridge.platformName}账号，下次可一键登录</Notice>
        <Link to="/home">进入首页</Link>
      </Card>
    );
  return (
    <Card title={`绑定${bridge.platformName}账号`}>
      <p>绑定后，在{channel.name}中一键登录，无需输入密码。绑定需验证您的手机号。</p>
      <Notice>{error}</Notice>
      {challengeId ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Field
            label="短信验证码"
            name="bindCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.target.value.trim())}
            autoFocus
          />
          <Button type="submit" busy={verifying || binding}>
            确认绑定
          </Button>
        </form>
      ) : (
        <div className="bank-row">
          <Button busy={starting} onClick={() => void begin()}>
            获取验证码并绑定
          </Button>
          <Link to="/home">暂不绑定</Link>
        </div>
      )}
    </Card>
  );
}
