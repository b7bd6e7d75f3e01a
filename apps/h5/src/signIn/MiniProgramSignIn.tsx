/**
 * WECHAT_MINI and ALIPAY_MINI: one tap signs in with the platform's login code (loginWithMiniProgram)
 * once the customer has bound this WeChat / Alipay identity. The first time the code is not bound yet:
 * the customer signs in with mobile and password (SMS on a new device), then binds the identity with an
 * SMS challenge (/bind), and the next sign-in is one tap.
 */
import { useMutation } from '@apollo/client/react';
import { LoginWithMiniProgramDocument } from '@documents';
import { useState } from 'react';
import { Button, Card, Notice } from '../../../shared/components';
import { errorCodeOf } from '../../../shared/errors';
import { deviceId, useH5 } from '../context';
import type { MiniProgramBridge } from '../miniProgram';
import { problem } from '../pages/common';
import { PasswordSignIn } from './PasswordSignIn';
import { SignInScreen, useSignedInWith } from './SignInScreen';

export function MiniProgramSignIn() {
  const { channel } = useH5();
  const bridge = channel.miniProgram as MiniProgramBridge;
  const signedInWith = useSignedInWith();
  const [unbound, setUnbound] = useState(false);
  const [error, setError] = useState('');
  const [login, { loading }] = useMutation(LoginWithMiniProgramDocument);

  async function oneTap() {
    setError('');
    try {
      const code = await bridge.code();
      const { data } = await login({ variables: { code, device: { deviceId: deviceId(), platform: bridge.platform } } });
      if (data) signedInWith(data.loginWithMiniProgram);
    } catch (failure) {
      if (errorCodeOf(failure) === 'MINI_PROGRAM_NOT_BOUND') setUnbound(true);
      else setError(problem(failure));
    }
  }

  return (
    <SignInScreen>
      <Notice>{error}</Notice>
      <Card title={`${bridge.platformName}快捷登录`}>
        <p>已绑定{bridge.platformName}账号的客户，一键登录，无需输入密码。</p>
        {bridge.sandbox ? <p className="bank-hint">开发环境：使用{bridge.platformName}沙箱身份</p> : null}
        <Button busy={loading} onClick={() => void oneTap()} data-track="mini-one-tap">
          {bridge.platformName}一键登录
        </Button>
      </Card>
      {unbound ? (
        <Notice kind="info">您的{bridge.platformName}账号尚未绑定本行账户：请先用手机号和密码登录，登录后绑定，下次即可一键登录</Notice>
      ) : null}
      <PasswordSignIn
        // A bound identity proves the device with a fresh platform code; unbound, the device id stands until binding.
        proof={async () => ({ miniProgramCode: await bridge.code() })}
        onSignedIn={(tokens) => signedInWith(tokens, unbound ? '/bind' : undefined)}
        smsHint={`验证通过后，可在${channel.name}中绑定${bridge.platformName}账号`}
      />
    </SignInScreen>
  );
}
