-- AlterTable
ALTER TABLE "payee" ADD COLUMN     "first_paid_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "payee_owner_id_alias_key" ON "payee"("owner_id", "alias");


-- Every payee saved so far was saved after a completed transfer to it.
UPDATE "payee" SET "first_paid_at" = "created_at";
