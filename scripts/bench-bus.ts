/**
 * Order-event bus benchmark (not a test): publishes a backlog of order events (default 10,000: half
 * completions, half the reversals of the same orders) to a scratch JetStream stream, then drains it with
 * the account, marketing, life and limits consumers at once, each on its own scratch database, and
 * prints the publish time, the drain time and events per second. Needs a NATS server with JetStream
 * (`NATS_URL`, else 127.0.0.1:4222) and PostgreSQL (`DATABASE_URL`, or a throw-away embedded one);
 * the stream and the databases are deleted at the end.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:bus [-- events]
 */
import { randomUUID } from 'node:crypto';
import globalSetup from '../test/support/globalSetup';
import globalTeardown from '../test/support/globalTeardown';
import { startTestPlatform } from '../test/support/platform';
import { testStream } from '../test/support/nats';
import { drain, orderEvents, publishAll } from '../test/bus/busEvents';
import { createLogger } from '../platform/observability/logger';
import { createOrderEventConsumer, OrderEventApplier } from '../subgraphs/kit/orderEventBus/consumer';
import { createOrderEventPublisher } from '../subgraphs/kit/orderEventBus/publisher';
import { accountOrderEvents } from '../subgraphs/account/orderEventConsumer';
import { lifeOrderEvents } from '../subgraphs/life/orderEventConsumer';
import { limitsOrderEvents } from '../subgraphs/limits/orderEventConsumer';
import { marketingOrderEvents } from '../subgraphs/marketing/orderEventConsumer';

const EVENTS = Number(process.argv[2] ?? process.env.BENCH_EVENTS ?? 10_000);

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  await globalSetup();
  const platform = await startTestPlatform({ centers: ['account', 'marketing', 'life', 'limits'], gateway: false });
  const stream = testStream('bench');
  const log = createLogger('bench-bus');
  const publisher = createOrderEventPublisher(stream.settings, log);
  const appliers: OrderEventApplier[] = [
    accountOrderEvents(platform.store('account'), platform.clock),
    marketingOrderEvents(platform.store('marketing'), platform.clock, log),
    lifeOrderEvents(platform.store('life'), platform.clock, log),
    limitsOrderEvents(platform.store('limits'), platform.clock, log),
  ];
  const consumers = appliers.map((applier) => createOrderEventConsumer(applier, { settings: stream.settings, log }));
  try {
    const customers = Array.from({ length: 100 }, () => `bench-${randomUUID()}`);
    const events = Array.from({ length: Math.ceil(EVENTS / 2) }, (_, index) =>
      orderEvents(['ORDER_COMPLETED', 'ORDER_REVERSED'], { customerId: customers[index % customers.length]! }, platform.clock.now()),
    ).flat();
    let started = performance.now();
    await publishAll(publisher, events);
    const publishSeconds = (performance.now() - started) / 1_000;
    console.log(`published ${events.length} events in ${publishSeconds.toFixed(1)} s (${Math.round(events.length / publishSeconds)}/s)`);
    const lags = await Promise.all(consumers.map((consumer) => consumer.lag()));
    console.log(`backlog per consumer (num_pending): ${lags.map((lag, index) => `${appliers[index]!.center} ${lag.pending}`).join(', ')}`);

    started = performance.now();
    await drain(consumers);
    const seconds = (performance.now() - started) / 1_000;
    console.log(
      `drained by ${consumers.length} consumers at once in ${seconds.toFixed(1)} s: ${Math.round(events.length / seconds)} events/s per consumer ` +
        `(account and marketing apply every event, life and limits skip orders they did not ask for)`,
    );
  } finally {
    await Promise.all([...consumers.map((consumer) => consumer.stop()), publisher.close()]);
    await stream.remove();
    await platform.stop();
    await globalTeardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
