import type { IncomingMessage } from 'node:http';
import { ErrorCode, bankError } from '../../platform/errors';
import { ChannelName, isChannel } from '../../platform/identity/identity';
import { headerValue } from '../../platform/http/server';

export const CHANNEL_HEADER = 'x-channel';
/** Apollo's client-awareness header, accepted as a fallback so standard Apollo clients work unchanged. */
export const CLIENT_NAME_HEADER = 'apollographql-client-name';

/**
 * The channel a request comes from. In development a request without one counts as WEB, so
 * Sandbox works without setup; in production the header is required.
 */
export function channelOf(request: IncomingMessage, production: boolean): ChannelName {
  const declared = headerValue(request, CHANNEL_HEADER) ?? headerValue(request, CLIENT_NAME_HEADER);
  if (declared === undefined || declared === '') {
    if (production) throw unknownChannel('缺少渠道标识（x-channel）');
    return 'WEB';
  }
  const channel = declared.trim().toUpperCase();
  if (!isChannel(channel)) throw unknownChannel(`未知渠道：${declared.slice(0, 32)}`);
  return channel;
}

function unknownChannel(message: string) {
  return bankError(ErrorCode.UnknownChannel, message, { httpStatus: 400 });
}
