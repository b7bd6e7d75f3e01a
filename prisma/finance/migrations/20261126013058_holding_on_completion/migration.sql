-- AlterTable
ALTER TABLE "payment_order" ADD COLUMN     "nav" BIGINT;

-- AlterTable
ALTER TABLE "time_deposit" ADD COLUMN     "opened_at" TIMESTAMPTZ(3);


-- Hand-added: deposits whose opening order already completed are open since then.
UPDATE "time_deposit" d SET "opened_at" = coalesce(o."completed_at", o."updated_at")
  FROM "payment_order" o WHERE o."id" = d."open_order_id" AND o."status" = 'COMPLETED' AND d."opened_at" IS NULL;
ALTER TABLE "payment_order" ADD CONSTRAINT "payment_order_nav_positive" CHECK (nav IS NULL OR nav > 0);
