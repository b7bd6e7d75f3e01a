-- CreateTable
CREATE TABLE "registration" (
    "id" TEXT NOT NULL,
    "mobile_encrypted" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "device" JSONB NOT NULL,
    "sms_code_id" TEXT NOT NULL,
    "client_address" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "user_id" TEXT,

    CONSTRAINT "registration_pkey" PRIMARY KEY ("id")
);

