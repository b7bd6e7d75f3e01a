/** The gateway's production settings from the environment, parsed in one place. */
import { CHANNELS, ChannelName } from '../platform/identity/identity';

type Env = Readonly<Record<string, string | undefined>>;

/** `SUBGRAPH_TIMEOUT_MS` (default 10 s): the longest the gateway waits for one subgraph call. */
export function subgraphTimeoutMs(env: Env = process.env): number {
  const raw = Number(env.SUBGRAPH_TIMEOUT_MS);
  return Number.isFinite(raw) && raw > 0 ? raw : 10_000;
}

/**
 * `CORS_ORIGINS_<CHANNEL>=https://a,https://b` per channel. In development, with none set, any
 * origin is allowed; in production an unset channel allows no browser origin.
 */
export function channelOrigins(production: boolean, env: Env = process.env): Partial<Record<ChannelName, string[]>> | 'any' {
  const origins: Partial<Record<ChannelName, string[]>> = {};
  for (const channel of CHANNELS) {
    const raw = env[`CORS_ORIGINS_${channel}`];
    if (raw)
      origins[channel] = raw
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean);
  }
  return !production && Object.keys(origins).length === 0 ? 'any' : origins;
}
