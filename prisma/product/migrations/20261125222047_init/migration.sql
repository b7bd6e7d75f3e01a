-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ProductKind" AS ENUM ('WEALTH', 'TIME_DEPOSIT', 'LOAN', 'CREDIT_CARD');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('R1', 'R2', 'R3', 'R4', 'R5');

-- CreateEnum
CREATE TYPE "ProductStatus" AS ENUM ('ON_SALE', 'OFF_SALE');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('WEB', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI', 'OPS');

-- CreateTable
CREATE TABLE "product" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "ProductKind" NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "rate" BIGINT NOT NULL,
    "risk_level" "RiskLevel" NOT NULL,
    "min_amount" BIGINT NOT NULL,
    "term_days" INTEGER,
    "channels" "Channel"[],
    "status" "ProductStatus" NOT NULL DEFAULT 'ON_SALE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "product_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "product_code_key" ON "product"("code");

-- CreateIndex
CREATE INDEX "product_kind_code_idx" ON "product"("kind", "code");

-- CreateIndex
CREATE INDEX "product_status_code_idx" ON "product"("status", "code");


-- Constraints Prisma cannot express: rates and amounts are never negative, risk levels and
-- channels are validated by the enums.
ALTER TABLE "product" ADD CONSTRAINT "product_rate_not_negative" CHECK ("rate" >= 0);
ALTER TABLE "product" ADD CONSTRAINT "product_min_amount_not_negative" CHECK ("min_amount" >= 0);
ALTER TABLE "product" ADD CONSTRAINT "product_term_days_positive" CHECK ("term_days" IS NULL OR "term_days" > 0);
