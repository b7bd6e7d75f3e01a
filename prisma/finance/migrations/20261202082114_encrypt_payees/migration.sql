-- AlterTable
ALTER TABLE "payee" ADD COLUMN     "account_number_cipher" TEXT,
ADD COLUMN     "account_number_index" TEXT,
ADD COLUMN     "name_cipher" TEXT,
ALTER COLUMN "name" DROP NOT NULL,
ALTER COLUMN "account_number" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "payee_owner_id_account_number_index_key" ON "payee"("owner_id", "account_number_index");

