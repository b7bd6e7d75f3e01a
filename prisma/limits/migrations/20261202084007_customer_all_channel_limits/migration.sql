-- CreateTable
CREATE TABLE "customer_all_channel_limit" (
    "customer_id" TEXT NOT NULL,
    "period" "LimitPeriod" NOT NULL,
    "amount" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_all_channel_limit_pkey" PRIMARY KEY ("customer_id","period")
);


-- A customer limit is never negative (0 switches payments off).
ALTER TABLE "customer_all_channel_limit" ADD CONSTRAINT "customer_all_channel_limit_amount_not_negative" CHECK (amount >= 0);
