/**
 * The SMS provider behind balance-change notices and campaign messages. Marketing knows customers
 * by id only (mobile numbers are the user center's, encrypted); a real gateway adapter resolves the
 * number through the user center. The default provider logs (without content) and keeps the last
 * messages in memory so a test can see what would have been sent.
 */
import type { Logger } from '../../../platform/observability/logger';

export interface SmsMessage {
  customerId: string;
  text: string;
}

export interface SmsProvider {
  send(message: SmsMessage): Promise<void>;
}

const RECENT_LIMIT = 200;
/** What the in-process provider "sent", newest last (development and tests only). */
export const recentSms: SmsMessage[] = [];

export function createLoggingSmsProvider(log: Logger): SmsProvider {
  return {
    async send(message) {
      recentSms.push(message);
      if (recentSms.length > RECENT_LIMIT) recentSms.shift();
      log.info(
        { event: { action: 'sms-sent' }, customerId: message.customerId, length: message.text.length },
        'SMS handed to the in-process provider',
      );
    },
  };
}
