import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../platform/paths';
import { startTestPlatform, TestPlatform } from '../support/platform';

/** The sample ELK pipeline and Grafana dashboard parse, and name only metrics the processes export. */
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
    (await (await fetch(platform.gateway.url.replace('/graphql', '/metrics'))).text()) +
    (await (await fetch(platform.centers.account!.url.replace('/graphql', '/metrics'))).text());
  for (const panel of dashboard.panels) {
    for (const target of panel.targets) {
      for (const [name] of target.expr.matchAll(/\b(bank_[a-z_]+|process_[a-z_]+)/g)) {
        const base = name.replace(/_(bucket|count|sum)$/, '');
        expect([panel.title, exported.includes(`# TYPE ${base} `)]).toEqual([panel.title, true]);
      }
    }
  }
});
