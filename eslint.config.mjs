// ESLint for the whole tree (`npm run lint`, zero warnings). Besides the recommended JavaScript and
// TypeScript rules it guards the architecture: which packages a file may import (runtime code only
// `dependencies`) and which layers may import which (see the zones below). Formatting is Prettier's.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { configs as typescript } from 'typescript-eslint';

const CENTERS = ['account', 'auth', 'finance', 'life', 'limits', 'marketing', 'product', 'user'];

const TESTS = ['test/**', '**/__tests__/**'];

// Files that may import devDependencies: tests and their harness, the benchmarks, the test and check
// runners, code generation and tool configuration. Everything else runs in production, where only
// `dependencies` are installed.
const DEV_FILES = [
  ...TESTS,
  'scripts/bench/**',
  'scripts/bench-*.ts',
  'scripts/test.ts',
  'scripts/check-*.ts',
  'scripts/k8s/**',
  'scripts/k8s-*.ts',
  'codegen.ts',
  '*.config.{js,mjs,cjs,ts}',
  // The channel apps are bundled for the browser (their packages are build-time), with their builder.
  'apps/**',
  'scripts/build-apps.mjs',
  'prisma/prisma.config.ts',
];

// Layers point one way: platform/ <- gateway/, subgraphs/ <- scripts/; test/ sits on top of all.
const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });
const LAYER_ZONES = [
  zone('platform', ['gateway', 'subgraphs', 'scripts', 'test'], 'platform/ is shared by the gateway and the centers and imports neither.'),
  zone('gateway', ['subgraphs', 'scripts', 'test'], 'The gateway reaches the centers over HTTP only.'),
  zone('subgraphs', ['gateway', 'scripts', 'test'], 'subgraphs/ builds on platform/ alone.'),
  zone(
    'subgraphs/kit',
    [...CENTERS.map((center) => `subgraphs/${center}`), 'subgraphs/registry.ts'],
    'subgraphs/kit/ is shared by every center and imports none.',
  ),
  // A center reaches another one through that center's published client only.
  ...CENTERS.map((center) =>
    zone(
      `subgraphs/${center}`,
      CENTERS.filter((other) => other !== center).map((other) => `subgraphs/${other}`),
      'Another center is reached through its published client.ts only.',
      ['./client.ts'],
    ),
  ),
  zone(
    CENTERS.map((center) => `subgraphs/${center}`),
    'subgraphs/registry.ts',
    'A center does not import the registry of every center.',
  ),
  // The registry gathers every center's definition and nothing else of theirs.
  zone(
    'subgraphs/registry.ts',
    CENTERS.map((center) => `subgraphs/${center}`),
    "The registry imports each center's subgraph.ts only.",
    ['./subgraph.ts'],
  ),
  // Scripts do not depend on the test harness; the benchmarks that drive the test platform do (events,
  // the order-event bus), the verification benchmark draws its test images with it, and the test runner
  // builds the template databases its Jest runs share.
  zone('scripts/**/!(bench-events|bench-bus|bench-verification|test).{ts,mjs,js}', 'test', 'Scripts do not import the test harness.'),
  zone(
    'apps',
    ['platform', 'gateway', 'subgraphs', 'scripts', 'test'],
    'The channel apps run in the browser: they share only the trusted documents (apps/documents) with the platform.',
  ),
];

export default defineConfig(
  globalIgnores([
    '**/__generated__/**',
    '**/*.generated.ts',
    'apps/dist/',
    'test-results/',
    '.data/',
    '.jest-results/',
    'bench/results/',
    'coverage/',
    'node_modules/',
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  typescript.recommended,
  importX.flatConfigs.recommended,
  importX.flatConfigs.typescript,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        { devDependencies: false, optionalDependencies: false, peerDependencies: false, includeTypes: true },
      ],
      'import-x/no-duplicates': 'error',
      // Our own modules only (ignoreExternal): following imports into node_modules adds half again to the lint time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // `const { omitted: _omitted, ...rest } = value` is how the code drops a field from a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['apps/**'],
    languageOptions: { globals: { ...globals.browser } },
    settings: {
      // Each app resolves `@documents` to its own channel's generated documents (its tsconfig's paths).
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: [
            'apps/web/tsconfig.json',
            'apps/h5/tsconfig.json',
            'apps/h5/tsconfig.wechat-banking.json',
            'apps/h5/tsconfig.wechat-mini.json',
            'apps/h5/tsconfig.alipay-mini.json',
            'apps/ops/tsconfig.json',
            'apps/tsconfig.json',
            'tsconfig.json',
          ],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
  },
  {
    files: TESTS,
    rules: {
      // Tests read JSON response bodies and log lines as `any` and let their assertions check the
      // shape; typing each one would only repeat those assertions.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: DEV_FILES,
    rules: {
      'import-x/no-extraneous-dependencies': [
        'error',
        { devDependencies: true, optionalDependencies: false, peerDependencies: false, includeTypes: true },
      ],
    },
  },
  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    ignores: TESTS,
    rules: { 'import-x/no-restricted-paths': ['error', { zones: LAYER_ZONES }] },
  },
  {
    files: ['**/*.cjs', 'jest.config.js', 'test/support/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Required by each test batch (test/support/batches.js), inside Jest: its globals are there.
  { files: ['test/support/batchIsolation.js'], languageOptions: { globals: { ...globals.jest } } },
  prettier,
  // After eslint-config-prettier, which turns max-len off: Prettier wraps code at 140 columns but
  // leaves long strings and comments alone, so those are held to 160 here.
  {
    rules: {
      'max-len': ['error', { code: 160, tabWidth: 2 }],
    },
  },
);
