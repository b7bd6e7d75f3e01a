-- AlterTable
ALTER TABLE "posting" ADD COLUMN     "counterparty_account_number_cipher" TEXT,
ADD COLUMN     "counterparty_name_cipher" TEXT;

