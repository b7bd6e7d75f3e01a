import * as crypto from 'node:crypto';
import { childTraceparent, newRequestRecord, newSpanId } from '../observability/requestScope';

/** Trace and span ids are cut from a pooled CSPRNG buffer; these watch the pool's fills. */
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, randomFillSync: jest.fn(actual.randomFillSync) };
});
const fills = crypto.randomFillSync as unknown as jest.MockedFunction<(buffer: Buffer) => Buffer>;

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZEROS = /^0+$/;

test('ids are lowercase hex of W3C length, never all zeros, and distinct over many pool refills', () => {
  const fillsBefore = fills.mock.calls.length;
  const traceIds = new Set<string>();
  const spanIds = new Set<string>();
  // 2,000 records take 2,000 × (16 + 8) bytes: about a dozen 4 KiB pools.
  for (let i = 0; i < 2000; i++) {
    const record = newRequestRecord(undefined);
    expect(record.traceId).toMatch(TRACE_ID);
    expect(record.spanId).toMatch(SPAN_ID);
    expect(record.traceId).not.toMatch(ALL_ZEROS);
    expect(record.spanId).not.toMatch(ALL_ZEROS);
    traceIds.add(record.traceId);
    spanIds.add(record.spanId);
  }
  expect(traceIds.size).toBe(2000);
  expect(spanIds.size).toBe(2000);
  expect(fills.mock.calls.length - fillsBefore).toBeGreaterThanOrEqual(Math.floor((2000 * 24) / 4096));
});

test('child spans share the trace and get fresh span ids', () => {
  const record = newRequestRecord(undefined);
  const children = Array.from({ length: 600 }, () => childTraceparent(record));
  for (const traceparent of children) expect(traceparent).toMatch(new RegExp(`^00-${record.traceId}-[0-9a-f]{16}-01$`));
  expect(new Set(children.map((traceparent) => traceparent.split('-')[2])).size).toBe(600);
  expect(newSpanId()).toMatch(SPAN_ID);
});

test('a pool that came out all zeros yields no id: the draw moves on to a fresh fill', () => {
  fills.mockImplementationOnce((buffer) => buffer.fill(0));
  const fillsBefore = fills.mock.calls.length;
  let id = newSpanId();
  // Draw until the pool runs out and is refilled (with zeros, once).
  while (fills.mock.calls.length === fillsBefore) id = newSpanId();
  expect(id).toMatch(SPAN_ID);
  expect(id).not.toMatch(ALL_ZEROS);
  // The zero-filled pool was skipped whole and a real one drawn within the same call.
  expect(fills.mock.calls.length).toBe(fillsBefore + 2);
});

test('a well-formed caller traceparent is continued; an all-zero one is not', () => {
  const continued = newRequestRecord(`00-${'4bf92f3577b34da6a3ce929d0e0e4736'}-00f067aa0ba902b7-01`);
  expect(continued.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  expect(continued.parentSpanId).toBe('00f067aa0ba902b7');
  expect(continued.spanId).not.toBe('00f067aa0ba902b7');
  const restarted = newRequestRecord(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`);
  expect(restarted.traceId).toMatch(TRACE_ID);
  expect(restarted.traceId).not.toMatch(ALL_ZEROS);
  expect(restarted.parentSpanId).toBeUndefined();
});
