/** The internal-key Secrets and ConfigMaps of a first deployment (`npm run k8s:keys`, scripts/k8s-keys.ts). */
import { CENTERS } from '../../platform/centers';
import { generateInternalKey, PublicJwk } from '../../platform/identity/internalKeys';
import { callersOf, KubeObject, Process, signingKeySecret, trustedKeysConfigMap } from './manifests';

/** Per process: a Secret with its own private key; a ConfigMap with the public keys of its callers (the gateway and its allowlist's centers). */
export function internalKeyObjects(namespace: string): KubeObject[] {
  const processes: Process[] = ['gateway', ...CENTERS];
  const keys = new Map(processes.map((name) => [name, generateInternalKey(name)]));
  const labels = { 'app.kubernetes.io/part-of': 'bank-platform' };
  const objects: KubeObject[] = [];
  for (const name of processes) {
    const trusted: PublicJwk[] =
      name === 'gateway' ? [] : [keys.get('gateway')!.jwk, ...callersOf(name).map((caller) => keys.get(caller)!.jwk)];
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: signingKeySecret(name), namespace, labels },
      type: 'Opaque',
      stringData: { 'private-key.pem': keys.get(name)!.privateKeyPem },
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: trustedKeysConfigMap(name), namespace, labels },
      data: { 'jwks.json': JSON.stringify({ keys: trusted }, null, 2) },
    });
  }
  return objects;
}
