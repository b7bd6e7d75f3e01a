-- CreateEnum
CREATE TYPE "RedemptionMode" AS ENUM ('T0', 'T1', 'AT_MATURITY');

-- CreateEnum
CREATE TYPE "CreditCardType" AS ENUM ('CLASSIC', 'GOLD', 'PLATINUM');

-- CreateEnum
CREATE TYPE "HistorySeries" AS ENUM ('NAV', 'RATE');

-- AlterTable
ALTER TABLE "product" ADD COLUMN     "agreement_code" TEXT,
ADD COLUMN     "annual_fee" BIGINT,
ADD COLUMN     "annual_fee_waiver" TEXT,
ADD COLUMN     "card_type" "CreditCardType",
ADD COLUMN     "early_withdrawal_rate" BIGINT,
ADD COLUMN     "max_amount" BIGINT,
ADD COLUMN     "nav" BIGINT,
ADD COLUMN     "redemption_daily_cap" BIGINT,
ADD COLUMN     "redemption_mode" "RedemptionMode",
ADD COLUMN     "requires_assessment" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sale_ends_at" TIMESTAMPTZ(3),
ADD COLUMN     "sale_starts_at" TIMESTAMPTZ(3),
ADD COLUMN     "step_amount" BIGINT;

-- CreateTable
CREATE TABLE "product_history" (
    "product_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "series" "HistorySeries" NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "product_history_pkey" PRIMARY KEY ("product_id","day")
);

-- AddForeignKey
ALTER TABLE "product_history" ADD CONSTRAINT "product_history_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Constraints Prisma cannot express: positive NAV and steps, an ordered sale window and amount range.
ALTER TABLE "product" ADD CONSTRAINT "product_nav_positive" CHECK ("nav" IS NULL OR "nav" > 0);
ALTER TABLE "product" ADD CONSTRAINT "product_step_amount_positive" CHECK ("step_amount" IS NULL OR "step_amount" > 0);
ALTER TABLE "product" ADD CONSTRAINT "product_amount_range" CHECK ("max_amount" IS NULL OR "max_amount" >= "min_amount");
ALTER TABLE "product" ADD CONSTRAINT "product_sale_window" CHECK ("sale_ends_at" IS NULL OR "sale_starts_at" IS NULL OR "sale_ends_at" > "sale_starts_at");
ALTER TABLE "product" ADD CONSTRAINT "product_fees_not_negative" CHECK (("annual_fee" IS NULL OR "annual_fee" >= 0) AND ("early_withdrawal_rate" IS NULL OR "early_withdrawal_rate" >= 0));
ALTER TABLE "product_history" ADD CONSTRAINT "product_history_value_positive" CHECK ("value" > 0);
