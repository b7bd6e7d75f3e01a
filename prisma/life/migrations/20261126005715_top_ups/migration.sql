-- CreateEnum
CREATE TYPE "Carrier" AS ENUM ('CHINA_MOBILE', 'CHINA_UNICOM', 'CHINA_TELECOM', 'CHINA_BROADNET');

-- CreateEnum
CREATE TYPE "TopUpStatus" AS ENUM ('PENDING', 'COMPLETED', 'REJECTED');

-- CreateTable
CREATE TABLE "top_up" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "mobile_cipher" TEXT NOT NULL,
    "mobile_index" TEXT NOT NULL,
    "mobile_masked" TEXT NOT NULL,
    "carrier" "Carrier" NOT NULL,
    "amount" BIGINT NOT NULL,
    "source_account_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "status" "TopUpStatus" NOT NULL DEFAULT 'PENDING',
    "order_id" TEXT,
    "failure_code" TEXT,
    "failure_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "top_up_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "top_up_order_id_key" ON "top_up"("order_id");

-- CreateIndex
CREATE INDEX "top_up_customer_id_created_at_idx" ON "top_up"("customer_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "top_up_customer_id_idempotency_key_key" ON "top_up"("customer_id", "idempotency_key");


-- Only the face values are sold; a top-up is never free.
ALTER TABLE "top_up" ADD CONSTRAINT "top_up_amount_positive" CHECK (amount > 0);
