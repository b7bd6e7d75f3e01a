import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { activeSpan, activeTraceFields } from '../observability/traceContext';
import { startTracing, stopTracing } from '../observability/tracing';
import { projectRoot } from '../paths';

/**
 * The request's trace as a server sees it: continued from a caller's W3C `traceparent` or started,
 * ids available to the logs whether or not anything is recorded, and sampling decided from the trace id.
 */
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
let server: Server;
let url: string;
let seen: { fields: ReturnType<typeof activeTraceFields>; recording: boolean }[];

beforeAll(async () => {
  server = createServer((_request, response) => {
    seen.push({ fields: activeTraceFields(), recording: activeSpan()?.isRecording() ?? false });
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
beforeEach(() => {
  seen = [];
});
afterEach(() => stopTracing());
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function get(headers: Record<string, string> = {}): Promise<void> {
  await (await fetch(url, { headers })).text();
}

test('without an endpoint nothing is recorded, yet a caller trace is continued and ids reach the logs', async () => {
  startTracing({ serviceName: 'tracing-test' });
  await get({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
  expect(seen).toHaveLength(1);
  expect(seen[0]!.recording).toBe(false);
  expect(seen[0]!.fields.trace?.id).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  expect(seen[0]!.fields.span?.id).toMatch(SPAN_ID);
  expect(seen[0]!.fields.span?.id).not.toBe('00f067aa0ba902b7');
});

test('an all-zero or malformed traceparent is not continued: a new trace starts', async () => {
  startTracing({ serviceName: 'tracing-test' });
  await get({ traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` });
  await get({ traceparent: 'garbage' });
  await get();
  const traceIds = seen.map((entry) => entry.fields.trace?.id);
  for (const id of traceIds) {
    expect(id).toMatch(TRACE_ID);
    expect(id).not.toMatch(/^0+$/);
  }
  expect(new Set(traceIds).size).toBe(3);
});

test("sampling decides from the trace id: a caller's sampled flag does not force recording", async () => {
  const exporter = new InMemorySpanExporter();
  startTracing({ serviceName: 'tracing-test', exporter, sampleRatio: 0 });
  await get({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
  await get({ traceparent: '00-5bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00' });
  await get();
  expect(seen.map((entry) => entry.recording)).toEqual([false, false, false]);
  expect(exporter.getFinishedSpans()).toEqual([]);
});

test('a recorded trace continues the caller: same trace id, the caller span as parent', async () => {
  const exporter = new InMemorySpanExporter();
  startTracing({ serviceName: 'tracing-test', exporter, sampleRatio: 1 });
  await get({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00' });
  expect(seen.map((entry) => entry.recording)).toEqual([true]);
  const exported = exporter.getFinishedSpans();
  expect(exported.map((span) => span.spanContext().traceId)).toEqual(['4bf92f3577b34da6a3ce929d0e0e4736']);
  expect(exported[0]!.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
  expect(exported[0]!.resource.attributes['service.name']).toBe('tracing-test');
});

test('stopped, the server is no longer instrumented', async () => {
  startTracing({ serviceName: 'tracing-test' });
  await stopTracing();
  await get({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
  expect(seen[0]!.fields).toEqual({});
});

/**
 * The exporter's HTTP transport loads `http` with a dynamic `import()`, which Jest's module registry cannot
 * run: the export is checked in a process of its own, as a center runs it.
 */
test('with an endpoint, recorded spans reach the collector as OTLP/HTTP protobuf when tracing stops', async () => {
  const received: { path?: string; type?: string; bytes: number }[] = [];
  const collector = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url, type: request.headers['content-type'], bytes: Buffer.concat(chunks).length });
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  try {
    const script = `
      const { startTracing, stopTracing } = require(${JSON.stringify(join(__dirname, '..', 'observability', 'tracing.ts'))});
      const { activeSpan } = require(${JSON.stringify(join(__dirname, '..', 'observability', 'traceContext.ts'))});
      startTracing({ serviceName: 'tracing-test' });
      const http = require('node:http');
      const server = http.createServer((request, response) => response.end(String(activeSpan()?.isRecording())));
      server.listen(0, '127.0.0.1', async () => {
        const answer = await (await fetch('http://127.0.0.1:' + server.address().port + '/graphql')).text();
        server.close();
        await stopTracing();
        process.stdout.write(answer);
      });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: projectRoot,
      env: {
        ...process.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        OTEL_TRACES_SAMPLER_ARG: '1',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect({ code, output }).toEqual({ code: 0, output: 'true' });
    // Batched: nothing went out before stopping flushed it, then one request with the span.
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ path: '/v1/traces', type: 'application/x-protobuf' });
    expect(received[0]!.bytes).toBeGreaterThan(0);
  } finally {
    await new Promise((resolve) => collector.close(resolve));
  }
});
