-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI', 'OPS');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "CouponStatus" AS ENUM ('ISSUED', 'CLAIMED', 'REDEEMED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('R1', 'R2', 'R3', 'R4', 'R5');

-- CreateTable
CREATE TABLE "campaign" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "channels" "Channel"[],
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',

    CONSTRAINT "campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coupon" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "campaign_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "face_value" BIGINT NOT NULL,
    "minimum_spend" BIGINT NOT NULL,
    "status" "CouponStatus" NOT NULL DEFAULT 'ISSUED',
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "redeemed_at" TIMESTAMPTZ(3),

    CONSTRAINT "coupon_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "points_account" (
    "customer_id" TEXT NOT NULL,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "points_account_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "points_entry" (
    "id" BIGSERIAL NOT NULL,
    "customer_id" TEXT NOT NULL,
    "delta" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "points_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recommendable_product" (
    "product_id" TEXT NOT NULL,
    "risk_level" "RiskLevel" NOT NULL,
    "channels" "Channel"[],
    "reason" TEXT NOT NULL,
    "priority" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "recommendable_product_pkey" PRIMARY KEY ("product_id")
);

-- CreateIndex
CREATE INDEX "campaign_status_starts_at_ends_at_idx" ON "campaign"("status", "starts_at", "ends_at");

-- CreateIndex
CREATE INDEX "coupon_customer_id_expires_at_idx" ON "coupon"("customer_id", "expires_at");

-- CreateIndex
CREATE INDEX "points_entry_customer_id_created_at_idx" ON "points_entry"("customer_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "points_entry_customer_id_reference_key" ON "points_entry"("customer_id", "reference");

-- CreateIndex
CREATE INDEX "recommendable_product_active_priority_idx" ON "recommendable_product"("active", "priority");

-- AddForeignKey
ALTER TABLE "coupon" ADD CONSTRAINT "coupon_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "points_account"("customer_id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Constraints Prisma cannot express: a points balance never goes below zero, coupons have a value.
ALTER TABLE "points_account" ADD CONSTRAINT "points_account_balance_not_negative" CHECK ("balance" >= 0);
ALTER TABLE "points_entry" ADD CONSTRAINT "points_entry_delta_not_zero" CHECK ("delta" <> 0);
ALTER TABLE "coupon" ADD CONSTRAINT "coupon_face_value_positive" CHECK ("face_value" > 0);
ALTER TABLE "coupon" ADD CONSTRAINT "coupon_minimum_spend_not_negative" CHECK ("minimum_spend" >= 0);
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_ends_after_start" CHECK ("ends_at" > "starts_at");
