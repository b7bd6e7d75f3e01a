-- AlterTable
ALTER TABLE "outbox_event" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "outbox_event_aggregate_id_seq_idx" ON "outbox_event"("aggregate_id", "seq");


-- Existing events were numbered in their physical order; renumber them in the order they were
-- written (created_at, ties as numbered), so an order's pending events keep their sequence.
UPDATE "outbox_event" o SET "seq" = r.n
  FROM (SELECT "id", row_number() OVER (ORDER BY "created_at", "seq") AS n FROM "outbox_event") r
 WHERE o."id" = r."id";
SELECT setval(pg_get_serial_sequence('"outbox_event"', 'seq'), coalesce((SELECT max("seq") FROM "outbox_event"), 0) + 1, false);
