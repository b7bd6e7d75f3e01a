-- CreateEnum
CREATE TYPE "BillPaymentStatus" AS ENUM ('PENDING', 'COMPLETED', 'REJECTED');

-- CreateTable
CREATE TABLE "bill_account" (
    "customer_id" UUID NOT NULL,
    "biller_id" TEXT NOT NULL,
    "customer_number" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bill_account_pkey" PRIMARY KEY ("customer_id","biller_id","customer_number")
);

-- CreateTable
CREATE TABLE "bill_payment" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "bill_id" TEXT NOT NULL,
    "source_account_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "status" "BillPaymentStatus" NOT NULL DEFAULT 'PENDING',
    "order_id" TEXT,
    "failure_code" TEXT,
    "failure_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bill_payment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "bill_payment_order_id_key" ON "bill_payment"("order_id");

-- CreateIndex
CREATE INDEX "bill_payment_customer_id_created_at_idx" ON "bill_payment"("customer_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "bill_payment_customer_id_idempotency_key_key" ON "bill_payment"("customer_id", "idempotency_key");


-- A bill is paid at most once: of the attempts on one bill only one may be in flight or done.
CREATE UNIQUE INDEX "bill_payment_one_live_per_bill" ON "bill_payment" ("bill_id") WHERE status IN ('PENDING', 'COMPLETED');
ALTER TABLE "bill_payment" ADD CONSTRAINT "bill_payment_amount_positive" CHECK (amount > 0);
