/** Settings: the behavior-analytics consent (the user center's), which the behavior SDK follows at once. */
import { useMutation, useQuery } from '@apollo/client/react';
import { BehaviorConsentDocument, SetBehaviorConsentDocument } from '@documents';
import { useState } from 'react';
import { settleConsent } from '../../../shared/behaviorConsent';
import { Card, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { useH5 } from '../context';
import { formatTime, Loaded } from './common';

export function SettingsPage() {
  const { tracker, channel } = useH5();
  const consent = useQuery(BehaviorConsentDocument);
  const [setConsent, { loading }] = useMutation(SetBehaviorConsentDocument);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  // The switch moves at once; it moves back if the change is refused.
  const [asked, setAsked] = useState<boolean | undefined>();
  const current = consent.data?.me?.behaviorConsent;

  async function change(granted: boolean) {
    setError('');
    setSaved('');
    setAsked(granted);
    try {
      const { data } = await setConsent({ variables: { granted } });
      if (data) {
        settleConsent(tracker, data.setBehaviorConsent.granted);
        setSaved(data.setBehaviorConsent.granted ? '已开启使用行为分析' : '已关闭使用行为分析，本机未发送的记录已清除');
        void consent.refetch();
      }
    } catch (failure) {
      setAsked(undefined);
      setError(errorMessage(failure));
    }
  }

  return (
    <Loaded loading={consent.loading} error={consent.error}>
      {() => (
        <Card title="隐私设置">
          <Notice>{error}</Notice>
          <Notice kind="success">{saved}</Notice>
          <div className="bank-check">
            <input
              id="behavior-consent"
              type="checkbox"
              role="switch"
              checked={asked ?? Boolean(current?.granted)}
              disabled={loading}
              onChange={(event) => void change(event.target.checked)}
              aria-describedby="behavior-consent-hint"
            />
            <label htmlFor="behavior-consent">允许收集使用行为（页面浏览、点击、产品浏览）以改进服务</label>
          </div>
          <p id="behavior-consent-hint" className="bank-hint">
            关闭后{channel.name}不再收集或发送任何使用行为记录。{current?.changedAt ? `上次修改：${formatTime(current.changedAt)}` : ''}
          </p>
        </Card>
      )}
    </Loaded>
  );
}
