/** Settings: the behavior-analytics consent switch (the behavior SDK sends nothing while it is off). */
import { useMutation, useQuery } from '@apollo/client/react';
import { BehaviorConsentDocument, SetBehaviorConsentDocument } from '@documents';
import { useState } from 'react';
import { Card, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { settleConsent } from '../../../shared/behaviorConsent';
import { useWeb } from '../context';
import { formatTime, Loaded } from './common';

export function SettingsPage() {
  const { tracker } = useWeb();
  const { data, loading, error, refetch } = useQuery(BehaviorConsentDocument);
  const [setConsent, { loading: saving }] = useMutation(SetBehaviorConsentDocument);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | undefined>();
  const consent = data?.me?.behaviorConsent;
  // The switch shows the choice at once; a refusal puts it back.
  const [chosen, setChosen] = useState<boolean | undefined>();

  async function toggle(granted: boolean) {
    setChosen(granted);
    try {
      await setConsent({ variables: { granted } });
      settleConsent(tracker, granted);
      setMessage({ kind: 'success', text: granted ? '已开启行为分析' : '已关闭行为分析，不再收集您的使用行为' });
      void refetch();
    } catch (failure) {
      setChosen(undefined);
      setMessage({ kind: 'error', text: errorMessage(failure) });
    }
  }

  return (
    <Loaded loading={loading} error={error}>
      {() => (
        <Card title="隐私设置">
          {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
          <div className="bank-check">
            <input
              id="behavior-consent"
              type="checkbox"
              role="switch"
              checked={chosen ?? consent?.granted ?? false}
              disabled={saving}
              aria-describedby="behavior-consent-hint"
              onChange={(event) => void toggle(event.target.checked)}
            />
            <label htmlFor="behavior-consent">允许收集使用行为以改进服务（行为分析）</label>
          </div>
          <p id="behavior-consent-hint" className="bank-hint">
            开启后，我们会记录您浏览的页面、点击与查看的产品，用于改进服务和推荐，不含交易密码等敏感信息。
            {consent?.changedAt ? ` 最近修改：${formatTime(consent.changedAt)}` : ''}
          </p>
        </Card>
      )}
    </Loaded>
  );
}
