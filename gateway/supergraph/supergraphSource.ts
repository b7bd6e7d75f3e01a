/**
 * Where the gateway's supergraph comes from, and how it changes without a restart: when the
 * file changes (or `reload()` is called, e.g. on SIGHUP) the new SDL is handed to
 * `@apollo/gateway`, which builds the new schema and query planner beside the old one and swaps
 * them atomically. Requests already executing finish on the schema they started with; an SDL
 * that fails to load is logged and the old schema keeps serving.
 */
import { FSWatcher, readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '../../platform/observability/logger';
import type { GatewayMetrics } from '../plugins/observability/gatewayMetrics';

export interface SupergraphSourceOptions {
  initialSdl: string;
  /** File to re-read on reload; required for `watch`. */
  path?: string;
  /** Reload when the file changes. */
  watch?: boolean;
  /** Applied to every SDL read from the file (e.g. production strips development-only fields). */
  transform?: (sdl: string) => string;
  log: Logger;
  metrics: GatewayMetrics;
}

export interface SupergraphSource {
  hook: SupergraphSdlHook;
  /** Swaps in `sdl`, or the file's current content; resolves once the new schema serves. */
  reload(sdl?: string): Promise<boolean>;
}

export function supergraphSource(options: SupergraphSourceOptions): SupergraphSource {
  let current = options.initialSdl;
  let update: ((sdl: string) => void) | undefined;
  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;

  const reload = async (sdl?: string): Promise<boolean> => {
    let next: string;
    try {
      next = (options.transform ?? ((raw: string) => raw))(sdl ?? readFileSync(options.path!, 'utf8'));
    } catch (error) {
      options.log.error({ err: error }, 'supergraph reload: cannot read the file');
      return false;
    }
    if (next === current || !update) return false;
    try {
      update(next);
      current = next;
      options.metrics.supergraphReloads.inc({ outcome: 'ok' });
      options.log.info('supergraph reloaded');
      return true;
    } catch (error) {
      options.metrics.supergraphReloads.inc({ outcome: 'failed' });
      options.log.error({ err: error }, 'supergraph reload failed; the previous schema keeps serving');
      return false;
    }
  };

  const hook: SupergraphSdlHook = async ({ update: push }) => {
    update = push;
    if (options.watch && options.path) {
      const file = basename(options.path);
      // Watch the directory: editors and `npm run compose` may replace the file rather than write into it.
      watcher = watch(dirname(options.path), (_event, changed) => {
        if (changed && changed.toString() !== file) return;
        clearTimeout(debounce);
        debounce = setTimeout(() => void reload(), 100);
      });
    }
    return {
      supergraphSdl: current,
      cleanup: async () => {
        clearTimeout(debounce);
        watcher?.close();
      },
    };
  };
  return { hook, reload };
}
