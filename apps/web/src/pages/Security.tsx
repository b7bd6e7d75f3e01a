/** Devices and sessions: trusted devices (rename, remove), signed-in sessions (sign one out), passkeys (add, remove). */
import { useMutation, useQuery } from '@apollo/client/react';
import {
  FinishPasskeyRegistrationDocument,
  MyDevicesDocument,
  MyPasskeysDocument,
  MySessionsDocument,
  RemoveDeviceDocument,
  RemovePasskeyDocument,
  RevokeSessionDocument,
  StartPasskeyRegistrationDocument,
} from '@documents';
import { useState } from 'react';
import { Button, Card, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { StepUp } from '../StepUp';
import { createPasskey, passkeysSupported } from '../webauthn';
import { formatTime, Loaded } from './common';

const CHANNEL_NAMES: Record<string, string> = {
  WEB: '网上银行',
  MOBILE_APP: '手机银行',
  WECHAT_MINI: '微信小程序',
  WECHAT_BANKING: '微信银行',
  ALIPAY_MINI: '支付宝小程序',
};

export function SecurityPage() {
  const devices = useQuery(MyDevicesDocument);
  const sessions = useQuery(MySessionsDocument);
  const passkeys = useQuery(MyPasskeysDocument);
  const [removeDevice] = useMutation(RemoveDeviceDocument);
  const [revokeSession] = useMutation(RevokeSessionDocument);
  const [removePasskey] = useMutation(RemovePasskeyDocument);
  const [startRegistration] = useMutation(StartPasskeyRegistrationDocument);
  const [finishRegistration] = useMutation(FinishPasskeyRegistrationDocument);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | undefined>();
  const act = (work: Promise<unknown>, success: string, refetch: () => unknown) =>
    void work
      .then(() => setMessage({ kind: 'success', text: success }))
      .catch((failure: unknown) => setMessage({ kind: 'error', text: errorMessage(failure) }))
      .finally(() => void refetch());

  async function addPasskey(challengeToken: string) {
    setAdding(false);
    try {
      const started = await startRegistration({ variables: { challengeToken } });
      const ceremony = started.data?.startPasskeyRegistration;
      if (!ceremony) return;
      const responseJson = await createPasskey(ceremony.optionsJson);
      await finishRegistration({ variables: { ceremonyId: ceremony.id, responseJson, name: '网上银行通行密钥' } });
      setMessage({ kind: 'success', text: '通行密钥已添加' });
      void passkeys.refetch();
    } catch (failure) {
      setMessage({ kind: 'error', text: failure instanceof Error && !('errors' in failure) ? failure.message : errorMessage(failure) });
    }
  }

  return (
    <Loaded loading={devices.loading || sessions.loading} error={devices.error ?? sessions.error}>
      {() => (
        <>
          {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
          <Card title="登录设备">
            <ul>
              {(devices.data?.me?.devices ?? []).map((device) => (
                <li key={device.id} className="bank-row">
                  <span>
                    {device.name}（{device.platform}）{device.trusted ? '已信任' : '未信任'}，最近使用{' '}
                    {device.lastSeenAt ? formatTime(device.lastSeenAt) : '—'}
                  </span>
                  <Button
                    variant="secondary"
                    aria-label={`移除设备 ${device.name}`}
                    onClick={() => act(removeDevice({ variables: { id: device.id } }), '设备已移除', devices.refetch)}
                  >
                    移除
                  </Button>
                </li>
              ))}
            </ul>
          </Card>
          <Card title="登录会话">
            <ul>
              {(sessions.data?.mySessions ?? []).map((session) => (
                <li key={session.id} className="bank-row">
                  <span>
                    {CHANNEL_NAMES[session.channel] ?? session.channel}，登录于 {formatTime(session.createdAt)}
                    {session.current ? '（当前会话）' : ''}
                  </span>
                  {session.current ? null : (
                    <Button
                      variant="secondary"
                      aria-label={`退出会话 ${formatTime(session.createdAt)}`}
                      onClick={() => act(revokeSession({ variables: { id: session.id } }), '会话已退出', sessions.refetch)}
                    >
                      退出该会话
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          </Card>
          <Card title="通行密钥">
            <ul>
              {(passkeys.data?.me?.passkeys ?? []).map((passkey) => (
                <li key={passkey.id} className="bank-row">
                  <span>
                    {passkey.name ?? '通行密钥'}，创建于 {formatTime(passkey.createdAt)}
                  </span>
                  <Button
                    variant="secondary"
                    aria-label={`删除通行密钥 ${passkey.name ?? ''}`}
                    onClick={() => act(removePasskey({ variables: { id: passkey.id } }), '通行密钥已删除', passkeys.refetch)}
                  >
                    删除
                  </Button>
                </li>
              ))}
            </ul>
            {!passkeysSupported() ? (
              <p>此浏览器不支持通行密钥</p>
            ) : adding ? (
              <StepUp
                purpose="REGISTER_PASSKEY"
                methods={['SMS']}
                context={{}}
                onVerified={(token) => void addPasskey(token)}
                onCancel={() => setAdding(false)}
              />
            ) : (
              <Button onClick={() => setAdding(true)}>添加通行密钥</Button>
            )}
          </Card>
        </>
      )}
    </Loaded>
  );
}
