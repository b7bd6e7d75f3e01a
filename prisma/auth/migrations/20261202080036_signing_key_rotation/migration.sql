-- AlterTable: nullable first, so keys created before rotation existed can be numbered.
ALTER TABLE "signing_key" ADD COLUMN     "activates_at" TIMESTAMPTZ(3),
ADD COLUMN     "generation" INTEGER,
ADD COLUMN     "superseded_at" TIMESTAMPTZ(3),
ADD COLUMN     "withdrawn_at" TIMESTAMPTZ(3);

-- Existing keys: generations in creation order, each signing from its creation; any but the newest
-- is superseded by the next and withdrawn once the 15-minute tokens it may have signed are gone.
WITH ordered AS (
  SELECT "kid", row_number() OVER (ORDER BY "created_at", "kid") AS generation,
         lead("created_at") OVER (ORDER BY "created_at", "kid") AS next_created_at
    FROM "signing_key"
)
UPDATE "signing_key" k
   SET "generation" = o.generation,
       "activates_at" = k."created_at",
       "superseded_at" = o.next_created_at,
       "withdrawn_at" = o.next_created_at + interval '17 minutes'
  FROM ordered o
 WHERE o."kid" = k."kid";

ALTER TABLE "signing_key" ALTER COLUMN "activates_at" SET NOT NULL,
ALTER COLUMN "generation" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "signing_key_generation_key" ON "signing_key"("generation");
