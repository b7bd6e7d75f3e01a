/** Operators: today's actives per channel, daily actives over the chosen days, the month's actives and sessions. */
import { useQuery } from '@apollo/client/react';
import { DailyActiveCustomersDocument, MonthlyActiveCustomersDocument, SessionStatsDocument } from '@documents';
import { Card, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { daysBetween, today } from '../days';
import { EChart, DataTable } from '../EChart';
import { ChannelFilter, DayRangeFilter, useChannel, useDayRange } from '../Filters';
import { channelName, CHANNEL_NAMES, CUSTOMER_CHANNELS } from '../labels';

export function Overview() {
  const [range, setRange] = useDayRange(7);
  const [channel, setChannel] = useChannel();
  const shown = channel ? [channel] : [...CUSTOMER_CHANNELS];
  const day = today();

  const todays = useQuery(DailyActiveCustomersDocument, { variables: { from: day, to: day } });
  const daily = useQuery(DailyActiveCustomersDocument, { variables: range });
  const month = range.to.slice(0, 7);
  const monthly = useQuery(MonthlyActiveCustomersDocument, { variables: { month } });
  const sessions = useQuery(SessionStatsDocument, { variables: range });

  const todayRows = (todays.data?.dailyActiveCustomers ?? []).filter((row) => shown.includes(row.channel));
  const todayTotal = todayRows.reduce((sum, row) => sum + row.activeCustomers, 0);

  const dailyChart = (() => {
    const days = daysBetween(range.from, range.to);
    const rows = daily.data?.dailyActiveCustomers ?? [];
    const count = (day: string, ch: string) => rows.find((row) => row.day === day && row.channel === ch)?.activeCustomers ?? 0;
    return {
      option: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: days },
        yAxis: { type: 'value', minInterval: 1 },
        series: shown.map((ch) => ({ name: channelName(ch), type: 'line', data: days.map((d) => count(d, ch)) })),
      },
      table: {
        columns: ['日期', ...shown.map(channelName)],
        rows: days.map((d) => [d, ...shown.map((ch) => count(d, ch))]),
      },
    };
  })();

  const monthlyChart = (() => {
    const rows = (monthly.data?.monthlyActiveCustomers ?? []).filter((row) => shown.includes(row.channel));
    return {
      option: {
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 16, bottom: 30 },
        xAxis: { type: 'category', data: rows.map((row) => channelName(row.channel)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ name: '月活跃客户', type: 'bar', data: rows.map((row) => row.activeCustomers) }],
      },
      table: { columns: ['渠道', '月活跃客户'], rows: rows.map((row) => [channelName(row.channel), row.activeCustomers]) },
    };
  })();

  const sessionRows = (sessions.data?.sessionStats ?? []).filter((row) => shown.includes(row.channel));
  const failure = todays.error ?? daily.error ?? monthly.error ?? sessions.error;

  return (
    <>
      <form className="ops-filters" aria-label="筛选" onSubmit={(event) => event.preventDefault()}>
        <DayRangeFilter range={range} onChange={setRange} />
        <ChannelFilter channel={channel} onChange={setChannel} />
      </form>
      <Notice>{failure ? errorMessage(failure) : undefined}</Notice>
      <Card title={`今日活跃客户（${day}）`}>
        {todays.loading ? (
          <p role="status">正在加载…</p>
        ) : (
          <ul className="ops-stats" aria-label="今日各渠道活跃客户">
            <li>
              <span>合计</span>
              <strong data-testid="today-total">{todayTotal}</strong>
            </li>
            {shown.map((ch) => (
              <li key={ch}>
                <span>{CHANNEL_NAMES[ch as keyof typeof CHANNEL_NAMES]}</span>
                <strong data-testid={`today-${ch}`}>{todayRows.find((row) => row.channel === ch)?.activeCustomers ?? 0}</strong>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="ops-grid">
        <Card title="日活跃客户">
          <EChart label={`${range.from} 至 ${range.to} 各渠道日活跃客户`} option={dailyChart.option} table={dailyChart.table} />
        </Card>
        <Card title={`月活跃客户（${month}）`}>
          <EChart label={`${month} 各渠道月活跃客户`} option={monthlyChart.option} table={monthlyChart.table} />
        </Card>
      </div>
      <Card title="会话统计">
        <div className="ops-table-wrap">
          <DataTable
            caption="各渠道会话统计"
            table={{
              columns: ['渠道', '会话数', '平均事件数', '平均时长（秒）'],
              rows: sessionRows.map((row) => [channelName(row.channel), row.sessions, row.averageEvents, row.averageDurationSeconds]),
            }}
          />
        </div>
      </Card>
    </>
  );
}
