/**
 * One ECharts chart (SVG renderer, only the chart kinds the console draws) with what a screen reader
 * needs: the chart is an image named by `label`, and the same figures follow in a table (collapsed
 * under 数据表) that keyboard and screen-reader users can read.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface ChartTable {
  columns: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}

export interface EChartProps {
  /** What the chart shows, read out as the image's name. */
  label: string;
  option: EChartsCoreOption;
  table: ChartTable;
  height?: number;
}

export function EChart({ label, option, table, height = 300 }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  // Redrawn when the figures change, not on every render (options are built afresh each time).
  const drawn = JSON.stringify(option);
  const empty = table.rows.length === 0;
  useEffect(() => {
    if (empty || !container.current) return undefined;
    const chart = echarts.init(container.current, undefined, { renderer: 'svg' });
    chart.setOption({ animation: false, ...(JSON.parse(drawn) as EChartsCoreOption) });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [drawn, empty]);
  if (table.rows.length === 0) {
    return (
      <figure className="ops-chart">
        <p className="ops-empty">{label}：所选范围内暂无数据</p>
      </figure>
    );
  }
  return (
    <figure className="ops-chart">
      <div ref={container} role="img" aria-label={label} style={{ width: '100%', height }} />
      <figcaption>
        <details>
          <summary>数据表：{label}</summary>
          <DataTable caption={label} table={table} />
        </details>
      </figcaption>
    </figure>
  );
}

export function DataTable({ caption, table }: { caption: string; table: ChartTable }) {
  return (
    <table className="bank-table">
      <caption className="ops-visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.length === 0 ? (
          <tr>
            <td colSpan={table.columns.length}>暂无数据</td>
          </tr>
        ) : (
          table.rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) => (
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
