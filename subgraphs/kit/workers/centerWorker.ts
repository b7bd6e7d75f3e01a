/**
 * Background workers of a center (recovery sweeper, clearing simulator, outbox relay): each one is
 * a `runOnce` pass over durable work in the center's database, so a worker holds no state a crash
 * could lose. `startCenter` runs the passes on a timer; tests call `runOnce` directly with a moved
 * clock, so nothing runs behind their back.
 */
import { config } from '../../../platform/config';
import type { Logger } from '../../../platform/observability/logger';

export interface CenterWorker {
  name: string;
  /** Pause between passes when the last pass found nothing to do. */
  intervalMs: number;
  /** One pass; answers how many items it handled (another pass follows at once when > 0). */
  runOnce(): Promise<number>;
  /** Releases what the worker holds open (a NATS connection), after its loop stopped. */
  stop?(): Promise<void>;
}

export interface WorkerLoop {
  stop(): Promise<void>;
}

/**
 * Whether `startCenter` runs workers on their timers: yes, whatever the mode, unless
 * `CENTER_WORKERS=off` (a process that only serves requests). The test harness turns them off
 * explicitly (`runWorkers: false`) and drives passes itself.
 */
export function workersEnabledByDefault(env?: Readonly<Record<string, string | undefined>>): boolean {
  return config(env).workers;
}

/** Runs a worker's passes until stopped; a failed pass is logged and retried after the interval. */
export function startWorkerLoop(worker: CenterWorker, log: Logger): WorkerLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
      timer.unref();
    });
  const running = (async () => {
    while (!stopped) {
      let handled = 0;
      try {
        handled = await worker.runOnce();
      } catch (error) {
        log.error({ err: error, worker: worker.name }, 'worker pass failed');
      }
      if (!stopped && handled === 0) await pause(worker.intervalMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await running;
    },
  };
}
