/**
 * Every column of `payment_order` under its Prisma field name, so the row a move writes is returned
 * by the same statement (the caller needs no second read). Enums and the uuid are cast to text, as
 * Prisma reads them. A column missing here fails `a move returns the order exactly as Prisma reads
 * it` in subgraphs/finance/__tests__/orderMachine.test.ts.
 */
import { Prisma } from '../__generated__/prisma/client';

export const ORDER_COLUMNS = Prisma.raw(
  [
    'id',
    'owner_id AS "ownerId"',
    'kind::text AS kind',
    'status::text AS status',
    'amount',
    'currency',
    'source_account_id AS "sourceAccountId"',
    'destination_masked AS "destinationMasked"',
    'payee_id AS "payeeId"',
    'channel',
    'memo',
    'idempotency_key AS "idempotencyKey"',
    'request_hash AS "requestHash"',
    'risk_decision AS "riskDecision"',
    'failure_reason AS "failureReason"',
    'failure_code AS "failureCode"',
    'route',
    'destination_account_number AS "destinationAccountNumber"',
    'destination_name AS "destinationName"',
    'destination_bank AS "destinationBank"',
    'destination_account_id AS "destinationAccountId"',
    'source_account_class AS "sourceAccountClass"',
    'source_account_number AS "sourceAccountNumber"',
    'source_holder_name AS "sourceHolderName"',
    'counts_to_class_limit AS "countsToClassLimit"',
    'payee_customer_id AS "payeeCustomerId"',
    'payee_account_class AS "payeeAccountClass"',
    'failure_limit AS "failureLimit"',
    'risk_decision_id AS "riskDecisionId"',
    'challenge_methods AS "challengeMethods"',
    'discount',
    'interest',
    'deposit_id::text AS "depositId"',
    'loan_id AS "loanId"',
    'product_id AS "productId"',
    'coupon_id AS "couponId"',
    'nav',
    'entry_id AS "entryId"',
    'completed_at AS "completedAt"',
    'lease_expires_at AS "leaseExpiresAt"',
    'created_at AS "createdAt"',
    'updated_at AS "updatedAt"',
  ].join(', '),
);
