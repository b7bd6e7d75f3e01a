/**
 * Registration: the mobile gets a code; with it, the name and a password the customer is signed in and
 * goes on to real-name verification and a class II account. On the mini-programs the platform's login
 * code goes along, so the new customer's WeChat / Alipay identity is bound at once.
 */
import { useMutation } from '@apollo/client/react';
import { CompleteRegistrationDocument, StartRegistrationDocument } from '@documents';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Field, Notice, PageLayout } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { deviceId, useH5 } from '../context';
import { useSignedInWith } from '../signIn/SignInScreen';
import { problem } from './common';

export function RegisterPage() {
  const { channel } = useH5();
  const signedInWith = useSignedInWith();
  const [mobile, setMobile] = useState('');
  const [registration, setRegistration] = useState<{ id: string; maskedMobile: string } | undefined>();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [start, { loading: starting }] = useMutation(StartRegistrationDocument);
  const [complete, { loading: completing }] = useMutation(CompleteRegistrationDocument);

  async function sendCode(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!/^1\d{10}$/.test(mobile)) return setError('请输入 11 位手机号');
    try {
      const { data } = await start({
        variables: { input: { mobile, device: { deviceId: deviceId(), platform: channel.devicePlatform } } },
      });
      if (data) setRegistration({ id: data.startRegistration.registrationId, maskedMobile: data.startRegistration.maskedMobile });
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!registration) return;
    if (!/^\d{6}$/.test(code)) return setError('请输入 6 位短信验证码');
    if (!name.trim()) return setError('请输入姓名');
    if (password.length < 8) return setError('登录密码至少 8 位，需包含字母和数字');
    try {
      const miniProgramCode = channel.miniProgram ? await channel.miniProgram.code() : undefined;
      const { data } = await complete({
        variables: { input: { registrationId: registration.id, code, name: name.trim(), password, miniProgramCode } },
      });
      if (data) signedInWith(data.completeRegistration, '/accounts/open');
    } catch (failure) {
      setError(problem(failure));
    }
  }

  return (
    <PageLayout brand={`农商银行 · ${channel.name}`} title="注册并开户">
      <Notice>{error}</Notice>
      {registration ? (
        <Card title="设置账户信息">
          <Notice kind="info">验证码已发送至 {registration.maskedMobile}</Notice>
          <form onSubmit={(event) => void submit(event)} noValidate>
            <Field
              label="短信验证码"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.target.value.trim())}
              autoFocus
            />
            <Field
              label="姓名"
              name="name"
              autoComplete="name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              hint="须与身份证上的姓名一致"
            />
            <Field
              label="登录密码"
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              hint="至少 8 位，包含字母和数字"
            />
            {channel.miniProgram ? (
              <p className="bank-hint">注册后将同时绑定您的{channel.miniProgram.platformName}账号，下次可一键登录</p>
            ) : null}
            <Button type="submit" busy={completing}>
              完成注册
            </Button>
          </form>
        </Card>
      ) : (
        <Card title="验证手机号">
          <form onSubmit={(event) => void sendCode(event)} noValidate>
            <Field
              label="手机号"
              name="mobile"
              inputMode="tel"
              autoComplete="tel"
              value={mobile}
              onChange={(event) => setMobile(event.target.value.trim())}
            />
            <Button type="submit" busy={starting}>
              获取验证码
            </Button>
          </form>
        </Card>
      )}
      <p>
        已有账户？<Link to="/sign-in">登录</Link>
      </p>
    </PageLayout>
  );
}
