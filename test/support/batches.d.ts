/** The types of test/support/batches.js (plain CommonJS: the Jest config loads it before any transform). */
export function docblockHas(path: string, tag: string): boolean;
export function planBatches(files: string[], size: number): { batches: string[][]; alone: string[] };
export function writeBatches(rootDir: string, project: string, files: string[], size: number): string[];
