/**
 * `npm run check:manifests` (a CI step): renders every kustomization under deploy/k8s/overlays with
 * `kubectl kustomize` (offline, no cluster) and validates every object (scripts/k8s/validate.ts); prints
 * the number of objects per overlay and fails on any problem. `-- --file <yaml>` validates one file instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../platform/paths';
import { validateObjects } from './k8s/validate';
import { fromYaml } from './k8s/yaml';

const overlays = join(projectRoot, 'deploy', 'k8s', 'overlays');

/** Every folder with a kustomization.yaml below `folder`. */
function kustomizations(folder: string): string[] {
  const here = existsSync(join(folder, 'kustomization.yaml')) ? [folder] : [];
  const below = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  return [...here, ...below.flatMap((entry) => kustomizations(join(folder, entry.name)))];
}

async function check(name: string, text: string): Promise<boolean> {
  const objects = fromYaml(text);
  const problems = objects.length ? await validateObjects(objects) : ['no objects'];
  const kinds = new Map<string, number>();
  for (const object of objects) kinds.set(object.kind, (kinds.get(object.kind) ?? 0) + 1);
  const summary = [...kinds].map(([kind, count]) => `${count} ${kind}`).join(', ');
  console.log(`${name}: ${objects.length} objects (${summary}) — ${problems.length ? `${problems.length} problems` : 'valid'}`);
  for (const problem of problems) console.log(`  ${problem}`);
  return problems.length === 0;
}

async function main(): Promise<void> {
  const fileIndex = process.argv.indexOf('--file');
  if (fileIndex >= 0) {
    const file = process.argv[fileIndex + 1];
    if (!file) throw new Error('usage: check-manifests --file <yaml>');
    process.exitCode = (await check(file, readFileSync(file, 'utf8'))) ? 0 : 1;
    return;
  }
  let ok = true;
  for (const folder of kustomizations(overlays)) {
    const rendered = execFileSync('kubectl', ['kustomize', folder], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    ok = (await check(relative(overlays, folder), rendered)) && ok;
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
