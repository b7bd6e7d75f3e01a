-- AlterTable
ALTER TABLE "signing_key" ALTER COLUMN "private_jwk" DROP NOT NULL;


-- Keys withdrawn before this change had their private half emptied rather than removed.
UPDATE "signing_key" SET "private_jwk" = NULL WHERE "private_jwk" = '';
