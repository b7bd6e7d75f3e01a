/**
 * The login password a customer may choose: 8 to 32 printable ASCII characters with at least one
 * letter and one digit, not containing the mobile number it signs in with. (Sign-in itself accepts
 * any 1–128 characters, so customers whose passwords predate the rule still sign in.)
 */
import { badInput } from '../../../platform/errors';

const PRINTABLE_ASCII = /^[\x21-\x7e]{8,32}$/;

export function passwordPolicyViolation(password: string, mobile: string): string | null {
  if (!PRINTABLE_ASCII.test(password)) return '登录密码为8到32位字母、数字或符号，不含空格';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '登录密码须同时包含字母和数字';
  if (password.includes(mobile)) return '登录密码不能包含手机号';
  return null;
}

export function assertPasswordAllowed(password: string, mobile: string, field: readonly string[]): void {
  const violation = passwordPolicyViolation(password, mobile);
  if (violation) throw badInput(violation, field);
}
