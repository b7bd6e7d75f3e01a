-- AlterTable
ALTER TABLE "bill" ADD COLUMN     "holder_name_masked" TEXT;

-- AlterTable
ALTER TABLE "bill_account" ADD COLUMN     "alias" TEXT,
ADD COLUMN     "removed_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "bill_account_customer_id_created_at_idx" ON "bill_account"("customer_id", "created_at");

