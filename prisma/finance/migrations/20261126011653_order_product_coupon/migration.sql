-- AlterTable
ALTER TABLE "payment_order" ADD COLUMN     "coupon_id" TEXT,
ADD COLUMN     "product_id" TEXT;

