-- AlterTable
ALTER TABLE "device_key" ADD COLUMN     "last_used_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "passkey" ADD COLUMN     "last_used_at" TIMESTAMPTZ(3),
ADD COLUMN     "name" TEXT NOT NULL DEFAULT '通行密钥',
ADD COLUMN     "transports" TEXT[] DEFAULT ARRAY[]::TEXT[],
ALTER COLUMN "counter" SET DATA TYPE BIGINT;

-- CreateTable
CREATE TABLE "ceremony_nonce" (
    "id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "user_id" TEXT,
    "subject_id" TEXT,
    "value" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "consumed_at" TIMESTAMPTZ(3),

    CONSTRAINT "ceremony_nonce_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ceremony_nonce_expires_at_idx" ON "ceremony_nonce"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "platform_identity_provider_user_id_key" ON "platform_identity"("provider", "user_id");


-- Hand-added: at most one active biometric key per customer and device (registering replaces the old one).
CREATE UNIQUE INDEX "device_key_one_active_per_device" ON "device_key"("user_id", "device_id") WHERE "revoked_at" IS NULL;
