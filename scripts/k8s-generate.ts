/**
 * `npm run k8s:generate`: writes the per-process manifests, the shared settings and the migration Job
 * under deploy/k8s/base/ from scripts/k8s/manifests.ts. `-- --check` writes nothing and fails when a
 * committed file differs (the unit test deploy/k8s does the same).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../platform/paths';
import { generatedFiles } from './k8s/manifests';
import { toYaml } from './k8s/yaml';

const base = join(projectRoot, 'deploy', 'k8s', 'base');
const check = process.argv.includes('--check');
let stale = 0;
for (const [path, text] of Object.entries(generatedFiles(toYaml))) {
  const file = join(base, path);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === text) continue;
  if (check) {
    console.error(`deploy/k8s/base/${path} is stale: run npm run k8s:generate`);
    stale += 1;
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote deploy/k8s/base/${path}`);
  }
}
if (stale) process.exit(1);
