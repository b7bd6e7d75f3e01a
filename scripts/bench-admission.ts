/**
 * `npx tsx scripts/bench-admission.ts [gatewayUrl] [metricsUrl]`: the gateway's p99 and resident
 * memory under normal traffic and under a depth/alias/token attack, with autocannon on loopback.
 * Start the platform first (`npm start`); prints figures, asserts nothing. The resident memory is
 * read from the gateway's internal metrics port (its port + 5000 unless GATEWAY_METRICS_PORT says).
 */
import autocannon from 'autocannon';

const url = process.argv[2] ?? 'http://127.0.0.1:4000/graphql';
const metricsUrl = process.argv[3] ?? `http://127.0.0.1:${Number(new URL(url).port || 80) + 5000}/metrics`;
const headers = { 'content-type': 'application/json', 'x-channel': 'WEB' };

const normal = JSON.stringify({ query: 'query Catalogue { products(first: 5) { edges { node { id name rate } } } }' });
let deep = 'id';
for (let level = 0; level < 40; level++) deep = `... on Product { ${deep} }`;
const attacks = [
  JSON.stringify({ query: `{ products(first: 1) { edges { node { ${deep} } } } }` }),
  JSON.stringify({
    query: `{ ${Array.from({ length: 500 }, (_, index) => `a${index}: products(first: 100) { edges { node { id } } }`).join(' ')} }`,
  }),
  JSON.stringify({ query: `{ products { edges { node { ${'id '.repeat(20_000)} } } } }` }),
];

async function residentMegabytes(): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const match = /^process_resident_memory_bytes\{[^}]*\} (\d+)/m.exec(text);
  return match ? Number(match[1]) / 1024 / 1024 : NaN;
}

async function run(title: string, bodies: string[]): Promise<void> {
  let index = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers,
    connections: 20,
    duration: 10,
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[index++ % bodies.length] }) }],
  });
  console.log(
    `${title}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `non-2xx ${result.non2xx}, resident ${(await residentMegabytes()).toFixed(0)} MiB`,
  );
}

async function main(): Promise<void> {
  console.log(`gateway ${url}, resident at start ${(await residentMegabytes()).toFixed(0)} MiB`);
  await run('normal load (product catalogue)', [normal]);
  await run('depth/alias/token attack', attacks);
  await run('normal load again', [normal]);
}

void main();
