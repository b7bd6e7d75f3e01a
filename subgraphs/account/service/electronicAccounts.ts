/**
 * openElectronicAccount: a signed-in customer opens a class II or III account online (PBOC 银发〔2016〕302号,
 * 银发〔2018〕16号), bound to a class I account in their own name. In order:
 * 1. the idempotency key: a key seen before answers its account (the same request) or IDEMPOTENCY_CONFLICT;
 * 2. real-name verification: the user center's verified identity (kycLevel FULL), else FORBIDDEN REAL_NAME_REQUIRED;
 * 3. the ELECTRONIC_ACCOUNT_SERVICE agreement's version in force signed (limits center), else AGREEMENT_REQUIRED;
 * 4. no open account of that class yet (read first for a clear answer; the database's partial unique index decides);
 * 5. the bound account: a number of this bank must be the customer's own ACTIVE class I account in their name;
 *    another bank's card goes through the clearing interface's holder check (boundCardVerification/);
 * 6. one insert: balance 0, no postings (the ledger is untouched), class III capped at 2,000.00.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ErrorCode, badInput, bankError } from '../../../platform/errors';
import type { Logger } from '../../../platform/observability/logger';
import type { Clock } from '../../../platform/clock';
import { encryptField, maskAccountNumber } from '../../kit/fieldCipher';
import { fieldBinding } from '../../kit/fieldEncryption/columns';
import { isUniqueViolation } from '../../kit/database/uniqueViolation';
import { assertIdempotencyKey } from '../../kit/idempotencyKey';
import type { LimitsCenterClient } from '../../limits/client';
import type { UserCenterClient, VerifiedIdentity } from '../../user/client';
import type { Account, AccountClass, PrismaClient } from '../__generated__/prisma/client';
import { ACCOUNT } from '../encryptedColumns';
import { newAccountNumber } from './accountNumbers';
import type { BoundCardVerdict, BoundCardVerifier } from './boundCardVerification/verifier';
import { encryptHolderName, holderNameOf } from './holderName';

/** The agreement a customer signs before opening an electronic account (limits center, agreementTexts.ts). */
export const ELECTRONIC_ACCOUNT_AGREEMENT = 'ELECTRONIC_ACCOUNT_SERVICE';
/** PBOC class III balance cap, 2,000.00 (银发〔2018〕16号); the account's CHECK constraint enforces it on every credit. */
export const CLASS_III_BALANCE_CAP_FEN = 2_000_00n;
/** How this bank is named where a bank name is asked (as finance's transfers and payees name it). */
export const THIS_BANK = '本行';

export interface OpeningDeps {
  prisma: PrismaClient;
  clock: Clock;
  log: Logger;
  identities: Pick<UserCenterClient, 'verifiedIdentity'>;
  agreements: Pick<LimitsCenterClient, 'agreementInForceSigned'>;
  cardVerifier: BoundCardVerifier;
}

export interface OpeningCustomer {
  customerId: string;
  channel: string;
}

export interface OpenElectronicAccountInput {
  accountClass: AccountClass;
  boundAccountNumber: string;
  boundBankName?: string | null;
  idempotencyKey: string;
}

/** What the new account is bound to: this bank's class I account, or another bank's card. */
type Binding = { boundAccountId: string } | { cardNumber: string; bankName: string };

const ELECTRONIC_CLASSES: readonly AccountClass[] = ['II', 'III'];
const BOUND_NUMBER = /^\d{12,19}$/;
const FIELD = {
  accountClass: ['input', 'accountClass'],
  boundAccountNumber: ['input', 'boundAccountNumber'],
  boundBankName: ['input', 'boundBankName'],
} as const;

const VERDICT_MESSAGES: Record<Exclude<BoundCardVerdict, 'MATCH'>, string> = {
  NAME_MISMATCH: '绑定账户户名或证件号与您的实名信息不符',
  NOT_FOUND: '绑定账户不存在，请核对卡号和开户行',
  CARD_FROZEN: '绑定账户已冻结，无法绑定',
  CARD_CLOSED: '绑定账户已销户，无法绑定',
};

export async function openElectronicAccount(
  deps: OpeningDeps,
  customer: OpeningCustomer,
  input: OpenElectronicAccountInput,
): Promise<Account> {
  assertIdempotencyKey(input.idempotencyKey);
  if (!ELECTRONIC_CLASSES.includes(input.accountClass)) throw badInput('线上只能开立Ⅱ类或Ⅲ类电子账户', FIELD.accountClass);
  const boundNumber = input.boundAccountNumber.replace(/\s/g, '');
  if (!BOUND_NUMBER.test(boundNumber)) throw badInput('绑定账号应为12到19位数字', FIELD.boundAccountNumber);
  const bankName = input.boundBankName?.trim() || null;
  const requestHash = openingRequestHash(input.accountClass, boundNumber, bankName);

  const earlier = await findOpening(deps.prisma, customer.customerId, input.idempotencyKey);
  if (earlier) return replayed(earlier, requestHash);

  const identity = await deps.identities.verifiedIdentity(customer.customerId);
  if (!identity || identity.kycLevel !== 'FULL')
    throw bankError(ErrorCode.Forbidden, '请先完成实名认证后再开立电子账户', { details: { reason: 'REAL_NAME_REQUIRED' } });

  const agreement = await deps.agreements.agreementInForceSigned(customer.customerId, ELECTRONIC_ACCOUNT_AGREEMENT);
  if (!agreement.signed)
    throw bankError(ErrorCode.AgreementRequired, '请先阅读并签署电子账户服务协议', {
      details: { agreementCode: ELECTRONIC_ACCOUNT_AGREEMENT },
    });

  const open = await openAccountOfClass(deps.prisma, customer.customerId, input.accountClass);
  // The same key's account, opened by a concurrent retry since the key was looked up, is answered, not refused.
  if (open) return sameKeyOrRefused(open, input.idempotencyKey, requestHash);

  const binding = await bindingFor(deps, customer.customerId, identity, boundNumber, bankName);
  return insertAccount(deps, customer, input, identity.name, binding, requestHash);
}

/** A hash of what the opening asked: a replayed key must ask the same. */
function openingRequestHash(accountClass: AccountClass, boundNumber: string, bankName: string | null): string {
  return createHash('sha256')
    .update(['OPEN_ELECTRONIC_ACCOUNT', accountClass, boundNumber, bankName ?? THIS_BANK].join('|'))
    .digest('hex');
}

function findOpening(prisma: PrismaClient, ownerId: string, idempotencyKey: string): Promise<Account | null> {
  return prisma.account.findUnique({ where: { ownerId_openingIdempotencyKey: { ownerId, openingIdempotencyKey: idempotencyKey } } });
}

function replayed(account: Account, requestHash: string): Account {
  if (account.openingRequestHash !== requestHash)
    throw bankError(ErrorCode.IdempotencyConflict, '该请求编号已用于另一笔不同的开户申请', { field: ['input', 'idempotencyKey'] });
  return account;
}

function openAccountOfClass(prisma: PrismaClient, ownerId: string, accountClass: AccountClass): Promise<Account | null> {
  return prisma.account.findFirst({ where: { ownerId, kind: 'CUSTOMER', accountClass, status: { not: 'CLOSED' } } });
}

function sameKeyOrRefused(open: Account, idempotencyKey: string, requestHash: string): Account {
  if (open.openingIdempotencyKey === idempotencyKey) return replayed(open, requestHash);
  throw alreadyOpen(open.accountClass ?? 'II');
}

function alreadyOpen(accountClass: AccountClass) {
  return accountClass === 'II'
    ? bankError(ErrorCode.ClassIIAlreadyOpen, '您已在本行开立Ⅱ类账户，不能重复开立', { field: FIELD.accountClass })
    : bankError(ErrorCode.ClassIIIAlreadyOpen, '您已在本行开立Ⅲ类账户，不能重复开立', { field: FIELD.accountClass });
}

function boundRejected(reason: string, message: string, field: readonly string[] = FIELD.boundAccountNumber) {
  return bankError(ErrorCode.BoundAccountRejected, message, { field, details: { reason } });
}

/**
 * A number of this bank binds only the customer's own ACTIVE class I account in their verified name (as finance
 * routes a transfer, a number found here is this bank's whatever bank name came with it). A number not found
 * here is another bank's card when a bank name is given, else refused as not the customer's account.
 */
async function bindingFor(
  deps: OpeningDeps,
  customerId: string,
  identity: VerifiedIdentity,
  boundNumber: string,
  bankName: string | null,
): Promise<Binding> {
  const local = await deps.prisma.account.findFirst({ where: { number: boundNumber, kind: 'CUSTOMER' } });
  if (local || bankName === null || bankName === THIS_BANK) {
    // Another customer's account and an unknown number answer alike: the refusal says nothing about whose it is.
    if (!local || local.ownerId !== customerId) {
      if (local)
        deps.log.warn(
          { event: { action: 'access-denied', category: 'authorization' }, customerId, resource: 'Account' },
          "binding another customer's account refused",
        );
      throw boundRejected('NOT_OWN_ACCOUNT', '绑定账户须为您本人在本行的Ⅰ类账户');
    }
    if (local.accountClass !== 'I') throw boundRejected('NOT_CLASS_I', '只能绑定Ⅰ类账户');
    if (local.status !== 'ACTIVE') throw boundRejected('NOT_ACTIVE', '绑定账户状态异常（冻结或已销户），无法绑定');
    if (holderNameOf(local) !== identity.name) throw boundRejected('NAME_MISMATCH', '绑定账户户名与您的实名信息不符');
    return { boundAccountId: local.id };
  }
  const verdict = await deps.cardVerifier.verify({
    cardNumber: boundNumber,
    bankName,
    holderName: identity.name,
    idNumber: identity.idNumber,
  });
  if (verdict !== 'MATCH') {
    deps.log.info({ event: 'account.bound-card.refused', customerId, verdict, card: maskAccountNumber(boundNumber) }, 'bound card refused');
    throw boundRejected(verdict, VERDICT_MESSAGES[verdict]);
  }
  return { cardNumber: boundNumber, bankName };
}

/**
 * One insert. A unique violation is one of three races: the same key won (answer its account), an account of the
 * class was opened meanwhile (refuse), or the random number was taken (try another number).
 */
async function insertAccount(
  deps: OpeningDeps,
  customer: OpeningCustomer,
  input: OpenElectronicAccountInput,
  holderName: string,
  binding: Binding,
  requestHash: string,
): Promise<Account> {
  const id = randomUUID();
  const bound =
    'boundAccountId' in binding
      ? { boundAccountId: binding.boundAccountId }
      : {
          boundCardNumberCipher: encryptField(binding.cardNumber, fieldBinding(ACCOUNT, 'bound_card_number_cipher', id)),
          boundCardBank: binding.bankName,
        };
  for (let attempt = 1; ; attempt++) {
    try {
      const account = await deps.prisma.account.create({
        data: {
          id,
          kind: 'CUSTOMER',
          ownerId: customer.customerId,
          number: newAccountNumber(),
          holderNameCipher: encryptHolderName(id, holderName),
          accountClass: input.accountClass,
          ...bound,
          currency: 'CNY',
          balance: 0n,
          availableBalance: 0n,
          balanceCap: input.accountClass === 'III' ? CLASS_III_BALANCE_CAP_FEN : null,
          openedAt: deps.clock.now(),
          openingIdempotencyKey: input.idempotencyKey,
          openingRequestHash: requestHash,
          openingChannel: customer.channel,
        },
      });
      deps.log.info(
        {
          event: 'account.electronic.opened',
          customerId: customer.customerId,
          accountId: account.id,
          accountClass: account.accountClass,
          boundTo: 'boundAccountId' in binding ? 'THIS_BANK' : 'OTHER_BANK',
        },
        'electronic account opened',
      );
      return account;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await findOpening(deps.prisma, customer.customerId, input.idempotencyKey);
      if (raced) return replayed(raced, requestHash);
      const open = await openAccountOfClass(deps.prisma, customer.customerId, input.accountClass);
      if (open) return sameKeyOrRefused(open, input.idempotencyKey, requestHash);
      if (attempt >= 3) throw error;
    }
  }
}
