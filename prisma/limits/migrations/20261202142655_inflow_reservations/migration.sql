-- CreateEnum
CREATE TYPE "ReservationDirection" AS ENUM ('OUTFLOW', 'INFLOW');

-- AlterEnum
ALTER TYPE "LimitScope" ADD VALUE 'CLASS_INFLOW';

-- DropIndex
DROP INDEX "limit_reservation_order_id_key";

-- AlterTable
ALTER TABLE "limit_reservation" ADD COLUMN     "direction" "ReservationDirection" NOT NULL DEFAULT 'OUTFLOW';

-- CreateIndex
CREATE UNIQUE INDEX "limit_reservation_order_id_direction_key" ON "limit_reservation"("order_id", "direction");


-- Class inflow rules name a class and no channel, like class rules. The new enum value is compared as
-- text: PostgreSQL refuses to use a value added by ALTER TYPE in the transaction that added it.
ALTER TABLE "limit_rule" DROP CONSTRAINT "limit_rule_subject_check";
ALTER TABLE "limit_rule" ADD CONSTRAINT "limit_rule_subject_check" CHECK (
    ("scope"::text IN ('ACCOUNT_CLASS', 'CLASS_INFLOW') AND "account_class" IS NOT NULL AND "channel" IS NULL)
    OR ("scope" = 'CHANNEL' AND "channel" IS NOT NULL AND "account_class" IS NULL)
);
-- Only a class II/III account has inflow limits to hold.
ALTER TABLE "limit_reservation" ADD CONSTRAINT "limit_reservation_inflow_class_check" CHECK (
    "direction" = 'OUTFLOW' OR "account_class" <> 'I'
);
