/**
 * Mobile and password; from a device the customer has not proven on this channel, the SMS code
 * (VerifyNewDevice). On WECHAT_BANKING the gateway then keeps a device cookie, so that browser signs in
 * without a code next time; the app's web view has no device key and the mini-programs prove the device
 * with the platform code once it is bound (`proof`).
 */
import { useMutation } from '@apollo/client/react';
import { LoginDocument, ResendNewDeviceCodeDocument, VerifyNewDeviceDocument, type DeviceProofInput } from '@documents';
import { useState, type FormEvent } from 'react';
import { Button, Card, Field, Notice } from '../../../shared/components';
import { graphQLErrorsOf } from '../../../shared/client';
import { errorCodeOf, errorMessage } from '../../../shared/errors';
import { deviceId, useH5 } from '../context';
import { problem } from '../pages/common';

export function PasswordSignIn(props: {
  onSignedIn(tokens: { accessToken: string; refreshToken?: string | null }): void;
  proof?: () => Promise<DeviceProofInput | undefined>;
  /** Under the SMS code field: what verifying this device means on the channel. */
  smsHint: string;
}) {
  const { channel } = useH5();
  const [mobile, setMobile] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [pending, setPending] = useState<string | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [login, { loading: loggingIn }] = useMutation(LoginDocument);
  const [verify, { loading: verifying }] = useMutation(VerifyNewDeviceDocument);
  const [resend] = useMutation(ResendNewDeviceCodeDocument);

  async function submitPassword(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!/^1\d{10}$/.test(mobile)) return setError('请输入 11 位手机号');
    if (!password) return setError('请输入登录密码');
    try {
      const deviceProof = await props.proof?.();
      const { data } = await login({
        variables: { input: { mobile, password, device: { deviceId: deviceId(), platform: channel.devicePlatform }, deviceProof } },
      });
      if (data) props.onSignedIn(data.login);
    } catch (failure) {
      if (errorCodeOf(failure) === 'DEVICE_VERIFICATION_REQUIRED') {
        const details = graphQLErrorsOf(failure)[0]?.extensions ?? {};
        setPending(String(details.pendingLoginId));
        setNotice(`新设备登录：验证码已发送至 ${String(details.mobile ?? '您的手机')}`);
      } else setError(problem(failure));
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!pending) return;
    if (!/^\d{6}$/.test(code)) return setError('请输入 6 位短信验证码');
    try {
      const { data } = await verify({ variables: { pendingLoginId: pending, code } });
      if (data) props.onSignedIn(data.verifyNewDevice);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function resendCode() {
    if (!pending) return;
    try {
      await resend({ variables: { pendingLoginId: pending } });
      setNotice('验证码已重新发送');
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <>
      <Notice>{error}</Notice>
      <Notice kind="info">{notice}</Notice>
      {pending ? (
        <Card title="短信验证">
          <form onSubmit={(event) => void submitCode(event)} noValidate>
            <Field
              label="短信验证码"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.target.value.trim())}
              hint={props.smsHint}
              autoFocus
            />
            <div className="bank-row">
              <Button type="submit" busy={verifying}>
                验证并登录
              </Button>
              <Button variant="secondary" onClick={() => void resendCode()}>
                重新发送验证码
              </Button>
            </div>
          </form>
        </Card>
      ) : (
        <Card title="手机号登录">
          <form onSubmit={(event) => void submitPassword(event)} noValidate>
            <Field
              label="手机号"
              name="mobile"
              inputMode="tel"
              autoComplete="username"
              value={mobile}
              onChange={(event) => setMobile(event.target.value.trim())}
            />
            <Field
              label="登录密码"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <Button type="submit" busy={loggingIn}>
              登录
            </Button>
          </form>
        </Card>
      )}
    </>
  );
}
