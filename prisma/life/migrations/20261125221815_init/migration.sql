-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "BillerCategory" AS ENUM ('ELECTRICITY', 'WATER', 'GAS', 'PHONE', 'BROADBAND');

-- CreateEnum
CREATE TYPE "BillerStatus" AS ENUM ('ACTIVE', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "BillStatus" AS ENUM ('UNPAID', 'PAID');

-- CreateTable
CREATE TABLE "biller" (
    "id" TEXT NOT NULL,
    "category" "BillerCategory" NOT NULL,
    "name" TEXT NOT NULL,
    "region_code" CHAR(6) NOT NULL,
    "customer_number_hint" TEXT NOT NULL,
    "customer_number_pattern" TEXT NOT NULL,
    "status" "BillerStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "biller_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bill" (
    "id" TEXT NOT NULL,
    "biller_id" TEXT NOT NULL,
    "customer_number" TEXT NOT NULL,
    "period" CHAR(6) NOT NULL,
    "amount" BIGINT NOT NULL,
    "due_date" DATE NOT NULL,
    "status" "BillStatus" NOT NULL DEFAULT 'UNPAID',
    "paid_by_order_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "bill_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "biller_region_code_category_idx" ON "biller"("region_code", "category");

-- CreateIndex
CREATE UNIQUE INDEX "bill_paid_by_order_id_key" ON "bill"("paid_by_order_id");

-- CreateIndex
CREATE UNIQUE INDEX "bill_biller_id_customer_number_period_key" ON "bill"("biller_id", "customer_number", "period");

-- AddForeignKey
ALTER TABLE "bill" ADD CONSTRAINT "bill_biller_id_fkey" FOREIGN KEY ("biller_id") REFERENCES "biller"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Not expressible in schema.prisma
ALTER TABLE "bill" ADD CONSTRAINT "bill_amount_not_negative" CHECK ("amount" >= 0);
ALTER TABLE "biller" ADD CONSTRAINT "biller_region_code_digits" CHECK ("region_code" ~ '^[0-9]{6}$');
