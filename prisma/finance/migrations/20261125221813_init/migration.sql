-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrderKind" AS ENUM ('TRANSFER', 'WEALTH_PURCHASE', 'WEALTH_REDEMPTION', 'DEPOSIT_OPEN', 'BILL_PAYMENT', 'TOP_UP', 'LOAN_REPAYMENT');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('CREATED', 'CHALLENGE_REQUIRED', 'RESERVED', 'POSTED', 'COMPLETED', 'REJECTED', 'FAILED', 'REVERSED');

-- CreateTable
CREATE TABLE "payee" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "account_number" TEXT NOT NULL,
    "bank_name" TEXT NOT NULL,
    "alias" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_order" (
    "id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "kind" "OrderKind" NOT NULL,
    "status" "OrderStatus" NOT NULL DEFAULT 'CREATED',
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "source_account_id" TEXT,
    "destination_masked" TEXT,
    "payee_id" TEXT,
    "channel" TEXT NOT NULL,
    "memo" TEXT,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT,
    "risk_decision" TEXT,
    "failure_reason" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payment_order_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "payee_owner_id_created_at_idx" ON "payee"("owner_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "payee_owner_id_account_number_key" ON "payee"("owner_id", "account_number");

-- CreateIndex
CREATE INDEX "payment_order_owner_id_created_at_id_idx" ON "payment_order"("owner_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "payment_order_status_updated_at_idx" ON "payment_order"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "payment_order_owner_id_idempotency_key_key" ON "payment_order"("owner_id", "idempotency_key");


-- Money rules the database enforces itself (not expressible in schema.prisma)
ALTER TABLE "payment_order" ADD CONSTRAINT "payment_order_amount_positive" CHECK ("amount" > 0);
