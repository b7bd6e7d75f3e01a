/** The types of test/support/batchIsolation.js (plain CommonJS, required by the generated batch files). */
export function isolateFile(): void;
