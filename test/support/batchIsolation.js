/**
 * What a fresh module registry would give each file of a batch (test/support/batches.js): the
 * environment as it was when the batch started, and no spy (`jest.spyOn`) or replaced property left
 * by the file before (`jest.restoreAllMocks`; a module-level `jest.mock` needs `@ownProcess`).
 */
const pristine = { ...process.env };

/** Registers, first in the file's `describe`, a hook that resets what an earlier file of the batch changed. */
function isolateFile() {
  beforeAll(() => {
    for (const key of Object.keys(process.env)) if (!(key in pristine)) delete process.env[key];
    Object.assign(process.env, pristine);
    jest.restoreAllMocks();
  });
}

module.exports = { isolateFile };
