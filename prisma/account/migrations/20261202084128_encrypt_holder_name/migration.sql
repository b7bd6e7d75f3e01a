-- AlterTable
ALTER TABLE "account" ADD COLUMN     "holder_name_cipher" TEXT,
ALTER COLUMN "holder_name" DROP NOT NULL;

