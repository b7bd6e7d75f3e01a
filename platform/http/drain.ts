/**
 * The first step of a graceful shutdown, before any listener closes: readiness turns off, so every caller's next
 * readiness poll takes this process out of its rotation, while requests still arriving (from callers that have not
 * polled yet) are served and answered `Connection: close`, so no kept-alive connection is left to a process about to
 * stop accepting. After the wait (`SHUTDOWN_DRAIN_MS`: at least two of the callers' readiness intervals) the process
 * stops accepting and finishes its in-flight work (Apollo's drain plugin).
 */
export interface DrainSwitch {
  readonly draining: boolean;
  /** Turns readiness off and resolves after `ms`, or at once when `cut()` is called (a second signal). */
  drain(ms: number): Promise<void>;
  cut(): void;
}

export function drainSwitch(): DrainSwitch {
  let draining = false;
  let cut: (() => void) | undefined;
  return {
    get draining() {
      return draining;
    },
    drain(ms) {
      draining = true;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        cut = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    cut: () => cut?.(),
  };
}
