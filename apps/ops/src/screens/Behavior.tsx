/** Operators: product-kind preferences, the most common page flows and the view → purchase funnel per kind. */
import { useQuery } from '@apollo/client/react';
import { ConversionFunnelDocument, PageFlowsDocument, ProductPreferencesDocument, type Channel } from '@documents';
import { Card, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { EChart } from '../EChart';
import { ChannelFilter, DayRangeFilter, useChannel, useDayRange } from '../Filters';
import { CHANNEL_NAMES, KIND_NAMES } from '../labels';

const percent = (share: string) => `${(Number(share) * 100).toFixed(1)}%`;

export function Behavior() {
  const [range, setRange] = useDayRange(30);
  const [channel, setChannel] = useChannel();
  const preferences = useQuery(ProductPreferencesDocument, { variables: range });
  const flows = useQuery(PageFlowsDocument, { variables: { ...range, channel: (channel || null) as Channel | null, first: 10 } });
  const funnel = useQuery(ConversionFunnelDocument, { variables: range });
  const failure = preferences.error ?? flows.error ?? funnel.error;

  const kinds = preferences.data?.productPreferences ?? [];
  const preferenceChart = {
    option: {
      tooltip: { trigger: 'item' },
      legend: { top: 0 },
      series: [
        {
          name: '产品浏览',
          type: 'pie',
          radius: ['35%', '65%'],
          top: 30,
          data: kinds.map((row) => ({ name: KIND_NAMES[row.kind], value: row.views })),
        },
      ],
    },
    table: { columns: ['产品类型', '浏览次数', '占比'], rows: kinds.map((row) => [KIND_NAMES[row.kind], row.views, percent(row.share)]) },
  };

  const steps = [...(flows.data?.pageFlows ?? [])].reverse();
  const flowChart = {
    option: {
      tooltip: { trigger: 'axis' },
      grid: { left: 180, right: 24, top: 16, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: steps.map((row) => `${row.fromPage} → ${row.toPage}`) },
      series: [{ name: '次数', type: 'bar', data: steps.map((row) => row.count) }],
    },
    table: {
      columns: ['从页面', '到页面', '次数'],
      rows: (flows.data?.pageFlows ?? []).map((row) => [row.fromPage, row.toPage, row.count]),
    },
  };

  const stages = funnel.data?.conversionFunnel ?? [];
  const funnelChart = {
    option: {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: stages.map((row) => KIND_NAMES[row.kind]) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '浏览客户', type: 'bar', data: stages.map((row) => row.viewers) },
        { name: '购买客户', type: 'bar', data: stages.map((row) => row.purchasers) },
      ],
    },
    table: {
      columns: ['产品类型', '浏览客户', '购买客户', '转化率'],
      rows: stages.map((row) => [KIND_NAMES[row.kind], row.viewers, row.purchasers, percent(row.conversionRate)]),
    },
  };

  return (
    <>
      <form className="ops-filters" aria-label="筛选" onSubmit={(event) => event.preventDefault()}>
        <DayRangeFilter range={range} onChange={setRange} />
        <ChannelFilter channel={channel} onChange={setChannel} />
      </form>
      <Notice>{failure ? errorMessage(failure) : undefined}</Notice>
      <div className="ops-grid">
        <Card title="产品类型偏好">
          <EChart label={`${range.from} 至 ${range.to} 各类产品浏览占比`} option={preferenceChart.option} table={preferenceChart.table} />
        </Card>
        <Card title="转化漏斗">
          <EChart label={`${range.from} 至 ${range.to} 各类产品浏览与购买客户`} option={funnelChart.option} table={funnelChart.table} />
        </Card>
      </div>
      <Card title={`页面路径（${channel ? CHANNEL_NAMES[channel as Channel] : '全部渠道'}，前 10 条）`}>
        <EChart label="最常见的页面跳转" option={flowChart.option} table={flowChart.table} height={360} />
      </Card>
    </>
  );
}
