import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';

/** A new supergraph file is picked up under load without a single failed request. */
const [zhang] = DEMO_CUSTOMERS;
const file = join(mkdtempSync(join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
const original = readSupergraph();
writeFileSync(file, original);
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user', 'account'], gateway: { supergraphPath: file, watchSupergraph: true } });
});
afterAll(() => platform.stop());

test('hot reload under load: zero failed requests, and the new schema serves', async () => {
  const token = await platform.login(zhang!.mobile);
  let stop = false;
  const outcomes: string[] = [];
  const worker = async () => {
    while (!stop) {
      const { status, body } = await platform.query<{ me: { name: string } }>('query Name { me { name accounts { id } } }', { token });
      outcomes.push(status === 200 && !body.errors && body.data?.me.name === zhang!.name ? 'ok' : JSON.stringify(body).slice(0, 200));
    }
  };
  const workers = Array.from({ length: 8 }, worker);
  const servedDescription = async () =>
    (await platform.query<{ __type: { description: string | null } }>('{ __type(name: "Query") { description } }')).body.data?.__type
      .description;
  for (let version = 1; version <= 4; version++) {
    // A described type is a real schema change (a new composition id) that every query still matches.
    writeFileSync(file, original.replace(/^type Query/m, `"""Reload ${version}"""\ntype Query`));
    // Wait for the gateway to serve it, however long the reload takes on a busy machine.
    while ((await servedDescription()) !== `Reload ${version}`) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  stop = true;
  await Promise.all(workers);

  expect(outcomes.length).toBeGreaterThanOrEqual(8);
  expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([]);
  const metrics = await (await fetch(platform.gateway.metricsUrl!)).text();
  const reloads = /bank_gateway_supergraph_reloads_total\{[^}]*outcome="ok"[^}]*\} (\d+)/.exec(metrics);
  expect(Number(reloads?.[1])).toBeGreaterThanOrEqual(4);
  const { body } = await platform.query<{ __type: { description: string } }>('{ __type(name: "Query") { description } }');
  expect(body.data?.__type.description).toBe('Reload 4');
});

test('a broken supergraph is refused and the old one keeps serving', async () => {
  const ok = await platform.gateway.reload('this is not a supergraph');
  expect(ok).toBe(false);
  const token = await platform.login(zhang!.mobile);
  const { body } = await platform.query<{ me: { name: string } }>('{ me { name } }', { token });
  expect(body.data?.me.name).toBe(zhang!.name);
});
