/**
 * Jest's runtime, with V8's code cache kept across the test files a worker runs.
 *
 * Jest gives every test file a fresh module registry, so each file compiles again every module it loads: a file that
 * starts the platform loads ~3,000 (Apollo, Prisma's client, the centers). The compiled code does not depend on the
 * file's context: V8 hands back a module's cached data after its first compile, and a later file compiling the same
 * source takes it instead of parsing again. Each file still runs every module afresh (no state is shared); only the
 * compile work is. Keyed by file name and a hash of the source, so a changed module (watch mode) compiles anew.
 */
const { compileFunction } = require('node:vm');
const { createHash } = require('node:crypto');
const Runtime = require('jest-runtime').default;

/** Cached data by module file name, with a hash of the source it was compiled from. */
const codeCache = new Map();

class CodeCachingRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const executor = this.executor;
    // Jest's module executor (jest-runtime 30) compiles each module; another Jest compiles as it always did.
    if (typeof executor?.compile !== 'function') return;
    const compile = executor.compile.bind(executor);
    executor.compile = (scriptSource, filename) => {
      const vmContext = executor.environment.getVmContext();
      if (vmContext == null || executor.resolution.isCoreModule(filename)) return compile(scriptSource, filename);
      const key = createHash('sha1').update(scriptSource).digest('base64');
      const cached = codeCache.get(filename);
      const cachedData = cached?.key === key ? cached.data : undefined;
      let compiled;
      try {
        compiled = compileFunction(scriptSource, executor.injectedModuleParameters, {
          filename,
          cachedData,
          produceCachedData: cachedData === undefined,
          importModuleDynamically: (specifier, _function, importAttributes, phase) =>
            executor.dynamicImport(specifier, filename, vmContext, importAttributes, phase),
          parsingContext: vmContext,
        });
      } catch {
        return compile(scriptSource, filename); // syntax errors are reported as Jest reports them
      }
      if (compiled.cachedDataProduced) codeCache.set(filename, { key, data: compiled.cachedData });
      else if (compiled.cachedDataRejected) codeCache.delete(filename);
      return compiled;
    };
  }
}

module.exports = CodeCachingRuntime;
