/**
 * The client's idempotency key: every mutation that moves money or creates a record once takes
 * one (`idempotencyKey: String!` in each center's SDL) and checks it here, so every center accepts
 * and refuses the same keys with the same error.
 */
import { badInput } from '../../platform/errors';

/** 8 to 64 characters of `[A-Za-z0-9_-]`: long enough to be unique per customer, safe in logs and cache keys. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export function isIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY.test(key);
}

/** Throws `BAD_USER_INPUT` on `field` (the input's `idempotencyKey` unless told) for a key of another shape. */
export function assertIdempotencyKey(key: string, field: readonly (string | number)[] = ['input', 'idempotencyKey']): void {
  if (!isIdempotencyKey(key)) throw badInput('请求编号须为8到64位字母、数字、下划线或连字符', field);
}

/**
 * The key of an order another center asks finance for on the customer's behalf: that center derives
 * it from its own row (`billpay-<payment id>`, `loandisburse-<loan id>-<attempt>`), so it may be
 * longer than a customer's key and hold a colon.
 */
const SERVICE_ORDER_KEY = /^[A-Za-z0-9_:-]{8,80}$/;

/** Throws `BAD_USER_INPUT` on `field` for a service-made order key of another shape. */
export function assertServiceOrderKey(key: string, field: readonly (string | number)[] = ['input', 'idempotencyKey']): void {
  if (!SERVICE_ORDER_KEY.test(key)) throw badInput('请求编号格式不正确', field);
}
