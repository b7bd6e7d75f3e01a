-- CreateTable
CREATE TABLE "holding" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "product_name" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "discount" BIGINT NOT NULL DEFAULT 0,
    "coupon_id" TEXT,
    "nav" BIGINT NOT NULL,
    "shares" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "holding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "holding_order_id_key" ON "holding"("order_id");

-- CreateIndex
CREATE INDEX "holding_owner_id_created_at_idx" ON "holding"("owner_id", "created_at" DESC);


-- Money and shares are positive; the discount never exceeds the amount.
ALTER TABLE "holding" ADD CONSTRAINT "holding_positive" CHECK (amount > 0 AND shares > 0 AND nav > 0 AND discount >= 0 AND discount < amount);
