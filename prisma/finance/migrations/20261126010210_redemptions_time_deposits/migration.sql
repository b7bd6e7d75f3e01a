-- AlterEnum
ALTER TYPE "OrderKind" ADD VALUE 'DEPOSIT_WITHDRAWAL';

-- AlterTable
ALTER TABLE "payment_order" ADD COLUMN     "deposit_id" UUID,
ADD COLUMN     "discount" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "interest" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "holding" ADD COLUMN     "shares_redeemed" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "wealth_redemption" (
    "order_id" TEXT NOT NULL,
    "holding_id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "shares" BIGINT NOT NULL,
    "nav" BIGINT NOT NULL,
    "request_day" DATE NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "settled_at" TIMESTAMPTZ(3),
    "lease_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "wealth_redemption_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "time_deposit" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "product_name" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "principal" BIGINT NOT NULL,
    "rate" BIGINT NOT NULL,
    "early_rate" BIGINT NOT NULL,
    "term_days" INTEGER NOT NULL,
    "opened_on" DATE NOT NULL,
    "matures_on" DATE NOT NULL,
    "open_order_id" TEXT NOT NULL,
    "withdraw_order_id" TEXT,
    "withdrawn_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "time_deposit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "wealth_redemption_settled_at_due_at_idx" ON "wealth_redemption"("settled_at", "due_at");

-- CreateIndex
CREATE INDEX "wealth_redemption_owner_id_product_id_request_day_idx" ON "wealth_redemption"("owner_id", "product_id", "request_day");

-- CreateIndex
CREATE INDEX "wealth_redemption_holding_id_idx" ON "wealth_redemption"("holding_id");

-- CreateIndex
CREATE UNIQUE INDEX "time_deposit_open_order_id_key" ON "time_deposit"("open_order_id");

-- CreateIndex
CREATE UNIQUE INDEX "time_deposit_withdraw_order_id_key" ON "time_deposit"("withdraw_order_id");

-- CreateIndex
CREATE INDEX "time_deposit_owner_id_created_at_idx" ON "time_deposit"("owner_id", "created_at" DESC);


-- Shares are never redeemed twice: what redemptions took stays between zero and what was bought.
ALTER TABLE "holding" ADD CONSTRAINT "holding_shares_redeemed_range" CHECK (shares_redeemed >= 0 AND shares_redeemed <= shares);
ALTER TABLE "wealth_redemption" ADD CONSTRAINT "wealth_redemption_positive" CHECK (shares > 0 AND nav > 0);
ALTER TABLE "time_deposit" ADD CONSTRAINT "time_deposit_positive" CHECK (principal > 0 AND rate >= 0 AND early_rate >= 0 AND term_days > 0 AND matures_on > opened_on);
ALTER TABLE "payment_order" ADD CONSTRAINT "payment_order_discount_interest" CHECK (discount >= 0 AND interest >= 0 AND interest <= amount);
