/** Admins: the security audit log, filtered by days, action, outcome and channel; personal data arrives masked. */
import { useQuery } from '@apollo/client/react';
import { AuditEventsDocument, type AuditOutcome, type Channel } from '@documents';
import { useState } from 'react';
import { Button, Card, Notice, SelectField } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { shanghaiTime } from '../days';
import { DataTable } from '../EChart';
import { ChannelFilter, DayRangeFilter, useChannel, useDayRange } from '../Filters';
import { AUDIT_ACTION_NAMES, channelName } from '../labels';
import { KeyRotation } from './KeyRotation';

const PAGE_SIZE = 25;

export function AuditLog() {
  const [range, setRange] = useDayRange(1);
  const [channel, setChannel] = useChannel();
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState('');
  const filter = {
    ...range,
    channel: (channel || null) as Channel | null,
    action: action || null,
    outcome: (outcome || null) as AuditOutcome | null,
  };
  const events = useQuery(AuditEventsDocument, { variables: { filter, first: PAGE_SIZE } });
  const [more, setMore] = useState(false);
  const connection = events.data?.auditEvents;

  async function loadMore() {
    if (!connection?.pageInfo.endCursor) return;
    setMore(true);
    try {
      await events.fetchMore({
        variables: { filter, first: PAGE_SIZE, after: connection.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          auditEvents: { ...fetchMoreResult.auditEvents, edges: [...previous.auditEvents.edges, ...fetchMoreResult.auditEvents.edges] },
        }),
      });
    } finally {
      setMore(false);
    }
  }

  return (
    <>
      <form className="ops-filters" aria-label="筛选" onSubmit={(event) => event.preventDefault()}>
        <DayRangeFilter range={range} onChange={setRange} />
        <ChannelFilter channel={channel} onChange={setChannel} />
        <SelectField
          label="事件"
          value={action}
          onChange={(event) => setAction(event.target.value)}
          options={[{ value: '', label: '全部事件' }, ...Object.entries(AUDIT_ACTION_NAMES).map(([value, label]) => ({ value, label }))]}
        />
        <SelectField
          label="结果"
          value={outcome}
          onChange={(event) => setOutcome(event.target.value)}
          options={[
            { value: '', label: '全部结果' },
            { value: 'SUCCESS', label: '成功' },
            { value: 'FAILURE', label: '失败' },
          ]}
        />
      </form>
      <Notice>{events.error ? errorMessage(events.error) : undefined}</Notice>
      <Card title="审计事件">
        <div className="ops-table-wrap">
          <DataTable
            caption="审计事件（个人信息已脱敏）"
            table={{
              columns: ['时间', '事件', '结果', '用户', '渠道', '详情'],
              rows: (connection?.edges ?? []).map(({ node }) => [
                shanghaiTime(node.at),
                AUDIT_ACTION_NAMES[node.action] ?? node.action,
                node.outcome === 'SUCCESS' ? '成功' : '失败',
                node.userId ?? '—',
                node.channel ? channelName(node.channel) : '—',
                node.details.map((detail) => `${detail.name}: ${detail.value}`).join('；') || '—',
              ]),
            }}
          />
        </div>
        {connection?.pageInfo.hasNextPage ? (
          <Button variant="secondary" busy={more} onClick={() => void loadMore()}>
            加载更多
          </Button>
        ) : null}
      </Card>
      <KeyRotation onRotated={() => void events.refetch()} />
    </>
  );
}
