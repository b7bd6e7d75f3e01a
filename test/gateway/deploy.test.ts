import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CENTERS, DEFAULT_PORTS } from '../../platform/centers';
import { metricsPort } from '../../platform/config';
import { projectRoot } from '../../platform/paths';
import { startTestPlatform, TestPlatform } from '../support/platform';

/**
 * The Prometheus and Grafana configurations match what running processes serve (the static checks of these
 * files and of deploy/filebeat.yml, against the code, are scripts/__tests__/observabilityConfig.test.ts).
 */
const read = (file: string) => readFileSync(join(projectRoot, 'deploy', file), 'utf8');
let platform: TestPlatform;
beforeAll(async () => {
  // The response cache on, so that its series exists as in production.
  platform = await startTestPlatform({ centers: ['auth', 'user', 'account'], gateway: { responseCache: true } });
});
afterAll(() => platform.stop());

test('every dashboard query names exported metrics', async () => {
  const dashboard = JSON.parse(read('grafana-dashboard.json'));
  expect(dashboard.panels.length).toBeGreaterThanOrEqual(12);
  await platform.query('{ campaigns { id } }');
  const exported =
    (await (await fetch(platform.gateway.metricsUrl!)).text()) + (await (await fetch(platform.centers.account!.metricsUrl!)).text());
  for (const panel of dashboard.panels) {
    for (const target of panel.targets) {
      for (const [name] of target.expr.matchAll(/\b(bank_[a-z_]+|process_[a-z_]+|nodejs_[a-z0-9_]+)/g)) {
        const base = name.replace(/_(bucket|count|sum)$/, '');
        expect([panel.title, exported.includes(`# TYPE ${base} `)]).toEqual([panel.title, true]);
      }
    }
  }
});

test('prometheus scrapes every process on its default metrics port, never a public port', () => {
  const config = parse(read('prometheus.yml'));
  const targets = new Map<string, string>();
  for (const job of config.scrape_configs) {
    if (!job.static_configs) continue; // the Kubernetes job discovers pods by their annotations
    expect(job.metrics_path).toBe('/metrics');
    for (const group of job.static_configs) for (const target of group.targets) targets.set(group.labels.process, target);
  }
  for (const name of ['gateway', ...CENTERS] as const) {
    const port = metricsPort(name, DEFAULT_PORTS[name], {});
    expect([name, targets.get(name)]).toEqual([name, `127.0.0.1:${port}`]);
    expect(port).not.toBe(DEFAULT_PORTS[name]);
  }
});
