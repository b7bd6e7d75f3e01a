/**
 * Tencent SMS answers, mapped to what the customer is told. A request-level `Response.Error.Code` and a
 * per-number `SendStatusSet[].Code` other than "Ok" use the same code space (SMS API 3.0 error codes):
 * the per-number frequency limits become SMS_RATE_LIMITED, a number that cannot receive becomes
 * SMS_UNDELIVERABLE, and everything else — credentials, signature, unapproved sign name or template,
 * balance, the vendor's own failures — SMS_UNAVAILABLE, which the customer cannot fix and operations must.
 */
import { ErrorCode, bankError } from '../../../../../platform/errors';

const RATE_LIMITED = new Set([
  'LimitExceeded.PhoneNumberThirtySecondLimit',
  'LimitExceeded.PhoneNumberOneHourLimit',
  'LimitExceeded.PhoneNumberDailyLimit',
  'LimitExceeded.PhoneNumberSameContentDailyLimit',
  'LimitExceeded.DeliveryFrequencyLimit',
]);

const UNDELIVERABLE = new Set([
  'InvalidParameterValue.IncorrectPhoneNumber',
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.PhoneNumberParseFail',
  'UnsupportedOperation.UnsupportedRegion',
]);

export type VendorErrorKind = 'rate-limited' | 'undeliverable' | 'unavailable';

export function classifyVendorCode(code: string): VendorErrorKind {
  if (RATE_LIMITED.has(code)) return 'rate-limited';
  if (UNDELIVERABLE.has(code)) return 'undeliverable';
  return 'unavailable';
}

export function smsUnavailable() {
  return bankError(ErrorCode.SmsUnavailable, '短信服务暂不可用，请稍后再试');
}

/** The customer's error for a vendor code; `field` is where the mobile was in the request. */
export function vendorError(code: string, field: readonly (string | number)[]) {
  switch (classifyVendorCode(code)) {
    case 'rate-limited':
      return bankError(ErrorCode.SmsRateLimited, '短信发送过于频繁，请稍后再试', { field });
    case 'undeliverable':
      return bankError(ErrorCode.SmsUndeliverable, '该手机号码暂时无法接收短信，请核对后重试', { field });
    default:
      return smsUnavailable();
  }
}
