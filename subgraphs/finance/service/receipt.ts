/** 电子回单: the electronic receipt of a completed transfer, built from the order; names and numbers masked. */
import { createHash } from 'node:crypto';
import { maskAccountNumber, maskName } from '../../kit/fieldCipher';
import { fenToDecimal } from '../../kit/money';
import type { Order } from '../__generated__/prisma/client';

export interface TransferReceiptView {
  receiptNumber: string;
  orderId: string;
  amountFen: bigint;
  payerName: string;
  payerAccount: string;
  payeeName: string;
  payeeAccount: string;
  payeeBank: string;
  memo: string | null;
  channel: string;
  status: Order['status'];
  createdAt: Date;
  completedAt: Date | null;
  digest: string;
}

export function receiptOf(order: Order): TransferReceiptView {
  const day = order.createdAt.toISOString().slice(0, 10).replace(/-/g, '');
  const view = {
    receiptNumber: `HD${day}${order.id.replace(/-/g, '').slice(0, 12).toUpperCase()}`,
    orderId: order.id,
    amountFen: order.amount,
    payerName: maskName(order.sourceHolderName ?? ''),
    payerAccount: maskAccountNumber(order.sourceAccountNumber ?? ''),
    payeeName: maskName(order.destinationName ?? ''),
    payeeAccount: maskAccountNumber(order.destinationAccountNumber ?? ''),
    payeeBank: order.destinationBank ?? '本行',
    memo: order.memo,
    channel: order.channel,
    status: order.status,
    createdAt: order.createdAt,
    completedAt: order.completedAt,
  };
  const digest = createHash('sha256')
    .update(
      [
        view.receiptNumber,
        view.orderId,
        fenToDecimal(view.amountFen),
        order.sourceAccountNumber,
        order.destinationAccountNumber,
        view.completedAt?.toISOString() ?? '',
      ].join('|'),
    )
    .digest('hex');
  return { ...view, digest };
}
