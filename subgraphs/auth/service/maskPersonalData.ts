/**
 * Masking for what staff read (the audit log, stored risk decisions): personal data is shown only
 * masked, whatever an older row kept. Values already masked stay as they are.
 */
import { maskAccountNumber, maskIdNumber, maskMobile, maskName } from '../../kit/fieldCipher';

/** 203.0.113.7 → 203.0.*.*; 2001:db8::1 → 2001:db8:*; anything else → ****. */
export function maskClientAddress(address: string): string {
  const ipv4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/i.exec(address);
  if (ipv4) return `${ipv4[1]}.${ipv4[2]}.*.*`;
  const groups = address.split(':');
  if (groups.length > 2 && groups.every((group) => /^[0-9a-f]{0,4}$/i.test(group)) && groups[0] && groups[1]) {
    return `${groups[0]}:${groups[1]}:*`;
  }
  return '****';
}

/** A device id: its first four characters. */
export function maskDeviceId(deviceId: string): string {
  return deviceId.length > 4 ? `${deviceId.slice(0, 4)}****` : '****';
}

const MASKED = /\*/;

/** How each personal field is masked, by the key it is stored under. */
const MASKS: readonly [RegExp, (value: string) => string][] = [
  [/^(mobile|phone)$/i, maskMobile],
  [/address$/i, maskClientAddress],
  [/^deviceId$/i, maskDeviceId],
  [/accountNumber$/i, maskAccountNumber],
  [/idNumber$/i, maskIdNumber],
  [/^(name|payeeName|customerName|realName)$/i, maskName],
];

/** A copy of `value` with every personal string masked by its key, at any depth. */
export function maskPersonalFields(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => maskPersonalFields(item, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, maskPersonalFields(inner, name)]));
  }
  if (typeof value !== 'string' || key === undefined || MASKED.test(value)) return value;
  const mask = MASKS.find(([pattern]) => pattern.test(key))?.[1];
  return mask ? mask(value) : value;
}
