-- AlterTable
ALTER TABLE "customer" ADD COLUMN     "name_cipher" TEXT,
ALTER COLUMN "name" DROP NOT NULL;

