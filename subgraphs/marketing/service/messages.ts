/** The in-app inbox. A sender's dedupe key makes delivery idempotent: the same key stores one message. */
import { randomUUID } from 'node:crypto';
import type { Page, NewestFirstPosition } from '../../kit/connection';
import type { Message, MessageKind, Prisma, PrismaClient } from '../__generated__/prisma/client';
import type { SmsProvider } from './sms';

export type MessageRecord = Message;

export interface MessageDraft {
  customerId: string;
  kind: MessageKind;
  title: string;
  body: string;
  dedupeKey: string;
}

/** Stores the message unless its key was delivered before; returns it and whether it is new. */
export async function storeMessage(
  db: PrismaClient | Prisma.TransactionClient,
  draft: MessageDraft,
  at: Date,
): Promise<{ message: Message; created: boolean }> {
  const { count } = await db.message.createMany({ data: [{ id: randomUUID(), ...draft, createdAt: at }], skipDuplicates: true });
  const message = await db.message.findUniqueOrThrow({
    where: { customerId_dedupeKey: { customerId: draft.customerId, dedupeKey: draft.dedupeKey } },
  });
  return { message, created: count === 1 };
}

/** Sends the SMS copy once; a provider failure leaves the inbox message in place (smsSentAt stays null). */
export async function sendSmsCopy(prisma: PrismaClient, sms: SmsProvider, message: Message, at: Date): Promise<void> {
  if (message.smsSentAt) return;
  await sms.send({ customerId: message.customerId, text: `【丰收银行】${message.title}：${message.body}` });
  await prisma.message.update({ where: { id: message.id }, data: { smsSentAt: at } });
}

export const MESSAGE_ID = /^[0-9a-f-]{36}$/;

export function findMessagePage(prisma: PrismaClient, customerId: string, page: Page<NewestFirstPosition>): Promise<Message[]> {
  const after = page.after;
  return prisma.message.findMany({
    where: {
      customerId,
      ...(after ? { OR: [{ createdAt: { lt: new Date(after.t) } }, { createdAt: new Date(after.t), id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: page.take + 1,
  });
}
