/**
 * The generated Kubernetes manifests (scripts/k8s/manifests.ts → deploy/k8s/base/): committed as generated,
 * one complete set of objects per process, and NetworkPolicies that admit exactly the callers the code has.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CENTERS, CenterName, DEFAULT_PORTS } from '../../platform/centers';
import { createInternalKeyring } from '../../platform/identity/internalKeys';
import { projectRoot } from '../../platform/paths';
import { internalKeyObjects } from '../k8s/keys';
import {
  callersOf,
  generatedFiles,
  KubeObject,
  metricsPortOf,
  Process,
  processObjects,
  signingKeySecret,
  trustedKeysConfigMap,
  workloadName,
} from '../k8s/manifests';
import { fromYaml, toYaml } from '../k8s/yaml';

const base = join(projectRoot, 'deploy', 'k8s', 'base');
const PROCESSES: Process[] = ['gateway', ...CENTERS];
const ofKind = (objects: KubeObject[], kind: string) => objects.filter((object) => object.kind === kind);
const spec = (object: KubeObject | undefined): any => (object as { spec?: unknown } | undefined)?.spec;

test('the committed files under deploy/k8s/base are what `npm run k8s:generate` writes', () => {
  for (const [path, text] of Object.entries(generatedFiles(toYaml))) {
    expect([path, readFileSync(join(base, path), 'utf8') === text]).toEqual([path, true]);
  }
});

test('the base kustomization takes every generated file', () => {
  const kustomization = parse(readFileSync(join(base, 'kustomization.yaml'), 'utf8'));
  for (const process of PROCESSES) expect(kustomization.resources).toContain(`${workloadName(process)}.yaml`);
  expect(kustomization.resources).toContain('bank-migrate.yaml');
  // Applied first in a release, with the Job (deploy/README.md).
  expect(kustomization.configMapGenerator[0].options.labels).toEqual({ 'app.kubernetes.io/component': 'config' });
  expect(kustomization.configMapGenerator[0].envs).toEqual(['platform.env']);
});

test.each(PROCESSES)('%s has a Service, a Deployment with probes, an autoscaler, a disruption budget and a network policy', (process) => {
  const objects = fromYaml(readFileSync(join(base, `${workloadName(process)}.yaml`), 'utf8'));
  expect(objects.map((object) => object.kind).sort()).toEqual(
    ['Deployment', 'HorizontalPodAutoscaler', 'NetworkPolicy', 'PodDisruptionBudget', 'Service'].sort(),
  );
  const container = spec(ofKind(objects, 'Deployment')[0]).template.spec.containers[0];
  expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
  expect(container.livenessProbe.httpGet.path).toBe('/health/live');
  expect(container.ports).toEqual([
    { name: 'http', containerPort: DEFAULT_PORTS[process], protocol: 'TCP' },
    { name: 'metrics', containerPort: metricsPortOf(process), protocol: 'TCP' },
  ]);
  expect(container.resources.requests.cpu).toBeDefined();
  expect(container.resources.limits.memory).toBeDefined();
  expect(spec(ofKind(objects, 'HorizontalPodAutoscaler')[0]).metrics[0].resource.name).toBe('cpu');
  // Centers behind headless Services, so every ready replica is resolved.
  expect(spec(ofKind(objects, 'Service')[0]).clusterIP).toBe(process === 'gateway' ? undefined : 'None');
});

test.each(PROCESSES)('%s mounts its own signing key and no other process’s', (process) => {
  const volumes = spec(processObjects(process).find((object) => object.kind === 'Deployment')).template.spec.volumes;
  const secrets = volumes
    .filter((volume: { secret?: unknown }) => volume.secret)
    .map((volume: { secret: { secretName: string } }) => volume.secret.secretName);
  expect(secrets).toEqual([signingKeySecret(process)]);
  const env = spec(processObjects(process).find((object) => object.kind === 'Deployment')).template.spec.containers[0].env;
  const keyVariables = env
    .map((variable: { name: string }) => variable.name)
    .filter((name: string) => name.endsWith('_INTERNAL_SIGNING_KEY_FILE'));
  expect(keyVariables).toEqual([`${process.toUpperCase()}_INTERNAL_SIGNING_KEY_FILE`]);
});

/** Which centers' published clients a center's own code imports (its calls to them). */
function clientImports(caller: CenterName): CenterName[] {
  const files = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name === '__tests__' || entry.name === '__generated__') return [];
      const path = join(folder, entry.name);
      return entry.isDirectory() ? files(path) : entry.name.endsWith('.ts') ? [path] : [];
    });
  const called = new Set<CenterName>();
  for (const file of files(join(projectRoot, 'subgraphs', caller))) {
    for (const [, callee] of readFileSync(file, 'utf8').matchAll(/from '(?:\.\.\/)+([a-z]+)\/client'/g)) {
      if (callee !== caller && (CENTERS as readonly string[]).includes(callee!)) called.add(callee as CenterName);
    }
  }
  return [...called];
}

test.each(CENTERS)('the %s center admits the gateway and the centers that call it, and metrics only from monitoring', (center) => {
  const policy = processObjects(center).find((object) => object.kind === 'NetworkPolicy')!;
  const [service, metrics] = spec(policy).ingress;
  const admitted = service.from.map(
    (peer: { podSelector: { matchLabels: Record<string, string> } }) => peer.podSelector.matchLabels['app.kubernetes.io/name'],
  );
  expect(admitted).toEqual(['gateway', ...callersOf(center).map(workloadName)]);
  expect(service.ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
  expect(metrics).toEqual({
    from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
    ports: [{ port: 'metrics', protocol: 'TCP' }],
  });
  // Every center whose code imports this center's client may reach it.
  for (const caller of CENTERS) {
    if (clientImports(caller).includes(center)) expect([caller, admitted.includes(workloadName(caller))]).toEqual([caller, true]);
  }
});

test('the centers are reached at their headless Services', () => {
  const env = readFileSync(join(base, 'platform.env'), 'utf8');
  for (const center of CENTERS)
    expect(env).toContain(`${center.toUpperCase()}_URL=http://${center}-center:${DEFAULT_PORTS[center]}/graphql\n`);
  expect(env).toContain('CENTER_HOST=0.0.0.0\n');
  expect(env).toContain('NODE_ENV=production\n');
});

test('`npm run k8s:keys` gives each process its own key and trusts exactly its callers', () => {
  const objects = internalKeyObjects('bank');
  const secret = (process: Process) =>
    objects.find((object) => object.metadata.name === signingKeySecret(process)) as never as { stringData: Record<string, string> };
  const trusted = (process: Process) =>
    (objects.find((object) => object.metadata.name === trustedKeysConfigMap(process)) as never as { data: Record<string, string> }).data[
      'jwks.json'
    ]!;
  const kidOf = (process: Process) =>
    createInternalKeyring({
      NODE_ENV: 'production',
      [`${process.toUpperCase()}_INTERNAL_SIGNING_KEY`]: secret(process).stringData['private-key.pem']!,
    }).signingKey(process).kid;
  for (const center of CENTERS) {
    // As the center reads them: its own key from the mounted Secret, its callers' from the ConfigMap.
    const keyring = createInternalKeyring({
      NODE_ENV: 'production',
      [`${center.toUpperCase()}_INTERNAL_SIGNING_KEY`]: secret(center).stringData['private-key.pem']!,
      INTERNAL_TRUSTED_KEYS: trusted(center),
    });
    expect(keyring.signingKey(center).kid).toBe(kidOf(center));
    for (const other of ['gateway', ...CENTERS] as const) {
      if (other === center) continue;
      const expected = other === 'gateway' || callersOf(center).includes(other);
      expect([center, other, keyring.verificationKey(kidOf(other)) !== undefined]).toEqual([center, other, expected]);
    }
  }
});
