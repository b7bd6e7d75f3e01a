/** Jest runs TypeScript through SWC; jose and otplib's @scure/@noble dependencies ship ES modules only, so they are transformed too. */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(jose|@scure|@noble)/)'],
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/subgraphs/**/__tests__/**/*.test.ts'],
  globalSetup: '<rootDir>/subgraphs/kit/testing/globalSetup.ts',
  globalTeardown: '<rootDir>/subgraphs/kit/testing/globalTeardown.ts',
  testTimeout: 60_000,
};
