import { shutdownDrainMs } from '../platform/config';
import type { DrainSwitch } from '../platform/http/drain';
import { stopTracing } from '../platform/observability/tracing';

/**
 * Graceful shutdown on SIGTERM/SIGINT: readiness off while still serving (answering `Connection: close`) for
 * `SHUTDOWN_DRAIN_MS` — at least two of the callers' readiness intervals, so every caller has taken this process out
 * of its rotation — then `close`: stop accepting, finish in-flight requests, close stores, flush the last spans, exit.
 * A second signal ends the wait at once (an operator's Ctrl-C twice).
 */
export function onShutdown(close: () => Promise<void>, drains: readonly DrainSwitch[] = []): void {
  let signals = 0;
  const stop = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      for (const drain of drains) drain.cut();
      return;
    }
    console.log(`${signal}: draining and shutting down`);
    const waitMs = drains.length > 0 ? shutdownDrainMs() : 0;
    Promise.all(drains.map((drain) => drain.drain(waitMs)))
      .then(() => close())
      .then(() => stopTracing())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
