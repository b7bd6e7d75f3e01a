/**
 * The customer's own payee book: adding a payee by hand, renaming and removing one. A payee added
 * here is stored as a transfer saves one (encrypted, bound to its row) but is not yet paid
 * (`first_paid_at` null), so the transfer risk rule still sees it as new (NEW_PAYEE) until a
 * transfer to it completes. Only the owner's payees are found: another customer's id is NOT_FOUND.
 */
import { randomUUID } from 'node:crypto';
import { bankError, badInput, ErrorCode } from '../../../platform/errors';
import type { Payee, PrismaClient } from '../__generated__/prisma/client';
import { isUniqueViolation } from '../../kit/database/uniqueViolation';
import { encryptedPayee, findPayeeByNumber } from './payees';
import { encryptField } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import { PAYEE } from '../encryptedColumns';

export interface PayeeBookDeps {
  prisma: PrismaClient;
  now: Date;
}

export interface AddPayeeInput {
  name: string;
  accountNumber: string;
  bankName?: string | null;
  alias?: string | null;
}

export interface RenamePayeeInput {
  name?: string | null;
  alias?: string | null;
}

/** Account numbers of this bank start with its BIN (as in transfers.ts). */
const OWN_BIN = '623058';
const OWN_BANK_NAME = '本行';
const ACCOUNT_NUMBER = /^\d{12,30}$/;
const MAX_NAME = 60;
const MAX_BANK_NAME = 40;
const MAX_ALIAS = 20;
/** A customer's payee book holds at most this many payees. */
export const MAX_PAYEES = 200;

function checkName(raw: string, field: readonly string[]): string {
  const name = raw.trim();
  if (!name || name.length > MAX_NAME) throw badInput('请填写收款人户名（不超过60个字）', field);
  return name;
}

/** An alias is trimmed; empty means none. */
function checkAlias(raw: string | null | undefined, field: readonly string[]): string | null {
  const alias = raw?.trim() ?? '';
  if (!alias) return null;
  if (alias.length > MAX_ALIAS) throw badInput('备注名不能超过20个字', field);
  return alias;
}

function aliasTaken(field: readonly string[]) {
  return bankError(ErrorCode.BadUserInput, '已有收款人使用该备注名', { field, details: { reason: 'ALIAS_TAKEN' } });
}

async function assertAliasFree(prisma: PrismaClient, ownerId: string, alias: string | null, field: readonly string[], except?: string) {
  if (!alias) return;
  const other = await prisma.payee.findFirst({
    where: { ownerId, alias, ...(except ? { id: { not: except } } : {}) },
    select: { id: true },
  });
  if (other) throw aliasTaken(field);
}

export interface AddedPayee {
  payee: Payee;
  /** False: the account number was already saved; the saved payee is answered unchanged. */
  created: boolean;
}

export async function addPayee({ prisma, now }: PayeeBookDeps, ownerId: string, input: AddPayeeInput): Promise<AddedPayee> {
  const field = (name: string) => ['input', name];
  const name = checkName(input.name, field('name'));
  const accountNumber = input.accountNumber.replace(/\s/g, '');
  if (!ACCOUNT_NUMBER.test(accountNumber)) throw badInput('收款账号格式不正确', field('accountNumber'));
  const ownBank = accountNumber.startsWith(OWN_BIN);
  const bankName = input.bankName?.trim() || (ownBank ? OWN_BANK_NAME : '');
  if (!bankName || bankName.length > MAX_BANK_NAME) throw badInput('请选择收款银行', field('bankName'));
  const alias = checkAlias(input.alias, field('alias'));

  const existing = await findPayeeByNumber(prisma, ownerId, accountNumber);
  if (existing) return { payee: existing, created: false };
  await assertAliasFree(prisma, ownerId, alias, field('alias'));
  if ((await prisma.payee.count({ where: { ownerId } })) >= MAX_PAYEES)
    throw bankError(ErrorCode.BadUserInput, `收款人最多保存${MAX_PAYEES}个`, { details: { reason: 'TOO_MANY_PAYEES' } });

  const id = randomUUID();
  try {
    const payee = await prisma.payee.create({
      data: encryptedPayee({ id, ownerId, name, accountNumber, bankName, alias, createdAt: now, firstPaidAt: null }),
    });
    return { payee, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent add (or a transfer) saved this number first: answer that payee; else the alias was taken.
    const winner = await findPayeeByNumber(prisma, ownerId, accountNumber);
    if (winner) return { payee: winner, created: false };
    throw aliasTaken(field('alias'));
  }
}

/** The owner's payee, or NOT_FOUND (also for another customer's id: nothing tells the two apart). */
async function ownPayee(prisma: PrismaClient, ownerId: string, id: string): Promise<Payee> {
  const payee = await prisma.payee.findFirst({ where: { id, ownerId } });
  if (!payee) throw bankError(ErrorCode.NotFound, '收款人不存在', { field: ['id'] });
  return payee;
}

/**
 * Changes the payee's holder name and/or alias; at least one is given. An empty alias clears it; the
 * name cannot be empty (a transfer of this bank checks it against the holder: PAYEE_NAME_MISMATCH).
 */
export async function renamePayee({ prisma }: PayeeBookDeps, ownerId: string, id: string, input: RenamePayeeInput): Promise<Payee> {
  if (input.name == null && input.alias === undefined) throw badInput('请填写新的户名或备注名', ['name']);
  const payee = await ownPayee(prisma, ownerId, id);
  const data: { nameCipher?: string; name?: null; alias?: string | null } = {};
  if (input.name != null) {
    const name = checkName(input.name, ['name']);
    data.nameCipher = encryptField(name, fieldBinding(PAYEE, 'name_cipher', payee.id));
    data.name = null;
  }
  if (input.alias !== undefined) {
    const alias = checkAlias(input.alias, ['alias']);
    await assertAliasFree(prisma, ownerId, alias, ['alias'], payee.id);
    data.alias = alias;
  }
  try {
    return await prisma.payee.update({ where: { id: payee.id }, data });
  } catch (error) {
    if (isUniqueViolation(error)) throw aliasTaken(['alias']);
    throw error;
  }
}

/** Deletes the owner's payee; a later transfer to the number is to a new payee again. Answers the id. */
export async function removePayee({ prisma }: PayeeBookDeps, ownerId: string, id: string): Promise<string> {
  const { count } = await prisma.payee.deleteMany({ where: { id, ownerId } });
  if (count === 0) throw bankError(ErrorCode.NotFound, '收款人不存在', { field: ['id'] });
  return id;
}
