/**
 * Child process of the benchmark: this project's gateway, built by the same `startGateway` as
 * production. `BENCH_GATEWAY_MODE=full` is the production configuration (access tokens, rate
 * limits scaled by RATE_LIMIT_SCALE, admission rules, trusted documents by id); `bare` drops
 * every security plugin and forwards the caller's internal credential, as the peers run.
 */
import { readFileSync } from 'node:fs';
import { systemClock } from '../../platform/clock';
import { startGateway } from '../../gateway/server';
import { startTracing } from '../../platform/observability/tracing';
import { onShutdown } from '../shutdown';

async function main(): Promise<void> {
  const mode = process.env.BENCH_GATEWAY_MODE;
  const supergraphFile = process.env.BENCH_SUPERGRAPH;
  if ((mode !== 'full' && mode !== 'bare') || !supergraphFile)
    throw new Error('BENCH_GATEWAY_MODE and BENCH_SUPERGRAPH are set by scripts/bench/run.ts');
  startTracing({ serviceName: 'gateway' });
  const gateway = await startGateway({
    supergraphSdl: readFileSync(supergraphFile, 'utf8'),
    supergraphPath: supergraphFile,
    port: Number(process.env.GATEWAY_PORT),
    host: '127.0.0.1',
    clock: systemClock,
    production: true,
    bare: mode === 'bare',
    rateLimitKeyPrefix: `bench:rl:${process.pid}`,
  });
  console.log(`${mode} gateway: ${gateway.url}`);
  onShutdown(() => gateway.stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
