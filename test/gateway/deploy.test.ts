import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CENTERS, DEFAULT_PORTS } from '../../platform/centers';
import { metricsPort } from '../../platform/config';
import { projectRoot } from '../../platform/paths';
import { startTestPlatform, TestPlatform } from '../support/platform';

/** The sample ELK pipeline, Prometheus and Grafana configurations parse, and match what the processes serve. */
const read = (file: string) => readFileSync(join(projectRoot, 'deploy', file), 'utf8');
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user', 'account'] });
});
afterAll(() => platform.stop());

test('filebeat reads ndjson lines and ships them to Elasticsearch', () => {
  const config = parse(read('filebeat.yml'));
  expect(config['filebeat.inputs'][0].parsers[0].ndjson).toBeDefined();
  expect(config['output.elasticsearch'].hosts.length).toBeGreaterThan(0);
});

test('every dashboard query names exported metrics', async () => {
  const dashboard = JSON.parse(read('grafana-dashboard.json'));
  expect(dashboard.panels.length).toBeGreaterThanOrEqual(8);
  await platform.query('{ campaigns { id } }');
  const exported =
    (await (await fetch(platform.gateway.metricsUrl!)).text()) + (await (await fetch(platform.centers.account!.metricsUrl!)).text());
  for (const panel of dashboard.panels) {
    for (const target of panel.targets) {
      for (const [name] of target.expr.matchAll(/\b(bank_[a-z_]+|process_[a-z_]+)/g)) {
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
    expect(job.metrics_path).toBe('/metrics');
    for (const group of job.static_configs) for (const target of group.targets) targets.set(group.labels.process, target);
  }
  for (const name of ['gateway', ...CENTERS] as const) {
    const port = metricsPort(name, DEFAULT_PORTS[name], {});
    expect([name, targets.get(name)]).toEqual([name, `127.0.0.1:${port}`]);
    expect(port).not.toBe(DEFAULT_PORTS[name]);
  }
});
