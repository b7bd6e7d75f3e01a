-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LoanStatus" ADD VALUE 'APPROVED';
ALTER TYPE "LoanStatus" ADD VALUE 'DISBURSING';

-- AlterTable
ALTER TABLE "loan" ADD COLUMN     "accept_idempotency_key" TEXT,
ADD COLUMN     "disbursed_at" TIMESTAMPTZ(3),
ADD COLUMN     "disbursement_account_id" TEXT,
ADD COLUMN     "disbursement_attempt" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "disbursement_failure_code" TEXT,
ADD COLUMN     "disbursement_failure_reason" TEXT,
ADD COLUMN     "disbursement_order_id" TEXT,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE UNIQUE INDEX "loan_disbursement_order_id_key" ON "loan"("disbursement_order_id");

-- CreateIndex
CREATE INDEX "loan_status_updated_at_idx" ON "loan"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "loan_customer_id_accept_idempotency_key_key" ON "loan"("customer_id", "accept_idempotency_key");

