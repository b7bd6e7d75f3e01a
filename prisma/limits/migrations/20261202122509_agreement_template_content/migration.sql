-- AlterTable
-- Rows written before the column existed get an empty text here; the limits center's reference data
-- (version 2) writes every template's text at the next start.
ALTER TABLE "agreement_template" ADD COLUMN     "content" TEXT NOT NULL DEFAULT '';
ALTER TABLE "agreement_template" ALTER COLUMN "content" DROP DEFAULT;
