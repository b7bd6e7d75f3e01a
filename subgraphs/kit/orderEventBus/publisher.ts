/**
 * Finance's side of the order-event bus: publishes events to the stream, each with `Nats-Msg-Id` =
 * the outbox event id, so a republished event (a publisher that died before marking its row) is
 * dropped by the stream within its duplicate window, and by the consumers' applied-event record after.
 * Connects, and creates or updates the stream, on first use; a failure is tried again on the next call.
 */
import { jetstream, jetstreamManager, JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../../../platform/observability/logger';
import { BusOrderEvent, encodeOrderEvent, orderEventSubject } from './message';
import { BusSettings, connectToBus, ensureOrderEventStream } from './stream';

export interface OrderEventPublisher {
  /** Resolves once the stream stored the event (or had it already). */
  publish(event: BusOrderEvent): Promise<void>;
  close(): Promise<void>;
}

export function createOrderEventPublisher(settings: BusSettings, log: Logger): OrderEventPublisher {
  let bus: Promise<{ connection: NatsConnection; js: JetStreamClient }> | undefined;
  function ready() {
    bus ??= (async () => {
      const connection = await connectToBus(settings, 'finance-outbox', log);
      try {
        await ensureOrderEventStream(await jetstreamManager(connection), settings.stream);
        return { connection, js: jetstream(connection) };
      } catch (error) {
        await connection.close();
        throw error;
      }
    })();
    bus.catch(() => (bus = undefined));
    return bus;
  }
  return {
    async publish(event) {
      const { js } = await ready();
      await js.publish(orderEventSubject(settings.stream, event.type), encodeOrderEvent(event), { msgID: event.id, timeout: 5_000 });
    },
    async close() {
      const current = bus;
      bus = undefined;
      const opened = await current?.catch(() => undefined);
      await opened?.connection.close();
    },
  };
}
