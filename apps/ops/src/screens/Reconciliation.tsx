/** Operators: the daily reconciliation of orders, journal entries and limit reservations for one day (today by default). */
import { useQuery } from '@apollo/client/react';
import { ReconciliationReportDocument } from '@documents';
import { useState } from 'react';
import { Card, Field, Notice } from '../../../shared/components';
import { errorMessage } from '../../../shared/errors';
import { today } from '../days';
import { DataTable, EChart } from '../EChart';

export function Reconciliation() {
  const [day, setDay] = useState(today);
  const report = useQuery(ReconciliationReportDocument, { variables: { day } });
  const result = report.data?.reconciliationReport;
  const checked = result
    ? [
        ['订单', result.ordersChecked],
        ['会计分录', result.entriesChecked],
        ['限额占用', result.reservationsChecked],
      ]
    : [];
  const chart = {
    option: {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 30 },
      xAxis: { type: 'category', data: checked.map(([name]) => name) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: '已核对', type: 'bar', data: checked.map(([, count]) => count) }],
    },
    table: { columns: ['核对对象', '已核对'], rows: checked as [string, number][] },
  };
  return (
    <>
      <form className="ops-filters" aria-label="筛选" onSubmit={(event) => event.preventDefault()}>
        <Field
          label="对账日期"
          type="date"
          value={day}
          max={today()}
          onChange={(event) => event.target.value && setDay(event.target.value)}
        />
      </form>
      <Notice>{report.error ? errorMessage(report.error) : undefined}</Notice>
      {report.loading ? <p role="status">正在对账…</p> : null}
      {result ? (
        <>
          <Notice kind={result.clean ? 'success' : 'error'}>
            {result.clean ? `${result.day} 账务核对相符` : `${result.day} 发现 ${result.mismatches.length} 处不符，请处理`}
          </Notice>
          <div className="ops-grid">
            <Card title="核对数量">
              <EChart label={`${result.day} 对账核对数量`} option={chart.option} table={chart.table} />
            </Card>
            <Card title="不符明细">
              <div className="ops-table-wrap">
                <DataTable
                  caption="对账不符明细"
                  table={{ columns: ['订单', '类型', '说明'], rows: result.mismatches.map((m) => [m.orderId, m.code, m.detail]) }}
                />
              </div>
            </Card>
          </div>
        </>
      ) : null}
    </>
  );
}
