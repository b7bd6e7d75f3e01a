/**
 * 电子回单: the electronic receipt of a completed transfer, built from the order; names and numbers
 * masked; signed by the bank's receipt key over its canonical fields (receiptCanonical.ts).
 */
import { createHash } from 'node:crypto';
import { isChannel } from '../../../platform/identity/identity';
import { maskAccountNumber, maskName } from '../../kit/fieldCipher';
import type { Order } from '../__generated__/prisma/client';
import { canonicalReceipt, ReceiptFields } from './receiptCanonical';
import type { ReceiptKeys } from './receiptKeys';
import { signReceipt } from './receiptSignature';

export interface TransferReceiptView extends ReceiptFields {
  status: Order['status'];
  /** SHA-256 of the canonical fields: a fingerprint only (deprecated on the API). */
  digest: string;
  signature: string;
  signatureKeyId: string;
}

/** The fields a receipt shows, exactly as shown (and as signed). */
export function receiptFieldsOf(order: Order): ReceiptFields & { status: Order['status'] } {
  const day = order.createdAt.toISOString().slice(0, 10).replace(/-/g, '');
  return {
    receiptNumber: `HD${day}${order.id.replace(/-/g, '').slice(0, 12).toUpperCase()}`,
    orderId: order.id,
    amountFen: order.amount,
    currency: order.currency,
    payerName: maskName(order.sourceHolderName ?? ''),
    payerAccount: maskAccountNumber(order.sourceAccountNumber ?? ''),
    payeeName: maskName(order.destinationName ?? ''),
    payeeAccount: maskAccountNumber(order.destinationAccountNumber ?? ''),
    payeeBank: order.destinationBank ?? '本行',
    memo: order.memo,
    channel: isChannel(order.channel) ? order.channel : null,
    status: order.status,
    createdAt: order.createdAt,
    completedAt: order.completedAt,
  };
}

export async function receiptOf(order: Order, keys: ReceiptKeys): Promise<TransferReceiptView> {
  const fields = receiptFieldsOf(order);
  const digest = createHash('sha256').update(canonicalReceipt(fields)).digest('hex');
  const { signature, keyId } = await signReceipt(keys, fields);
  return { ...fields, digest, signature, signatureKeyId: keyId };
}
