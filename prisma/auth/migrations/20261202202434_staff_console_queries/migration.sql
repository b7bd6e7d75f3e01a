-- AlterTable: the decision's channel as a column, filled from the inputs every decision stored it in.
ALTER TABLE "risk_decision" ADD COLUMN     "channel" TEXT;
UPDATE "risk_decision" SET "channel" = coalesce("inputs"->>'channel', 'UNKNOWN');
ALTER TABLE "risk_decision" ALTER COLUMN "channel" SET NOT NULL;

-- CreateIndex
CREATE INDEX "risk_decision_created_at_idx" ON "risk_decision"("created_at");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");
