-- CreateTable
CREATE TABLE "reward" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "points_cost" INTEGER NOT NULL,
    "stock" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "reward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reward_redemption" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "reward_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "points_spent" INTEGER NOT NULL,
    "balance_after" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reward_redemption_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reward_redemption_customer_id_created_at_idx" ON "reward_redemption"("customer_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "reward_redemption_customer_id_idempotency_key_key" ON "reward_redemption"("customer_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "reward_redemption" ADD CONSTRAINT "reward_redemption_reward_id_fkey" FOREIGN KEY ("reward_id") REFERENCES "reward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A redemption never takes the stock below zero, whatever the code does.
ALTER TABLE "reward" ADD CONSTRAINT "reward_stock_not_negative" CHECK ("stock" IS NULL OR "stock" >= 0);
