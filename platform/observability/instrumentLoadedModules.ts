/**
 * Instrumentations patch a module when it is required (a hook on Node's `require`). Two ways past
 * that hook exist here: a module required before the SDK started, and Jest, whose module registry
 * loads packages without Node's `require` (core modules excepted), so the hook never sees `pg`.
 * This applies each instrumentation's patch to the copy this module's own `require` returns — the
 * one the rest of the process (or the test file) uses — unless the hook already patched it.
 * Patches go on prototypes (`Server.prototype.emit`, `Client.prototype.query`, `Pool.prototype.connect`),
 * so objects made before still go through them.
 */
import { diag } from '@opentelemetry/api';

/** The part of an instrumentation this needs (`InstrumentationBase` of any copy of `@opentelemetry/instrumentation`). */
export interface PatchingInstrumentation {
  instrumentationName: string;
  getModuleDefinitions(): ModuleDefinition[];
  disable(): void;
}

interface ModuleDefinition {
  name: string;
  moduleExports?: unknown;
  moduleVersion?: string;
  patch?: (moduleExports: unknown, moduleVersion?: string) => unknown;
}

export function instrumentLoadedModules(instrumentations: readonly PatchingInstrumentation[]): void {
  for (const instrumentation of instrumentations) {
    for (const definition of instrumentation.getModuleDefinitions()) {
      const loaded = load(definition.name);
      // Core modules (`http`) always pass the require hook, Jest or not: it has patched them by now.
      if (!loaded || !definition.patch || definition.moduleExports === loaded.exports) continue;
      definition.moduleExports = loaded.exports;
      definition.moduleVersion = loaded.version;
      definition.patch(loaded.exports, loaded.version);
      diag.debug(`${instrumentation.instrumentationName}: patched ${definition.name} ${loaded.version ?? ''} outside the require hook`);
    }
  }
}

/** The module as this process's code gets it, or nothing when it is not installed (`https`'s sibling, a native pg). */
function load(name: string): { exports: unknown; version?: string } | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module named by the instrumentation, resolved as the platform's code resolves it
    const exports: unknown = require(name);
    let version: string | undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- its version, for the instrumentation's supported-range checks
      version = (require(`${name}/package.json`) as { version?: string }).version;
    } catch {
      version = undefined; // a core module
    }
    return { exports, version };
  } catch {
    return undefined;
  }
}
