/**
 * The order-event stream on NATS JetStream and the connections to it. Finance creates (or brings up
 * to date) the stream before it publishes, and each consuming center its durable consumer before it
 * fetches; both are idempotent, so any replica may do it at any start.
 *
 * The stream keeps events for a week on file storage (limits retention: every consumer reads every
 * event it filters, and a consumer added later can still catch up), and drops a message whose
 * `Nats-Msg-Id` it has seen within the duplicate window: an outbox row published twice (a
 * publisher that died between the publish and marking the row) is stored once.
 */
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiError,
  JetStreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import type { ConsumerConfig, StreamUpdateConfig } from '@nats-io/jetstream';
import { connect, nanos, NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../../../platform/observability/logger';
import { orderEventSubject } from './message';

/** How long the stream remembers message ids to drop a republished event. */
export const DUPLICATE_WINDOW_MS = 2 * 60_000;
const RETENTION_MS = 7 * 24 * 3_600_000;
/** JetStream API code of "stream not found" / "consumer not found". */
const NOT_FOUND = 404;

export interface BusSettings {
  servers: string[];
  stream: string;
}

/** A connection named after its process role; reconnects forever (a NATS restart must not end a center's worker). */
export async function connectToBus(settings: BusSettings, name: string, log: Logger): Promise<NatsConnection> {
  const connection = await connect({ servers: settings.servers, name, maxReconnectAttempts: -1, reconnectTimeWait: 1_000 });
  void (async () => {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect')
        log.warn({ nats: status.type, server: status.server }, 'NATS connection');
    }
  })();
  return connection;
}

function isNotFound(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.status === NOT_FOUND;
}

/** Creates the order-event stream, or updates it to this configuration; answers nothing new when it already matches. */
export async function ensureOrderEventStream(jsm: JetStreamManager, stream: string): Promise<void> {
  // What may change on a live stream; storage and retention are fixed when it is created.
  const wanted: Partial<StreamUpdateConfig> = {
    subjects: [orderEventSubject(stream, '*')],
    discard: DiscardPolicy.Old,
    max_age: nanos(RETENTION_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
  };
  try {
    const info = await jsm.streams.info(stream);
    const current = info.config;
    const same =
      current.subjects?.join() === wanted.subjects!.join() &&
      current.max_age === wanted.max_age &&
      current.duplicate_window === wanted.duplicate_window;
    if (!same) await jsm.streams.update(stream, wanted);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams
      .add({ name: stream, retention: RetentionPolicy.Limits, storage: StorageType.File, ...wanted })
      .catch(async (addError: unknown) => {
        // Another replica created it first: fine, as long as it is there now.
        await jsm.streams.info(stream).catch(() => Promise.reject(addError));
      });
  }
}

export interface DurableConsumerSettings {
  /** The durable name: one per consuming center, shared by its replicas (they split its messages). */
  name: string;
  /** Event types the center takes: the server delivers only those (from NATS 2.10; before, every type, and the consumer skips the others). */
  types: readonly string[];
  /** How long a delivered message may stay unacknowledged before it is delivered again. */
  ackWaitMs: number;
  /** Messages delivered and not yet acknowledged, across the center's replicas. */
  maxAckPending: number;
}

/** Whether a server filters one consumer on several subjects (`filter_subjects`, NATS 2.10). */
export function filtersSeveralSubjects(serverVersion: string | undefined): boolean {
  const [major = 0, minor = 0] = (serverVersion ?? '0.0').split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}

/**
 * Creates the durable pull consumer, or updates its filter and timings. Explicit acks, redelivered
 * without limit (an event is never dropped: a consumer that cannot apply it keeps it back with a
 * growing delay and the lag metric shows it).
 */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  stream: string,
  settings: DurableConsumerSettings,
  serverVersion: string | undefined,
): Promise<void> {
  const filter: Partial<ConsumerConfig> = filtersSeveralSubjects(serverVersion)
    ? { filter_subjects: settings.types.map((type) => orderEventSubject(stream, type)) }
    : { filter_subject: orderEventSubject(stream, '*') };
  const config: Partial<ConsumerConfig> = {
    durable_name: settings.name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ...filter,
    ack_wait: nanos(settings.ackWaitMs),
    max_deliver: -1,
    max_ack_pending: settings.maxAckPending,
  };
  try {
    const info = await jsm.consumers.info(stream, settings.name);
    const current = info.config;
    const same =
      (current.filter_subjects ?? []).join() === (config.filter_subjects ?? []).join() &&
      (current.filter_subject ?? '') === (config.filter_subject ?? '') &&
      current.ack_wait === config.ack_wait &&
      current.max_ack_pending === config.max_ack_pending;
    if (!same) {
      const { durable_name: _name, deliver_policy: _policy, ...changes } = config;
      await jsm.consumers.update(stream, settings.name, changes);
    }
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.consumers.add(stream, config);
  }
}
