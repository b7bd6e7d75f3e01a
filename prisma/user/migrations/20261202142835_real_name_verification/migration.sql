-- CreateEnum
CREATE TYPE "RealNameVerificationStatus" AS ENUM ('READ', 'VERIFIED', 'FACE_MISMATCH', 'REGISTER_MISMATCH', 'FAILED');

-- CreateTable
CREATE TABLE "real_name_verification" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" "RealNameVerificationStatus" NOT NULL,
    "reading_cipher" TEXT,
    "portrait_cipher" TEXT,
    "emblem_cipher" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "face_distance" DOUBLE PRECISION,
    "register_result" TEXT,
    "failure_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "images_deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "real_name_verification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "real_name_verification_customer_id_created_at_idx" ON "real_name_verification"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "real_name_verification_images_deleted_at_created_at_idx" ON "real_name_verification"("images_deleted_at", "created_at");


-- Hand-written (Prisma's schema language has no CHECK): attempts are counted from zero up to the cap of three, and a
-- verified row has its reading.
ALTER TABLE "real_name_verification" ADD CONSTRAINT "real_name_verification_attempts_check" CHECK ("attempts" BETWEEN 0 AND 3);
ALTER TABLE "real_name_verification" ADD CONSTRAINT "real_name_verification_verified_check" CHECK ("status" <> 'VERIFIED' OR "completed_at" IS NOT NULL);
