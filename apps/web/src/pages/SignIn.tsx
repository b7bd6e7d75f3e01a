/** Sign-in: mobile and password; on a new browser the SMS code (the gateway then keeps a device cookie); or a passkey. */
import { useMutation } from '@apollo/client/react';
import {
  LoginDocument,
  LoginWithPasskeyDocument,
  ResendNewDeviceCodeDocument,
  StartPasskeyLoginDocument,
  VerifyNewDeviceDocument,
} from '@documents';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Button, Card, Field, Notice, PageLayout } from '../../../shared/components';
import { errorCodeOf, errorMessage } from '../../../shared/errors';
import { graphQLErrorsOf } from '../../../shared/client';
import { useSignedIn, useWeb, WEB_DEVICE } from '../context';
import { getPasskey, passkeysSupported } from '../webauthn';

export function SignInPage() {
  const { bank } = useWeb();
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/home';
  const [mobile, setMobile] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [pending, setPending] = useState<{ id: string; mobile: string } | undefined>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [login, { loading: loggingIn }] = useMutation(LoginDocument);
  const [verify, { loading: verifying }] = useMutation(VerifyNewDeviceDocument);
  const [resend] = useMutation(ResendNewDeviceCodeDocument);
  const [startPasskey] = useMutation(StartPasskeyLoginDocument);
  const [passkeyLogin, { loading: passkeyBusy }] = useMutation(LoginWithPasskeyDocument);

  // The SMS step replaces the password form: the focus moves to its code field.
  useEffect(() => {
    if (pending) document.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
  }, [pending]);

  if (signedIn) return <Navigate to={from} replace />;

  const signedInWith = (accessToken: string) => {
    bank.session.set({ accessToken });
    navigate(from, { replace: true });
  };

  async function submitPassword(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!/^1\d{10}$/.test(mobile)) return setError('请输入 11 位手机号');
    if (!password) return setError('请输入登录密码');
    try {
      const { data } = await login({ variables: { input: { mobile, password, device: WEB_DEVICE() } } });
      if (data) signedInWith(data.login.accessToken);
    } catch (failure) {
      if (errorCodeOf(failure) === 'DEVICE_VERIFICATION_REQUIRED') {
        const details = graphQLErrorsOf(failure)[0]?.extensions ?? {};
        setPending({ id: String(details.pendingLoginId), mobile: String(details.mobile ?? '') });
        setNotice(`这是一台新设备：验证码已发送至 ${String(details.mobile ?? '您的手机')}`);
      } else setError(errorMessage(failure));
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!pending) return;
    if (!/^\d{6}$/.test(code)) return setError('请输入 6 位短信验证码');
    try {
      const { data } = await verify({ variables: { pendingLoginId: pending.id, code } });
      if (data) signedInWith(data.verifyNewDevice.accessToken);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function resendCode() {
    if (!pending) return;
    try {
      await resend({ variables: { pendingLoginId: pending.id } });
      setNotice('验证码已重新发送');
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function signInWithPasskey() {
    setError('');
    try {
      const started = await startPasskey();
      const ceremony = started.data?.startPasskeyLogin;
      if (!ceremony) return;
      const responseJson = await getPasskey(ceremony.optionsJson);
      const { data } = await passkeyLogin({ variables: { ceremonyId: ceremony.id, responseJson } });
      if (data) signedInWith(data.loginWithPasskey.accessToken);
    } catch (failure) {
      setError(failure instanceof Error && !('errors' in failure) ? failure.message : errorMessage(failure));
    }
  }

  return (
    <PageLayout brand="农商银行 · 网上银行" title="登录网上银行">
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
              hint="验证通过后，本浏览器将被记住，下次登录无需验证码"
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
        <Card title="密码登录">
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
      {passkeysSupported() && !pending ? (
        <Card title="通行密钥登录">
          <p>已在本设备设置通行密钥？使用指纹、面容或设备密码登录。</p>
          <Button variant="secondary" busy={passkeyBusy} onClick={() => void signInWithPasskey()}>
            使用通行密钥登录
          </Button>
        </Card>
      ) : null}
      <p>
        还没有账户？<Link to="/register">注册网上银行</Link>
      </p>
    </PageLayout>
  );
}
