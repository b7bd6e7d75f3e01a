-- CreateEnum
CREATE TYPE "FreezeReason" AS ENUM ('LOSS_REPORT', 'BANK_ORDER');

-- AlterTable
ALTER TABLE "account" ADD COLUMN     "freeze_reason" "FreezeReason",
ADD COLUMN     "frozen_at" TIMESTAMPTZ(3);



-- Hand-added: a freeze reason belongs to a frozen account only (a FROZEN account without one is the bank's freeze).
ALTER TABLE "account" ADD CONSTRAINT "account_freeze_reason_only_when_frozen"
  CHECK ("freeze_reason" IS NULL OR "status" = 'FROZEN');
