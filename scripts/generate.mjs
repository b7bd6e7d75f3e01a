// Generates build output that is not committed: one Prisma client per center and the typed
// resolver signatures of every subgraph. Runs on `npm install` (postinstall) and offline; the Prisma
// CLI is a runtime dependency, the resolver-type codegen a dev one (skipped when absent). The same
// codegen run (codegen.ts) rewrites the committed typed documents of the centers' internal clients and
// of the channel apps (apps/documents/<CHANNEL>.generated.ts, from the channel manifests).
// `SKIP_GENERATE=1` makes the postinstall a no-op (CI installs, then times `npm run generate` alone).
import { execFile, execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, writeFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.env.SKIP_GENERATE === '1' && process.env.npm_lifecycle_event === 'postinstall') {
  console.log('generation skipped (SKIP_GENERATE=1); run `npm run generate`');
  process.exit(0);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

// The Prisma 6 CLI looks for native engine files it never uses with the `client` engine and
// the pg driver adapter; pointing it at a placeholder stops it from trying to download them.
const placeholder = join(root, 'node_modules', '.cache', 'prisma-engine-placeholder');
mkdirSync(dirname(placeholder), { recursive: true });
if (!existsSync(placeholder)) writeFileSync(placeholder, '');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
  PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};

const centers = readdirSync(join(root, 'prisma'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'prisma', entry.name, 'schema.prisma')))
  .map((entry) => entry.name);

// One CLI process per center, as many at once as there are cores (each is mostly CPU).
const queue = [...centers];
const generateNext = async () => {
  for (let center = queue.shift(); center; center = queue.shift()) {
    await new Promise((resolve, reject) =>
      execFile(
        bin('prisma'),
        ['generate', '--no-hints', '--schema', join('prisma', center, 'schema.prisma')],
        { cwd: root, env },
        (error, _stdout, stderr) =>
          error ? reject(new Error(`prisma generate for ${center} failed: ${stderr || error.message}`)) : resolve(undefined),
      ),
    );
  }
};
await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), centers.length)) }, generateNext));
console.log(`prisma clients generated for ${centers.join(', ')}`);

// The resolver types only serve typechecking, so their generator is a dev dependency: a production
// install (`npm ci --omit=dev`) has no codegen packages and skips this step.
const codegenPackages = [
  '@graphql-codegen/cli',
  '@graphql-codegen/add',
  '@graphql-codegen/typescript',
  '@graphql-codegen/typescript-resolvers',
  '@graphql-codegen/typescript-operations',
  '@graphql-codegen/typed-document-node',
];
const codegenInstalled = codegenPackages.every((name) => existsSync(join(root, 'node_modules', name, 'package.json')));
if (existsSync(join(root, 'codegen.ts')) && !codegenInstalled) {
  console.log('resolver types skipped: the GraphQL codegen packages are not installed (production install)');
} else if (existsSync(join(root, 'codegen.ts'))) {
  execFileSync(bin('graphql-codegen'), ['--config', 'codegen.ts', '--silent'], { cwd: root, env, stdio: 'inherit' });
  console.log('resolver types generated');
}
