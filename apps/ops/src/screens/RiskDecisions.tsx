/** Risk analysts and admins: decisions per day by rule (chart), totals by rule and outcome, and the decisions themselves. */
import { useQuery } from '@apollo/client/react';
import { RiskDecisionsDocument, RiskDecisionStatsDocument, type Channel, type RiskOutcome } from '@documents';
import { useState } from 'react';
import { Button, Card, Notice, SelectField } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { daysBetween, shanghaiTime } from '../days';
import { DataTable, EChart } from '../EChart';
import { ChannelFilter, DayRangeFilter, useChannel, useDayRange } from '../Filters';
import { ACTION_NAMES, channelName, OUTCOME_NAMES, ruleName, RULE_NAMES } from '../labels';

const PAGE_SIZE = 20;

export function RiskDecisions() {
  const [range, setRange] = useDayRange(7);
  const [channel, setChannel] = useChannel();
  const [outcome, setOutcome] = useState('');
  const [rule, setRule] = useState('');
  const channelVariable = (channel || null) as Channel | null;
  const stats = useQuery(RiskDecisionStatsDocument, { variables: { ...range, channel: channelVariable } });
  const filter = {
    ...range,
    channel: channelVariable,
    outcome: (outcome || null) as RiskOutcome | null,
    rule: rule || null,
  };
  const list = useQuery(RiskDecisionsDocument, { variables: { filter, first: PAGE_SIZE } });
  const [more, setMore] = useState(false);

  const rows = stats.data?.riskDecisionStats ?? [];
  const days = daysBetween(range.from, range.to);
  const rules = [...new Set(rows.map((row) => row.rule))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const perDay = (day: string, r: string | null) =>
    rows.filter((row) => row.day === day && row.rule === r).reduce((sum, row) => sum + row.decisions, 0);
  const chart = {
    option: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: rules.map((r) => ({ name: ruleName(r), type: 'bar', stack: 'decisions', data: days.map((day) => perDay(day, r)) })),
    },
    table: { columns: ['日期', ...rules.map(ruleName)], rows: days.map((day) => [day, ...rules.map((r) => perDay(day, r))]) },
  };
  const totals = rules.map((r) => {
    const of = (o: RiskOutcome) => rows.filter((row) => row.rule === r && row.outcome === o).reduce((sum, row) => sum + row.decisions, 0);
    return [ruleName(r), of('ALLOW'), of('CHALLENGE'), of('DENY')] as const;
  });

  const connection = list.data?.riskDecisions;
  async function loadMore() {
    if (!connection?.pageInfo.endCursor) return;
    setMore(true);
    try {
      await list.fetchMore({
        variables: { filter, first: PAGE_SIZE, after: connection.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          riskDecisions: {
            ...fetchMoreResult.riskDecisions,
            edges: [...previous.riskDecisions.edges, ...fetchMoreResult.riskDecisions.edges],
          },
        }),
      });
    } finally {
      setMore(false);
    }
  }
  const failure = stats.error ?? list.error;

  return (
    <>
      <form className="ops-filters" aria-label="筛选" onSubmit={(event) => event.preventDefault()}>
        <DayRangeFilter range={range} onChange={setRange} />
        <ChannelFilter channel={channel} onChange={setChannel} />
      </form>
      <Notice>{failure ? errorMessage(failure) : undefined}</Notice>
      <Card title="按规则统计">
        <EChart label={`${range.from} 至 ${range.to} 每日风险决策（按触发规则）`} option={chart.option} table={chart.table} />
        <div className="ops-table-wrap">
          <DataTable
            caption="各规则决策结果合计"
            table={{ columns: ['规则', OUTCOME_NAMES.ALLOW, OUTCOME_NAMES.CHALLENGE, OUTCOME_NAMES.DENY], rows: totals }}
          />
        </div>
      </Card>
      <Card title="决策明细">
        <div className="ops-filters">
          <SelectField
            label="决策结果"
            value={outcome}
            onChange={(event) => setOutcome(event.target.value)}
            options={[{ value: '', label: '全部结果' }, ...Object.entries(OUTCOME_NAMES).map(([value, label]) => ({ value, label }))]}
          />
          <SelectField
            label="触发规则"
            value={rule}
            onChange={(event) => setRule(event.target.value)}
            options={[{ value: '', label: '全部规则' }, ...Object.keys(RULE_NAMES).map((value) => ({ value, label: ruleName(value) }))]}
          />
        </div>
        <div className="ops-table-wrap">
          <DataTable
            caption="风险决策明细（客户信息已脱敏）"
            table={{
              columns: ['时间', '客户', '业务', '渠道', '金额', '结果', '触发规则', '收款账号', '规则版本'],
              rows: (connection?.edges ?? []).map(({ node }) => [
                shanghaiTime(node.at),
                node.customerId,
                ACTION_NAMES[node.action] ?? node.action,
                channelName(node.channel),
                node.amount ? formatMoney(node.amount.amount, '¥') : '—',
                OUTCOME_NAMES[node.outcome],
                node.reasons.map((reason) => RULE_NAMES[reason] ?? reason).join('、') || '—',
                node.payeeAccount ?? '—',
                node.ruleVersion,
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
    </>
  );
}
