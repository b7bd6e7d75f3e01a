-- AlterTable
ALTER TABLE "account" ADD COLUMN     "bound_card_bank" TEXT,
ADD COLUMN     "bound_card_number_cipher" TEXT,
ADD COLUMN     "opening_channel" TEXT,
ADD COLUMN     "opening_idempotency_key" TEXT,
ADD COLUMN     "opening_request_hash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "account_owner_id_opening_idempotency_key_key" ON "account"("owner_id", "opening_idempotency_key");


-- Hand-added: at most one open class II and one open class III account per customer in this bank (the bank's rule
-- within the PBOC ceiling of 银发〔2016〕302号; see subgraphs/account/README.md). Two concurrent openings of the same
-- class cannot both land: the second insert fails on this index.
CREATE UNIQUE INDEX "account_one_open_electronic_account_per_class" ON "account"("owner_id", "account_class")
  WHERE "kind" = 'CUSTOMER' AND "account_class" IN ('II', 'III') AND "status" <> 'CLOSED';
