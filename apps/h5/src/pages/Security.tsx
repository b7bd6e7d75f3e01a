/** Devices and sessions: the customer's devices (remove one) and signed-in sessions on every channel (end one). */
import { useMutation, useQuery } from '@apollo/client/react';
import { MyDevicesDocument, MySessionsDocument, RemoveDeviceDocument, RevokeSessionDocument } from '@documents';
import { useState } from 'react';
import { Button, Card, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { CHANNEL_NAMES, formatTime, Loaded } from './common';

export function SecurityPage() {
  const devices = useQuery(MyDevicesDocument);
  const sessions = useQuery(MySessionsDocument);
  const [removeDevice] = useMutation(RemoveDeviceDocument);
  const [revokeSession] = useMutation(RevokeSessionDocument);
  const [error, setError] = useState('');
  const act = (action: Promise<unknown>, refetch: () => unknown) =>
    action.then(() => refetch()).catch((failure: unknown) => setError(errorMessage(failure)));
  return (
    <Loaded loading={devices.loading || sessions.loading} error={devices.error ?? sessions.error}>
      {() => (
        <>
          <Notice>{error}</Notice>
          <Card title="登录设备">
            <ul className="bank-list">
              {(devices.data?.me?.devices ?? []).map((device) => (
                <li key={device.id}>
                  {device.name ?? device.platform ?? device.deviceId} {device.trusted ? '（已信任）' : ''}
                  <small className="bank-hint"> 最近使用 {device.lastSeenAt ? formatTime(device.lastSeenAt) : '—'}</small>{' '}
                  <Button
                    variant="secondary"
                    aria-label={`删除设备 ${device.name ?? device.deviceId}`}
                    onClick={() => void act(removeDevice({ variables: { id: device.id } }), devices.refetch)}
                  >
                    删除
                  </Button>
                </li>
              ))}
            </ul>
          </Card>
          <Card title="登录会话">
            <ul className="bank-list">
              {(sessions.data?.mySessions ?? []).map((session) => (
                <li key={session.id}>
                  {CHANNEL_NAMES[session.channel] ?? session.channel} · 登录于 {formatTime(session.createdAt)}
                  {session.current ? '（当前）' : ''}{' '}
                  {session.current ? null : (
                    <Button
                      variant="secondary"
                      aria-label={`退出 ${formatTime(session.createdAt)} 的会话`}
                      onClick={() => void act(revokeSession({ variables: { id: session.id } }), sessions.refetch)}
                    >
                      退出
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          </Card>
        </>
      )}
    </Loaded>
  );
}
