-- AlterTable
ALTER TABLE "customer" ALTER COLUMN "id_number_cipher" DROP NOT NULL,
ALTER COLUMN "id_number_index" DROP NOT NULL;

