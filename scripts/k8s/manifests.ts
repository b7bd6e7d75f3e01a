/**
 * The Kubernetes objects of the platform's processes, built from what the code already says: the center
 * list and ports (platform/centers.ts, platform/config.ts), which center calls which (each center's
 * allowlist in subgraphs/<center>/serviceScopes.ts), and the sizes measured by the bench (bench/README.md).
 * `npm run k8s:generate` writes them under deploy/k8s/base/; a unit test fails when the committed files
 * differ, so the nine near-identical processes cannot drift apart by hand.
 */
import { CENTERS, CenterName, DEFAULT_PORTS } from '../../platform/centers';
import { METRICS_PORT_OFFSET } from '../../platform/config';
import { serviceScopes as accountScopes } from '../../subgraphs/account/serviceScopes';
import { serviceScopes as authScopes } from '../../subgraphs/auth/serviceScopes';
import { serviceScopes as financeScopes } from '../../subgraphs/finance/serviceScopes';
import { serviceScopes as lifeScopes } from '../../subgraphs/life/serviceScopes';
import { serviceScopes as limitsScopes } from '../../subgraphs/limits/serviceScopes';
import { serviceScopes as marketingScopes } from '../../subgraphs/marketing/serviceScopes';
import { serviceScopes as productScopes } from '../../subgraphs/product/serviceScopes';
import { serviceScopes as userScopes } from '../../subgraphs/user/serviceScopes';
import type { ServiceScopes } from '../../subgraphs/kit/serviceScopes';

export type Process = 'gateway' | CenterName;
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; [key: string]: unknown }; [key: string]: unknown };

const SCOPES: Record<CenterName, ServiceScopes> = {
  user: userScopes,
  account: accountScopes,
  finance: financeScopes,
  product: productScopes,
  life: lifeScopes,
  marketing: marketingScopes,
  auth: authScopes,
  limits: limitsScopes,
};

/** The image every process runs; overlays pin it (`images:` in their kustomization). */
export const IMAGE = 'bank-platform';
/** Prefix of the centers' database names (`<prefix>_<center>`). */
export const DATABASE_NAME_PREFIX = 'bank';
/** Where mounted secrets appear in a container. */
const SIGNING_KEY_DIR = '/var/run/secrets/bank/internal-signing-key';
const TRUSTED_KEYS_DIR = '/etc/bank/internal-trusted-keys';

export const workloadName = (process: Process): string => (process === 'gateway' ? 'gateway' : `${process}-center`);
export const signingKeySecret = (process: Process): string => `${workloadName(process)}-internal-signing-key`;
export const trustedKeysConfigMap = (process: Process): string => `${workloadName(process)}-internal-trusted-keys`;
export const metricsPortOf = (process: Process): number => DEFAULT_PORTS[process] + METRICS_PORT_OFFSET;

/** The centers allowed to call `center` (its scope allowlist); the gateway calls every center besides. */
export function callersOf(center: CenterName): CenterName[] {
  const callers = new Set(Object.values(SCOPES[center]).flat());
  return CENTERS.filter((name) => callers.has(name));
}

/**
 * Requests and limits per process, from the bench (bench/README.md, "Figures"; 2 cores): the gateway used
 * 1.0–1.8 ms of CPU per read request and 4.9 ms per transfer and held 257–354 MiB RSS under load; the centers
 * ~42 ms of CPU per transfer together, most of it finance (12 of 31 statements), marketing and limits; one
 * center process idles at 150–200 MiB. The user center also loads the OCR and face models (tfjs, tesseract).
 * Memory limits leave room for a load peak above the measured RSS; CPU limits only bound a runaway loop.
 */
interface Size {
  cpu: string;
  memory: string;
  cpuLimit: string;
  memoryLimit: string;
  minReplicas: number;
  maxReplicas: number;
}
const SIZES: Record<Process, Size> = {
  gateway: { cpu: '500m', memory: '384Mi', cpuLimit: '2', memoryLimit: '768Mi', minReplicas: 2, maxReplicas: 10 },
  user: { cpu: '250m', memory: '768Mi', cpuLimit: '2', memoryLimit: '1536Mi', minReplicas: 2, maxReplicas: 4 },
  account: { cpu: '250m', memory: '256Mi', cpuLimit: '1', memoryLimit: '512Mi', minReplicas: 2, maxReplicas: 6 },
  finance: { cpu: '500m', memory: '320Mi', cpuLimit: '2', memoryLimit: '640Mi', minReplicas: 2, maxReplicas: 8 },
  product: { cpu: '100m', memory: '256Mi', cpuLimit: '1', memoryLimit: '512Mi', minReplicas: 2, maxReplicas: 4 },
  life: { cpu: '100m', memory: '256Mi', cpuLimit: '1', memoryLimit: '512Mi', minReplicas: 2, maxReplicas: 4 },
  marketing: { cpu: '250m', memory: '256Mi', cpuLimit: '1', memoryLimit: '512Mi', minReplicas: 2, maxReplicas: 6 },
  auth: { cpu: '250m', memory: '320Mi', cpuLimit: '2', memoryLimit: '640Mi', minReplicas: 2, maxReplicas: 6 },
  limits: { cpu: '250m', memory: '256Mi', cpuLimit: '1', memoryLimit: '512Mi', minReplicas: 2, maxReplicas: 6 },
};
const CPU_TARGET_PERCENT = 70;

function labels(process: Process): Record<string, string> {
  return {
    'app.kubernetes.io/name': workloadName(process),
    'app.kubernetes.io/component': process === 'gateway' ? 'gateway' : 'center',
  };
}
const selectorOf = (process: Process) => ({ 'app.kubernetes.io/name': workloadName(process) });

/** The platform-wide settings every process reads (a ConfigMap, as an env file for kustomize's generator). */
export function platformEnv(): string {
  const lines = [
    '# Generated by `npm run k8s:generate` (scripts/k8s/manifests.ts); edit that, not this file.',
    '# Settings shared by every process; overlays merge their own (deploy/k8s/overlays/*/platform.env).',
    'NODE_ENV=production',
    // Centers listen on the pod network; the gateway listens on every interface already.
    'CENTER_HOST=0.0.0.0',
    `DATABASE_NAME_PREFIX=${DATABASE_NAME_PREFIX}`,
    'LOG_LEVEL=info',
    // Headless Services: the name resolves to every ready pod, so each new connection of a caller's pool can
    // land on a new replica (a ClusterIP would pin each kept-alive connection to one pod through kube-proxy).
    ...CENTERS.map((center) => `${center.toUpperCase()}_URL=http://${workloadName(center)}:${DEFAULT_PORTS[center]}/graphql`),
  ];
  return lines.join('\n') + '\n';
}

function env(process: Process): unknown[] {
  const name = process.toUpperCase();
  return [
    // Metrics listen on the pod's own address only (README: METRICS_HOST), reachable as the NetworkPolicy allows.
    { name: 'METRICS_HOST', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: `${name}_INTERNAL_SIGNING_KEY_FILE`, value: `${SIGNING_KEY_DIR}/private-key.pem` },
    { name: 'INTERNAL_TRUSTED_KEYS_FILE', value: `${TRUSTED_KEYS_DIR}/jwks.json` },
    { name: 'REDIS_URL', valueFrom: { secretKeyRef: { name: 'bank-redis', key: 'url', optional: process !== 'gateway' } } },
    ...(process === 'gateway'
      ? []
      : [
          { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'bank-database', key: 'url', optional: true } } },
          { name: `${name}_DATABASE_URL`, valueFrom: { secretKeyRef: { name: 'bank-database', key: `${process}-url`, optional: true } } },
        ]),
  ];
}

function envFrom(process: Process): unknown[] {
  return [
    { configMapRef: { name: 'bank-platform-config' } },
    // A center's field-encryption and blind-index keys (FIELD_ENCRYPTION_KEY or _KEYS, BLIND_INDEX_KEY).
    ...(process === 'gateway' ? [] : [{ secretRef: { name: 'bank-field-encryption' } }]),
    // What only this process reads (the gateway's TRUSTED_PROXIES and CORS origins, auth's SMS vendor, …).
    { configMapRef: { name: `${workloadName(process)}-config`, optional: true } },
    { secretRef: { name: `${workloadName(process)}-secrets`, optional: true } },
  ];
}

const securityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

function deployment(process: Process): KubeObject {
  const port = DEFAULT_PORTS[process];
  const size = SIZES[process];
  const probe = (path: string, extra: Record<string, number>) => ({ httpGet: { path, port: 'http' }, ...extra });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: workloadName(process), labels: labels(process) },
    spec: {
      // No replicas: the HorizontalPodAutoscaler owns the count (an applied replicas field would reset it).
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorOf(process) },
      // A new pod must be ready before an old one goes: rolling upgrades never lower capacity.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: labels(process),
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(metricsPortOf(process)),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          automountServiceAccountToken: false,
          // fsGroup: the mounted key files are readable by the process's group (mode 0440), by no one else.
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            fsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          // SIGTERM turns readiness off and drains in-flight requests; 30 s covers the longest subgraph budget.
          terminationGracePeriodSeconds: 40,
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selectorOf(process) } },
                },
              ],
            },
          },
          containers: [
            {
              name: workloadName(process),
              image: IMAGE,
              args: process === 'gateway' ? ['gateway'] : ['center', process],
              ports: [
                { name: 'http', containerPort: port, protocol: 'TCP' },
                { name: 'metrics', containerPort: metricsPortOf(process), protocol: 'TCP' },
              ],
              env: env(process),
              envFrom: envFrom(process),
              // A center migrates its own database at start (the Job has done it already): allow for it once.
              startupProbe: probe('/health/live', { periodSeconds: 5, failureThreshold: 36 }),
              readinessProbe: probe('/health/ready', { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 }),
              livenessProbe: probe('/health/live', { periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 }),
              // Until the endpoints controller has taken the pod out of every Service, keep serving.
              lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
              resources: {
                requests: { cpu: size.cpu, memory: size.memory },
                limits: { cpu: size.cpuLimit, memory: size.memoryLimit },
              },
              securityContext,
              volumeMounts: [
                { name: 'internal-signing-key', mountPath: SIGNING_KEY_DIR, readOnly: true },
                { name: 'internal-trusted-keys', mountPath: TRUSTED_KEYS_DIR, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            // One signing-key secret per process, mounted only into that process (SECURITY.md, "Internal signing keys").
            { name: 'internal-signing-key', secret: { secretName: signingKeySecret(process), defaultMode: 0o440 } },
            { name: 'internal-trusted-keys', configMap: { name: trustedKeysConfigMap(process) } },
            { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
          ],
        },
      },
    },
  };
}

function service(process: Process): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: workloadName(process), labels: labels(process) },
    spec: {
      // Centers: headless, so callers resolve every ready pod (platformEnv). The gateway: one virtual IP for the load balancer.
      ...(process === 'gateway' ? { type: 'ClusterIP' } : { clusterIP: 'None' }),
      selector: selectorOf(process),
      ports: [
        { name: 'http', port: DEFAULT_PORTS[process], targetPort: 'http', protocol: 'TCP' },
        { name: 'metrics', port: metricsPortOf(process), targetPort: 'metrics', protocol: 'TCP' },
      ],
    },
  };
}

function autoscaler(process: Process): KubeObject {
  const size = SIZES[process];
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: workloadName(process), labels: labels(process) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: workloadName(process) },
      minReplicas: size.minReplicas,
      maxReplicas: size.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: CPU_TARGET_PERCENT } } }],
      // Scale in slowly: a center's pool keeps connections for a few seconds, and a flapping count costs more than it saves.
      behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
    },
  };
}

function disruptionBudget(process: Process): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: workloadName(process), labels: labels(process) },
    // One pod at a time, whatever the replica count (with one replica a node drain still proceeds).
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(process) } },
  };
}

function networkPolicy(process: Process): KubeObject {
  const fromPods = (names: Process[]) => names.map((name) => ({ podSelector: { matchLabels: selectorOf(name) } }));
  const metricsRule = {
    from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
    ports: [{ port: 'metrics', protocol: 'TCP' }],
  };
  const serviceRule =
    process === 'gateway'
      ? // The public port: the load balancer or ingress, from wherever the cluster lets it in.
        { ports: [{ port: 'http', protocol: 'TCP' }] }
      : { from: fromPods(['gateway', ...callersOf(process)]), ports: [{ port: 'http', protocol: 'TCP' }] };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: workloadName(process), labels: labels(process) },
    spec: {
      podSelector: { matchLabels: selectorOf(process) },
      policyTypes: ['Ingress'],
      ingress: [serviceRule, metricsRule],
    },
  };
}

/** Every object of one process, in apply order. */
export function processObjects(process: Process): KubeObject[] {
  return [service(process), deployment(process), autoscaler(process), disruptionBudget(process), networkPolicy(process)];
}

/**
 * The migration Job: every center's database created and migrated, and its reference data seeded, before the
 * processes roll out. It is in the same kustomization as the processes (so it reads the same generated settings)
 * and is applied first by its label (deploy/README.md). Seeding opens each center's store, and the auth center's
 * needs its SMS settings in production: the Job reads the auth center's settings too.
 */
export function migrationJob(): KubeObject {
  const jobLabels = { 'app.kubernetes.io/name': 'bank-migrate', 'app.kubernetes.io/component': 'migration' };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'bank-migrate', labels: jobLabels },
    spec: {
      backoffLimit: 2,
      activeDeadlineSeconds: 1800,
      // Kept after it finished (no TTL), so that applying the overlay again leaves it be; a release deletes it first.
      template: {
        metadata: { labels: jobLabels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'migrate',
              image: IMAGE,
              args: ['migrate'],
              env: [
                { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'bank-database', key: 'url', optional: true } } },
                ...CENTERS.map((center) => ({
                  name: `${center.toUpperCase()}_DATABASE_URL`,
                  valueFrom: { secretKeyRef: { name: 'bank-database', key: `${center}-url`, optional: true } },
                })),
              ],
              envFrom: [
                { configMapRef: { name: 'bank-platform-config' } },
                // Reference data is seeded with the centers' keys (encrypted columns, blind indexes).
                { secretRef: { name: 'bank-field-encryption' } },
                { configMapRef: { name: `${workloadName('auth')}-config`, optional: true } },
                { secretRef: { name: `${workloadName('auth')}-secrets`, optional: true } },
              ],
              resources: { requests: { cpu: '250m', memory: '384Mi' }, limits: { cpu: '1', memory: '768Mi' } },
              securityContext,
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }],
        },
      },
    },
  };
}

/** The generated files under deploy/k8s/base/, by path relative to it. */
export function generatedFiles(toYaml: (objects: KubeObject[]) => string): Record<string, string> {
  const header = '# Generated by `npm run k8s:generate` (scripts/k8s/manifests.ts); edit that, not this file.\n';
  const files: Record<string, string> = { 'platform.env': platformEnv(), 'bank-migrate.yaml': header + toYaml([migrationJob()]) };
  for (const process of ['gateway', ...CENTERS] as const) files[`${workloadName(process)}.yaml`] = header + toYaml(processObjects(process));
  return files;
}
