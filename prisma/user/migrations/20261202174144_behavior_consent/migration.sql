-- AlterTable
ALTER TABLE "customer" ADD COLUMN     "behavior_consent" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "behavior_consent_changed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "behavior_consent_change" (
    "id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "channel" TEXT NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "behavior_consent_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "behavior_consent_change_customer_id_changed_at_idx" ON "behavior_consent_change"("customer_id", "changed_at");

