-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "AccountClass" AS ENUM ('I', 'II', 'III');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('ACTIVE', 'FROZEN', 'DORMANT', 'CLOSED');

-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('CUSTOMER', 'GENERAL_LEDGER');

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "owner_id" TEXT,
    "number" TEXT NOT NULL,
    "holder_name" TEXT NOT NULL,
    "account_class" "AccountClass",
    "bound_account_id" TEXT,
    "ledger_code" TEXT,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "balance" BIGINT NOT NULL DEFAULT 0,
    "available_balance" BIGINT NOT NULL DEFAULT 0,
    "status" "AccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journal_entry" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "memo" TEXT,
    "channel" TEXT,
    "posted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "journal_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "posting" (
    "id" BIGSERIAL NOT NULL,
    "entry_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "leg" INTEGER NOT NULL,
    "account_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "balance_after" BIGINT NOT NULL,
    "counterparty_name" TEXT,
    "counterparty_account_number" TEXT,
    "counterparty_bank" TEXT,
    "channel" TEXT,
    "memo" TEXT,
    "posted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "posting_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_number_key" ON "account"("number");

-- CreateIndex
CREATE UNIQUE INDEX "account_ledger_code_key" ON "account"("ledger_code");

-- CreateIndex
CREATE INDEX "account_owner_id_idx" ON "account"("owner_id");

-- CreateIndex
CREATE INDEX "journal_entry_order_id_idx" ON "journal_entry"("order_id");

-- CreateIndex
CREATE INDEX "posting_account_id_posted_at_id_idx" ON "posting"("account_id", "posted_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "posting_order_id_leg_key" ON "posting"("order_id", "leg");

-- AddForeignKey
ALTER TABLE "posting" ADD CONSTRAINT "posting_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "journal_entry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posting" ADD CONSTRAINT "posting_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

