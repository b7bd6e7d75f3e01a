-- AlterTable
ALTER TABLE "payment_order" ADD COLUMN     "failure_limit" TEXT,
ADD COLUMN     "payee_account_class" TEXT,
ADD COLUMN     "payee_customer_id" TEXT;

