/** Staff sign-in: username, password and the current six-digit TOTP code from the staff member's authenticator. */
import { useMutation } from '@apollo/client/react';
import { StaffLoginDocument } from '@documents';
import { useState, type FormEvent } from 'react';
import { errorCodeOf, errorMessage } from '../../shared/errors';
import { Button, Field, Notice, PageLayout } from '../../shared/components';
import type { BankClient } from '../../shared/client';

const STAFF_MESSAGES: Readonly<Record<string, string>> = {
  INVALID_CREDENTIALS: '用户名、密码或动态口令错误',
  ACCOUNT_LOCKED: '错误次数过多，账号已临时锁定，请 15 分钟后再试',
  TOTP_CODE_REUSED: '该动态口令已使用，请等待下一个动态口令',
};

export function SignIn({ bank }: { bank: BankClient }) {
  const [staffLogin, { loading }] = useMutation(StaffLoginDocument);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [failure, setFailure] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    try {
      const { data } = await staffLogin({ variables: { input: { username: username.trim(), password, totpCode: totpCode.trim() } } });
      const session = data?.staffLogin;
      // Both in memory only: an expired access token is renewed with the refresh token, a reload signs in again.
      if (session?.accessToken) bank.session.set({ accessToken: session.accessToken, refreshToken: session.refreshToken ?? undefined });
    } catch (error) {
      const code = errorCodeOf(error);
      setFailure((code && STAFF_MESSAGES[code]) ?? errorMessage(error));
      setTotpCode('');
    }
  }

  return (
    <PageLayout brand="农商银行 · 运营管理平台" title="员工登录">
      <form onSubmit={submit} aria-describedby="sign-in-hint" noValidate>
        <p id="sign-in-hint">请使用员工账号、密码和身份验证器中的 6 位动态口令登录。</p>
        <Field
          label="用户名"
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <Field
          label="密码"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Field
          label="动态口令"
          name="totpCode"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          required
          hint="身份验证器中的 6 位数字，每 30 秒更新"
          value={totpCode}
          onChange={(e) => setTotpCode(e.target.value.replace(/\D/g, ''))}
        />
        <Notice>{failure}</Notice>
        <Button type="submit" busy={loading} disabled={!username || !password || totpCode.length !== 6}>
          登录
        </Button>
      </form>
    </PageLayout>
  );
}
