-- CreateEnum
CREATE TYPE "ClearingStatus" AS ENUM ('QUEUED', 'SETTLED', 'RETURNED');

-- DropIndex
DROP INDEX "payment_order_owner_id_idempotency_key_key";

-- AlterTable
ALTER TABLE "payment_order" ADD COLUMN     "challenge_methods" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "completed_at" TIMESTAMPTZ(3),
ADD COLUMN     "counts_to_class_limit" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "destination_account_id" TEXT,
ADD COLUMN     "destination_account_number" TEXT,
ADD COLUMN     "destination_bank" TEXT,
ADD COLUMN     "destination_name" TEXT,
ADD COLUMN     "entry_id" TEXT,
ADD COLUMN     "failure_code" TEXT,
ADD COLUMN     "risk_decision_id" TEXT,
ADD COLUMN     "route" TEXT,
ADD COLUMN     "source_account_class" TEXT,
ADD COLUMN     "source_account_number" TEXT,
ADD COLUMN     "source_holder_name" TEXT;

-- CreateTable
CREATE TABLE "idempotency_record" (
    "owner_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "risk_decision" TEXT,
    "response" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_record_pkey" PRIMARY KEY ("owner_id","key")
);

-- CreateTable
CREATE TABLE "outbox_event" (
    "id" TEXT NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "last_error" TEXT,

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clearing_instruction" (
    "order_id" TEXT NOT NULL,
    "status" "ClearingStatus" NOT NULL DEFAULT 'QUEUED',
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "planned_return" TEXT,
    "return_reason" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "clearing_instruction_pkey" PRIMARY KEY ("order_id")
);

-- CreateIndex
CREATE INDEX "idempotency_record_expires_at_idx" ON "idempotency_record"("expires_at");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_next_attempt_at_idx" ON "outbox_event"("published_at", "next_attempt_at");

-- CreateIndex
CREATE INDEX "clearing_instruction_status_due_at_idx" ON "clearing_instruction"("status", "due_at");

-- CreateIndex
CREATE INDEX "payment_order_owner_id_idempotency_key_idx" ON "payment_order"("owner_id", "idempotency_key");


