-- CreateEnum
CREATE TYPE "EntryPhase" AS ENUM ('FORWARD', 'REVERSAL');

-- CreateEnum
CREATE TYPE "HoldStatus" AS ENUM ('HELD', 'RELEASED');

-- DropIndex
DROP INDEX "journal_entry_order_id_idx";

-- AlterTable
ALTER TABLE "account" ADD COLUMN     "balance_cap" BIGINT;

-- AlterTable
ALTER TABLE "journal_entry" ADD COLUMN     "phase" "EntryPhase" NOT NULL DEFAULT 'FORWARD';

-- CreateTable
CREATE TABLE "account_hold" (
    "order_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "status" "HoldStatus" NOT NULL DEFAULT 'HELD',
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "released_at" TIMESTAMPTZ(3),

    CONSTRAINT "account_hold_pkey" PRIMARY KEY ("order_id")
);

-- CreateIndex
CREATE INDEX "account_hold_account_id_status_idx" ON "account_hold"("account_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "journal_entry_order_id_phase_key" ON "journal_entry"("order_id", "phase");

-- AddForeignKey
ALTER TABLE "account_hold" ADD CONSTRAINT "account_hold_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-added: the ledger's invariants as constraints, so no concurrency can break them.
-- A customer account never goes below zero, and holds never exceed the balance.
ALTER TABLE "account" ADD CONSTRAINT "account_customer_not_negative"
  CHECK ("kind" = 'GENERAL_LEDGER' OR ("available_balance" >= 0 AND "balance" >= "available_balance"));
-- Class III balance cap (PBOC 银发〔2016〕302号, 银发〔2018〕16号): checked as money comes in.
ALTER TABLE "account" ADD CONSTRAINT "account_balance_cap" CHECK ("balance_cap" IS NULL OR "balance" <= "balance_cap");
UPDATE "account" SET "balance_cap" = 200000 WHERE "account_class" = 'III';
ALTER TABLE "posting" ADD CONSTRAINT "posting_amount_not_zero" CHECK ("amount" <> 0);
ALTER TABLE "account_hold" ADD CONSTRAINT "account_hold_amount_positive" CHECK ("amount" > 0);
