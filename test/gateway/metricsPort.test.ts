import { startTestPlatform, TestPlatform } from '../support/platform';

/**
 * Metrics name operations, channels, error codes and circuit states: they are served on each
 * process's internal metrics port (loopback unless configured), and the public port answers 404.
 */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ production: true, centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const publicMetrics = (graphqlUrl: string) => graphqlUrl.replace('/graphql', '/metrics');

test('the public port of the gateway and of a center answers 404 on /metrics', async () => {
  await platform.query('{ pinEncryptionKey }');
  for (const url of [platform.gateway.url, platform.centers.auth!.url]) {
    const response = await fetch(publicMetrics(url));
    expect([url, response.status]).toEqual([url, 404]);
    expect(await response.text()).not.toContain('bank_graphql_requests_total');
  }
});

test('each process serves its metrics on its own loopback port', async () => {
  const processes = [
    { url: platform.gateway.url, metricsUrl: platform.gateway.metricsUrl },
    ...Object.values(platform.centers).map((center) => ({ url: center!.url, metricsUrl: center!.metricsUrl })),
  ];
  for (const { url, metricsUrl } of processes) {
    expect(metricsUrl).toBeDefined();
    const metrics = new URL(metricsUrl!);
    expect(metrics.hostname).toBe('127.0.0.1');
    expect(metrics.port).not.toBe(new URL(url).port);
    const response = await fetch(metricsUrl!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain('# TYPE bank_graphql_requests_total counter');
  }
});

test('the metrics port serves nothing else', async () => {
  const base = platform.gateway.metricsUrl!.replace('/metrics', '');
  expect((await fetch(`${base}/graphql`, { method: 'POST', body: '{"query":"{ __typename }"}' })).status).toBe(404);
  expect((await fetch(`${base}/health/ready`)).status).toBe(404);
});
