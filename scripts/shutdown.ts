import { stopTracing } from '../platform/observability/tracing';

/** Graceful shutdown on SIGTERM/SIGINT: drain in-flight requests, close stores, flush the last spans, then exit. */
export function onShutdown(close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: draining and shutting down`);
    close()
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
