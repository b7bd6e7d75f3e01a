-- AlterTable
ALTER TABLE "coupon" ADD COLUMN     "released_order_ids" TEXT[] DEFAULT ARRAY[]::TEXT[];

