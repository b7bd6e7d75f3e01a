/**
 * The NATS JetStream a test talks to. Importing this module is what puts a test file in the `nats`
 * Jest project (see jest.config.js), which `npm test` skips, saying so, when no NATS server with
 * JetStream answers (`NATS_URL`, else 127.0.0.1:4222).
 *
 * Every test uses its own stream (a unique name: its subjects are `<stream>.<type>`, so they never
 * overlap another run's) and deletes it afterwards, with its consumers.
 */
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { reloadConfig } from '../../platform/config';
import type { BusSettings } from '../../subgraphs/kit/orderEventBus/stream';

export const DEFAULT_TEST_NATS_URL = 'nats://127.0.0.1:4222';

export function testNatsUrl(): string {
  return process.env.NATS_URL || DEFAULT_TEST_NATS_URL;
}

export interface TestStream {
  settings: BusSettings;
  /** Deletes the stream and its consumers. */
  remove(): Promise<void>;
}

/** A stream name no other run uses; nothing is created until a publisher or consumer connects. */
export function testStream(label: string): TestStream {
  const settings = { servers: testNatsUrl().split(','), stream: `TEST_${label}_${randomBytes(5).toString('hex')}` };
  return {
    settings,
    async remove() {
      const connection = await connect({ servers: settings.servers });
      try {
        const jsm = await jetstreamManager(connection);
        await jsm.streams.delete(settings.stream).catch(() => false);
      } finally {
        await connection.close();
      }
    },
  };
}

/**
 * Points the platform at a test stream (`NATS_URL`, `NATS_ORDER_EVENTS_STREAM`) before it starts, so
 * finance's outbox and the centers' consumers use the bus; the returned function puts things back.
 */
export function useBusForPlatform(stream: TestStream): () => void {
  const before = { url: process.env.NATS_URL, stream: process.env.NATS_ORDER_EVENTS_STREAM };
  process.env.NATS_URL = stream.settings.servers.join(',');
  process.env.NATS_ORDER_EVENTS_STREAM = stream.settings.stream;
  reloadConfig();
  return () => {
    restore('NATS_URL', before.url);
    restore('NATS_ORDER_EVENTS_STREAM', before.stream);
    reloadConfig();
  };
}

function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
