-- AlterEnum
ALTER TYPE "OrderKind" ADD VALUE 'LOAN_DISBURSEMENT';

-- AlterTable
ALTER TABLE "payment_order" ADD COLUMN     "loan_id" TEXT;


-- A loan is paid out at most once, whatever the idempotency keys: at most one live disbursement
-- order per loan (a REJECTED or FAILED one moved nothing and frees the loan for another attempt).
-- loan_id is set on LOAN_DISBURSEMENT orders only (the new enum value cannot be used in this transaction).
CREATE UNIQUE INDEX "payment_order_live_loan_disbursement_key" ON "payment_order"("loan_id")
  WHERE "loan_id" IS NOT NULL AND "status" NOT IN ('REJECTED', 'FAILED');
