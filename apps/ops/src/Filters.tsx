/** The date and channel filters every screen shares; a screen keeps the chosen values in the URL's query. */
import { useSearchParams } from 'react-router-dom';
import { Field, SelectField } from '../../shared/components';
import { addDays, today } from './days';
import { CHANNEL_NAMES, CUSTOMER_CHANNELS } from './labels';

export interface DayRange {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The range in the URL (`from`, `to`), by default the last `days` days to today. */
export function useDayRange(days = 7): [DayRange, (range: DayRange) => void] {
  const [params, setParams] = useSearchParams();
  const end = today();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const range = { from: DAY.test(from) ? from : addDays(end, 1 - days), to: DAY.test(to) ? to : end };
  const setRange = (next: DayRange) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set('from', next.from);
        updated.set('to', next.to);
        return updated;
      },
      { replace: true },
    );
  return [range, setRange];
}

/** The channel in the URL (`channel`), or '' for every channel. */
export function useChannel(): [string, (channel: string) => void] {
  const [params, setParams] = useSearchParams();
  const channel = params.get('channel') ?? '';
  const setChannel = (next: string) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next) updated.set('channel', next);
        else updated.delete('channel');
        return updated;
      },
      { replace: true },
    );
  return [CUSTOMER_CHANNELS.includes(channel as never) ? channel : '', setChannel];
}

export function DayRangeFilter({ range, onChange }: { range: DayRange; onChange: (range: DayRange) => void }) {
  return (
    <>
      <Field
        label="开始日期"
        type="date"
        value={range.from}
        max={range.to}
        onChange={(event) => event.target.value && onChange({ ...range, from: event.target.value })}
      />
      <Field
        label="结束日期"
        type="date"
        value={range.to}
        min={range.from}
        onChange={(event) => event.target.value && onChange({ ...range, to: event.target.value })}
      />
    </>
  );
}

export function ChannelFilter({ channel, onChange }: { channel: string; onChange: (channel: string) => void }) {
  return (
    <SelectField
      label="渠道"
      value={channel}
      onChange={(event) => onChange(event.target.value)}
      options={[{ value: '', label: '全部渠道' }, ...CUSTOMER_CHANNELS.map((value) => ({ value, label: CHANNEL_NAMES[value] }))]}
    />
  );
}
