/**
 * Minimum client version per channel. Older clients (known vulnerable builds) get
 * `UPGRADE_REQUIRED` before anything else happens. The version comes from `x-client-version`
 * (or Apollo's `apollographql-client-version`); browsers (WEB, OPS) have no installed version.
 * Override with `MIN_CLIENT_VERSION_<CHANNEL>`, e.g. MIN_CLIENT_VERSION_MOBILE_APP=6.2.0.
 */
import type { IncomingMessage } from 'node:http';
import { ErrorCode, bankError } from '../../platform/errors';
import type { ChannelName } from '../../platform/identity/identity';
import { headerValue } from '../../platform/http/server';

export const CLIENT_VERSION_HEADER = 'x-client-version';

const DEFAULT_MINIMUMS: Partial<Record<ChannelName, string>> = {
  MOBILE_APP: '6.0.0',
  WECHAT_MINI: '2.0.0',
  ALIPAY_MINI: '2.0.0',
  WECHAT_BANKING: '1.0.0',
};

export function minimumClientVersion(channel: ChannelName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[`MIN_CLIENT_VERSION_${channel}`] || DEFAULT_MINIMUMS[channel];
}

/** Compares dotted numeric versions (6.10.0 > 6.9.3); a malformed version counts as oldest. */
export function compareVersions(left: string, right: string): number {
  const parse = (version: string) => (/^\d+(\.\d+){0,3}$/.test(version) ? version.split('.').map(Number) : [-1]);
  const [a, b] = [parse(left), parse(right)];
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** Throws UPGRADE_REQUIRED (HTTP 426) when the request names a client older than its channel allows. */
export function assertClientVersionSupported(request: IncomingMessage, channel: ChannelName): void {
  const version = headerValue(request, CLIENT_VERSION_HEADER) ?? headerValue(request, 'apollographql-client-version');
  const minimum = minimumClientVersion(channel);
  if (version === undefined || minimum === undefined) return;
  if (compareVersions(version.trim(), minimum) < 0) {
    throw bankError(ErrorCode.UpgradeRequired, '客户端版本过低，请升级后再试', {
      httpStatus: 426,
      details: { minimumVersion: minimum },
    });
  }
}
