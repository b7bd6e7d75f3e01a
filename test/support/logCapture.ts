import { Writable } from 'node:stream';
import { reloadConfig } from '../../platform/config';
import { setLogDestination } from '../../platform/observability/logger';

/** Collects every JSON log line written by loggers created after `captureLogs()`. */
export function captureLogs(): { lines: () => Record<string, unknown>[]; raw: () => string; stop: () => void } {
  let text = '';
  const previousLevel = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'info';
  reloadConfig();
  setLogDestination(
    new Writable({
      write(chunk, _encoding, done) {
        text += chunk.toString();
        done();
      },
    }),
  );
  return {
    raw: () => text,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () => {
      setLogDestination(undefined);
      if (previousLevel === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previousLevel;
      reloadConfig();
    },
  };
}
