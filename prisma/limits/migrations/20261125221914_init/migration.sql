-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "AccountClass" AS ENUM ('I', 'II', 'III');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI');

-- CreateEnum
CREATE TYPE "LimitScope" AS ENUM ('ACCOUNT_CLASS', 'CHANNEL', 'CUSTOMER');

-- CreateEnum
CREATE TYPE "LimitPeriod" AS ENUM ('SINGLE', 'DAILY', 'YEARLY', 'BALANCE');

-- CreateEnum
CREATE TYPE "AgreementKind" AS ENUM ('ELECTRONIC_ACCOUNT', 'WEALTH_PRODUCT', 'QUICK_PAYMENT', 'ONLINE_BANKING', 'PRIVACY_POLICY');

-- CreateEnum
CREATE TYPE "ReservationStatus" AS ENUM ('RESERVED', 'COMMITTED', 'RELEASED');

-- CreateTable
CREATE TABLE "limit_rule" (
    "id" TEXT NOT NULL,
    "scope" "LimitScope" NOT NULL,
    "account_class" "AccountClass",
    "channel" "Channel",
    "period" "LimitPeriod" NOT NULL,
    "amount" BIGINT NOT NULL,
    "excludes_bound_account" BOOLEAN NOT NULL DEFAULT false,
    "basis" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "limit_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_limit" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "period" "LimitPeriod" NOT NULL,
    "amount" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_limit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agreement_template" (
    "code" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "AgreementKind" NOT NULL,
    "effective_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agreement_template_pkey" PRIMARY KEY ("code","version")
);

-- CreateTable
CREATE TABLE "signed_agreement" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "template_code" TEXT NOT NULL,
    "template_version" TEXT NOT NULL,
    "signed_at" TIMESTAMPTZ(3) NOT NULL,
    "channel" "Channel" NOT NULL,

    CONSTRAINT "signed_agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "limit_reservation" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "account_class" "AccountClass" NOT NULL,
    "channel" "Channel" NOT NULL,
    "amount" BIGINT NOT NULL,
    "counts_to_class_limit" BOOLEAN NOT NULL DEFAULT true,
    "status" "ReservationStatus" NOT NULL DEFAULT 'RESERVED',
    "business_day" DATE NOT NULL,
    "reserved_at" TIMESTAMPTZ(3) NOT NULL,
    "committed_at" TIMESTAMPTZ(3),
    "released_at" TIMESTAMPTZ(3),

    CONSTRAINT "limit_reservation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
-- NULLS NOT DISTINCT (edited by hand, PostgreSQL 15+): one rule per class or channel and period, although one of the two is always null.
CREATE UNIQUE INDEX "limit_rule_scope_account_class_channel_period_key" ON "limit_rule"("scope", "account_class", "channel", "period") NULLS NOT DISTINCT;

-- CreateIndex
CREATE UNIQUE INDEX "customer_limit_customer_id_channel_period_key" ON "customer_limit"("customer_id", "channel", "period");

-- CreateIndex
CREATE INDEX "signed_agreement_customer_id_signed_at_idx" ON "signed_agreement"("customer_id", "signed_at");

-- CreateIndex
CREATE UNIQUE INDEX "signed_agreement_customer_id_template_code_template_version_key" ON "signed_agreement"("customer_id", "template_code", "template_version");

-- CreateIndex
CREATE UNIQUE INDEX "limit_reservation_order_id_key" ON "limit_reservation"("order_id");

-- CreateIndex
CREATE INDEX "limit_reservation_customer_id_channel_business_day_idx" ON "limit_reservation"("customer_id", "channel", "business_day");

-- CreateIndex
CREATE INDEX "limit_reservation_account_id_business_day_idx" ON "limit_reservation"("account_id", "business_day");

-- CreateIndex
CREATE INDEX "limit_reservation_status_reserved_at_idx" ON "limit_reservation"("status", "reserved_at");

-- AddForeignKey
ALTER TABLE "signed_agreement" ADD CONSTRAINT "signed_agreement_template_code_template_version_fkey" FOREIGN KEY ("template_code", "template_version") REFERENCES "agreement_template"("code", "version") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Invariants Prisma cannot express (added by hand). Limits are never negative (0 switches a channel off);
-- a reservation holds a positive amount; a class rule names a class, a channel rule a channel.
ALTER TABLE "limit_rule" ADD CONSTRAINT "limit_rule_amount_check" CHECK ("amount" >= 0);
ALTER TABLE "limit_rule" ADD CONSTRAINT "limit_rule_subject_check" CHECK (
    ("scope" = 'ACCOUNT_CLASS' AND "account_class" IS NOT NULL AND "channel" IS NULL)
    OR ("scope" = 'CHANNEL' AND "channel" IS NOT NULL AND "account_class" IS NULL)
);
ALTER TABLE "customer_limit" ADD CONSTRAINT "customer_limit_amount_check" CHECK ("amount" >= 0);
ALTER TABLE "limit_reservation" ADD CONSTRAINT "limit_reservation_amount_check" CHECK ("amount" > 0);
