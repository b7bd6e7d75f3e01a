/**
 * The canonical form of an electronic receipt (电子回单): the bytes its signature covers. A JSON
 * object with a fixed field order, every value a string or null:
 *
 *   {"v":1,"receiptNumber":…,"orderId":…,"amount":"100.00","currency":"CNY","payerName":…,
 *    "payerAccount":…,"payeeName":…,"payeeAccount":…,"payeeBank":…,"memo":…|null,
 *    "channel":…|null,"status":…,"createdAt":"2026-11-25T02:00:00.000Z","completedAt":…|null}
 *
 * Amounts have exactly two decimals, instants are UTC ISO 8601 with milliseconds, the names and
 * numbers are the masked ones the receipt shows. Anyone holding the receipt (a printed copy, a
 * screenshot) can rebuild these bytes from what it shows, so `verifyReceipt` needs nothing else.
 */
import type { ChannelName } from '../../../platform/identity/identity';
import { fenToDecimal } from '../../kit/money';

export const RECEIPT_FORMAT_VERSION = 1;

export interface ReceiptFields {
  receiptNumber: string;
  orderId: string;
  amountFen: bigint;
  currency: string;
  payerName: string;
  payerAccount: string;
  payeeName: string;
  payeeAccount: string;
  payeeBank: string;
  memo: string | null;
  channel: ChannelName | null;
  status: string;
  createdAt: Date;
  completedAt: Date | null;
}

/** The signed field names, in signing order. Changing it is a new RECEIPT_FORMAT_VERSION. */
export const CANONICAL_RECEIPT_FIELDS = [
  'receiptNumber',
  'orderId',
  'amount',
  'currency',
  'payerName',
  'payerAccount',
  'payeeName',
  'payeeAccount',
  'payeeBank',
  'memo',
  'channel',
  'status',
  'createdAt',
  'completedAt',
] as const;

export function canonicalReceipt(fields: ReceiptFields): string {
  const values: Record<(typeof CANONICAL_RECEIPT_FIELDS)[number], string | null> = {
    receiptNumber: fields.receiptNumber,
    orderId: fields.orderId,
    amount: fenToDecimal(fields.amountFen),
    currency: fields.currency,
    payerName: fields.payerName,
    payerAccount: fields.payerAccount,
    payeeName: fields.payeeName,
    payeeAccount: fields.payeeAccount,
    payeeBank: fields.payeeBank,
    memo: fields.memo,
    channel: fields.channel,
    status: fields.status,
    createdAt: fields.createdAt.toISOString(),
    completedAt: fields.completedAt?.toISOString() ?? null,
  };
  // Built key by key so the order is the list's, whatever order the caller's object had.
  const ordered: Record<string, string | number | null> = { v: RECEIPT_FORMAT_VERSION };
  for (const name of CANONICAL_RECEIPT_FIELDS) ordered[name] = values[name];
  return JSON.stringify(ordered);
}
