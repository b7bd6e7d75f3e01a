/** The types of test/support/batches.js (plain CommonJS: the Jest config loads it before any transform). */
export function planBatches(files: string[], size: number): { batches: string[][]; alone: string[] };
export function writeBatches(rootDir: string, project: string, files: string[], size: number): string[];
