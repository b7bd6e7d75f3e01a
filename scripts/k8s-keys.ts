/**
 * `npm run k8s:keys -- <namespace> <folder>`: the internal signing keys of a first deployment, as
 * Kubernetes objects to apply once: for each process (the gateway and every center) a Secret
 * `<process>-internal-signing-key` holding its own private key, and a ConfigMap
 * `<process>-internal-trusted-keys` holding the public keys of the processes that call it — the gateway
 * and the centers its scope allowlist names (subgraphs/<center>/serviceScopes.ts), as SECURITY.md asks.
 * Written to `<folder>/internal-keys.yaml` (mode 0600): apply it, then keep the private keys in the bank's
 * secret store and delete the file. Replacing one key later follows SECURITY.md, "Switching a key".
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { internalKeyObjects } from './k8s/keys';
import { toYaml } from './k8s/yaml';

const [namespace, folder] = process.argv.slice(2);
if (!namespace || !folder) {
  console.error('usage: npm run k8s:keys -- <namespace> <folder>   (e.g. bank /secure/bank-keys)');
  process.exit(2);
}
const file = join(resolve(folder), 'internal-keys.yaml');
if (existsSync(file)) {
  console.error(`${file} exists: apply or remove it first (new keys would not match the running processes)`);
  process.exit(1);
}

const objects = internalKeyObjects(namespace);
mkdirSync(resolve(folder), { recursive: true, mode: 0o700 });
writeFileSync(file, toYaml(objects), { mode: 0o600 });
console.log(`wrote ${file}: ${objects.length / 2} signing-key Secrets and as many trusted-key ConfigMaps for namespace ${namespace}`);
console.log(`apply it (kubectl apply -f ${file}), store the private keys in the bank's secret store, then delete the file`);
