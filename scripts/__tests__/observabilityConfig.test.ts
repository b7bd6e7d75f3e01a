/**
 * deploy/grafana-dashboard.json, deploy/filebeat.yml and deploy/prometheus.yml against the code: every series
 * and label the dashboard reads is one a process registers, Filebeat finds the pods the manifests label and
 * decodes their stdout JSON, and Prometheus in Kubernetes finds them by the annotations the manifests set.
 * (test/gateway/deploy.test.ts checks the dashboard against running processes as well.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parse } from 'yaml';
import { projectRoot } from '../../platform/paths';
import { processObjects } from '../k8s/manifests';

const read = (file: string) => readFileSync(join(projectRoot, 'deploy', file), 'utf8');

/** Every prom-client metric the code constructs: name → label names (from the sources, as registered). */
function registeredMetrics(): Map<string, string[]> {
  const metrics = new Map<string, string[]>();
  const files = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      if (['__tests__', '__generated__', 'node_modules'].includes(entry.name)) return [];
      const path = join(folder, entry.name);
      return entry.isDirectory() ? files(path) : entry.name.endsWith('.ts') ? [path] : [];
    });
  for (const file of ['platform', 'gateway', 'subgraphs'].flatMap((folder) => files(join(projectRoot, folder)))) {
    const source = readFileSync(file, 'utf8');
    for (const [, name, labels] of source.matchAll(
      /new (?:Counter|Gauge|Histogram|Summary)\(\{\s*name: '([a-z_]+)',[^}]*?labelNames: \[([^\]]*)\]/gs,
    )) {
      metrics.set(
        name!,
        [...labels!.matchAll(/'([a-z_]+)'/g)].map((match) => match[1]!),
      );
    }
  }
  // prom-client's process and Node.js metrics (collectDefaultMetrics, on in every process of its own).
  const defaults = new Registry();
  collectDefaultMetrics({ register: defaults });
  for (const metric of defaults.getMetricsAsArray())
    metrics.set(metric.name, ((metric as unknown as { labelNames?: string[] }).labelNames ?? []).slice());
  return metrics;
}

// Labels every series has besides its own: the registry's default `service`, Prometheus's target labels.
const TARGET_LABELS = ['service', 'namespace', 'pod', 'process', 'job', 'instance'];

test('every series and label the dashboard reads is registered by the code', () => {
  const metrics = registeredMetrics();
  expect(metrics.get('bank_graphql_requests_total')).toEqual(['service', 'operation', 'channel', 'status']);
  expect([...metrics.keys()].filter((name) => name.startsWith('bank_')).length).toBeGreaterThanOrEqual(8);
  const dashboard = JSON.parse(read('grafana-dashboard.json'));
  expect(dashboard.panels.length).toBeGreaterThanOrEqual(12);
  for (const panel of dashboard.panels) {
    for (const { expr } of panel.targets as { expr: string }[]) {
      const series = [...expr.matchAll(/\b((?:bank|process|nodejs)_[a-z0-9_]+)/g)].map((match) => match[1]!);
      expect([panel.title, series.length]).not.toEqual([panel.title, 0]);
      const labels = new Set(TARGET_LABELS);
      for (const name of series) {
        const base = metrics.has(name) ? name : name.replace(/_(bucket|count|sum)$/, '');
        expect([panel.title, name, metrics.has(base)]).toEqual([panel.title, name, true]);
        for (const label of metrics.get(base) ?? []) labels.add(label);
        if (name.endsWith('_bucket')) labels.add('le');
      }
      const used = [
        ...[...expr.matchAll(/\bby \(([^)]*)\)/g)].flatMap((match) => match[1]!.split(',').map((label) => label.trim())),
        ...[...expr.matchAll(/[{,]\s*([a-z_]+)\s*(?:=~|!=|=)/g)].map((match) => match[1]!),
      ];
      for (const label of used) expect([panel.title, label, labels.has(label)]).toEqual([panel.title, label, true]);
    }
  }
});

test('filebeat autodiscovers the pods the manifests label and decodes their stdout JSON', () => {
  const config = parse(read('filebeat.yml'));
  const [provider] = config['filebeat.autodiscover'].providers;
  expect(provider.type).toBe('kubernetes');
  const [template] = provider.templates;
  expect(template.condition.equals).toEqual({ 'kubernetes.labels.app_kubernetes_io/part-of': 'bank-platform' });
  const base = parse(readFileSync(join(projectRoot, 'deploy', 'k8s', 'base', 'kustomization.yaml'), 'utf8'));
  expect(base.labels[0]).toMatchObject({ pairs: { 'app.kubernetes.io/part-of': 'bank-platform' }, includeTemplates: true });
  const [input] = template.config;
  expect(input.paths).toEqual(['/var/log/containers/*-${data.kubernetes.container.id}.log']);
  expect(input.parsers[0].container.stream).toBe('stdout');
  expect(input.parsers[1].ndjson).toMatchObject({ target: '', expand_keys: true, ignore_decoding_error: true });
  expect(config['filebeat.inputs']).toBeUndefined();
  expect(config['output.elasticsearch'].hosts.length).toBeGreaterThan(0);
});

test('prometheus in Kubernetes scrapes the annotated pods on the metrics port the NetworkPolicy opens', () => {
  const config = parse(read('prometheus.yml'));
  const job = config.scrape_configs.find((candidate: { kubernetes_sd_configs?: unknown }) => candidate.kubernetes_sd_configs);
  expect(job.kubernetes_sd_configs[0].role).toBe('pod');
  const deployment = processObjects('finance').find((object) => object.kind === 'Deployment') as never as {
    spec: {
      template: {
        metadata: { annotations: Record<string, string> };
        spec: { containers: { ports: { name: string; containerPort: number }[] }[] };
      };
    };
  };
  const annotations = deployment.spec.template.metadata.annotations;
  const metricsPort = deployment.spec.template.spec.containers[0]!.ports.find((port) => port.name === 'metrics')!.containerPort;
  expect(annotations).toMatchObject({
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': String(metricsPort),
    'prometheus.io/path': '/metrics',
  });
  const relabelled = job.relabel_configs.map((rule: { source_labels?: string[] }) => rule.source_labels?.join(','));
  expect(relabelled).toContain('__meta_kubernetes_pod_annotation_prometheus_io_scrape');
  expect(relabelled).toContain('__meta_kubernetes_pod_ip,__meta_kubernetes_pod_annotation_prometheus_io_port');
});
