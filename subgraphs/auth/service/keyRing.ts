/**
 * When an access-token signing key is published, signs and is withdrawn, from its stored times
 * alone: every auth replica reading the same rows makes the same choice at the same instant, with
 * no replica having to flip a status first.
 *
 *   createdAt ──(published, not yet signing)── activatesAt ──(signs)── supersededAt ──(verifies only)── withdrawnAt
 */
import { config } from '../../../platform/config';
import { ACCESS_TOKEN_LIFETIME_SECONDS } from './sessions';

/** What the rules below need of a stored key. */
export interface KeyTimes {
  kid: string;
  generation: number;
  status: 'ACTIVE' | 'RETIRED';
  activatesAt: Date;
  supersededAt: Date | null;
  withdrawnAt: Date | null;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * How long a gateway may answer from its copy of the JWKS (`cache-control: max-age` on the JWKS
 * route, and the gateway's own refresh period).
 */
export const JWKS_CACHE_SECONDS = 300;

/**
 * A new key is published this long before it signs: two cache periods, so a gateway behind an
 * HTTP cache that itself kept the JWKS for a period still has the key before its first token.
 */
export const NEXT_KEY_LEAD_MS = 2 * JWKS_CACHE_SECONDS * 1000;

/**
 * A superseded key stays published until the last token it signed has expired, plus a margin for
 * a replica that read the key ring up to a minute ago and for clock skew between processes.
 */
export const WITHDRAWAL_DELAY_MS = ACCESS_TOKEN_LIFETIME_SECONDS * 1000 + 2 * MINUTE;

export const DEFAULT_ROTATION_DAYS = 30;

/** `ACCESS_TOKEN_KEY_ROTATION_DAYS` (validated with the rest of the configuration), default 30. */
export function rotationPeriodMs(env?: Readonly<Record<string, string | undefined>>): number {
  return (config(env).settings.ACCESS_TOKEN_KEY_ROTATION_DAYS ?? DEFAULT_ROTATION_DAYS) * DAY;
}

/**
 * The key that signs at `now`: the newest generation already active. Before any is (a clock set
 * before the first key was made) the first generation signs: it was never announced in advance.
 */
export function signingKeyAt<Key extends KeyTimes>(keys: readonly Key[], now: Date): Key | undefined {
  const live = keys.filter((key) => key.status === 'ACTIVE').sort((a, b) => a.generation - b.generation);
  const active = live.filter((key) => key.activatesAt <= now);
  return active.at(-1) ?? live[0];
}

/** Whether the JWKS lists the key at `now`: from creation until its withdrawal time. */
export function isPublishedAt(key: KeyTimes, now: Date): boolean {
  return key.status === 'ACTIVE' && (key.withdrawnAt === null || key.withdrawnAt > now);
}

/** The newest generation: the one without a successor, which the next rotation supersedes. */
export function newestKey<Key extends KeyTimes>(keys: readonly Key[]): Key | undefined {
  return [...keys].sort((a, b) => a.generation - b.generation).at(-1);
}

/**
 * When the scheduled rotation should make the successor of `newest` sign, or undefined when it is
 * not yet time to publish one (the successor is published NEXT_KEY_LEAD_MS before it signs).
 */
export function scheduledSuccessorActivation(newest: KeyTimes, now: Date, periodMs: number): Date | undefined {
  if (newest.activatesAt > now) return undefined; // a successor is already waiting
  const due = newest.activatesAt.getTime() + periodMs;
  if (now.getTime() < due - NEXT_KEY_LEAD_MS) return undefined;
  return new Date(Math.max(due, now.getTime() + NEXT_KEY_LEAD_MS));
}

export function withdrawalTime(supersededAt: Date): Date {
  return new Date(supersededAt.getTime() + WITHDRAWAL_DELAY_MS);
}
