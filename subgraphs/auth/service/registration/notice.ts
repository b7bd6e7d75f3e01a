/**
 * What a mobile that already signs in is texted when someone starts a registration with it: that it
 * is registered, and no code. It goes through the same code machinery (sendCode) with this provider
 * in front, so the code row, the resend interval, the send limits and the statements are those of a
 * new mobile; the code itself is never sent anywhere, so that registration cannot complete.
 */
import { registeredNoticeMessage } from '../sms/templates';
import type { SmsProvider } from '../sms/provider';

export function noticeInsteadOfCode(provider: SmsProvider): SmsProvider {
  return {
    kind: provider.kind,
    send: (mobile, codeMessage, at) => provider.send(mobile, { ...registeredNoticeMessage(), mobileField: codeMessage.mobileField }, at),
    // The provider in front of which this stands is closed by its owner (the auth runtime).
    close: async () => undefined,
  };
}
