-- CreateEnum
CREATE TYPE "ProductKind" AS ENUM ('WEALTH', 'TIME_DEPOSIT', 'LOAN', 'CREDIT_CARD');

-- CreateEnum
CREATE TYPE "BehaviorEventType" AS ENUM ('PAGE_VIEW', 'CLICK', 'SEARCH', 'PRODUCT_VIEW', 'SESSION_START', 'SESSION_END');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('BALANCE_CHANGE', 'CAMPAIGN');

-- AlterTable
ALTER TABLE "campaign" ADD COLUMN     "budget" BIGINT,
ADD COLUMN     "coupon_face_value" BIGINT,
ADD COLUMN     "coupon_minimum_spend" BIGINT,
ADD COLUMN     "coupon_title" TEXT,
ADD COLUMN     "coupon_valid_days" INTEGER,
ADD COLUMN     "product_kinds" "ProductKind"[],
ADD COLUMN     "segments" TEXT[],
ADD COLUMN     "spent" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "coupon" ADD COLUMN     "redeemed_order_id" TEXT;

-- AlterTable
-- Existing rows are all wealth products or deposits; the demo deposit is fixed up below.
ALTER TABLE "recommendable_product" ADD COLUMN     "kind" "ProductKind" NOT NULL DEFAULT 'WEALTH';
UPDATE "recommendable_product" SET "kind" = 'TIME_DEPOSIT' WHERE "product_id" = 'd0a80001-0000-4000-8000-000000000105';
ALTER TABLE "recommendable_product" ALTER COLUMN "kind" DROP DEFAULT;

-- CreateTable
CREATE TABLE "behavior_event" (
    "id" BIGSERIAL NOT NULL,
    "channel" "Channel" NOT NULL,
    "client_event_id" TEXT NOT NULL,
    "type" "BehaviorEventType" NOT NULL,
    "customer_id" TEXT,
    "anonymous_id" TEXT,
    "session_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "event_day" DATE NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "page" TEXT,
    "target" TEXT,
    "product_id" TEXT,

    CONSTRAINT "behavior_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_event" (
    "event_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "order_kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "product_id" TEXT,
    "product_kind" "ProductKind",
    "amount" BIGINT NOT NULL,
    "channel" "Channel" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "event_day" DATE NOT NULL,
    "points_awarded" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "order_event_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "customer_segment" (
    "customer_id" TEXT NOT NULL,
    "segment" TEXT NOT NULL,

    CONSTRAINT "customer_segment_pkey" PRIMARY KEY ("customer_id","segment")
);

-- CreateTable
CREATE TABLE "message" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "sms_sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "behavior_event_event_day_channel_idx" ON "behavior_event"("event_day", "channel");

-- CreateIndex
CREATE INDEX "behavior_event_customer_id_event_day_idx" ON "behavior_event"("customer_id", "event_day");

-- CreateIndex
CREATE INDEX "behavior_event_anonymous_id_idx" ON "behavior_event"("anonymous_id");

-- CreateIndex
CREATE UNIQUE INDEX "behavior_event_channel_client_event_id_key" ON "behavior_event"("channel", "client_event_id");

-- CreateIndex
CREATE INDEX "order_event_event_day_product_kind_idx" ON "order_event"("event_day", "product_kind");

-- CreateIndex
CREATE INDEX "order_event_customer_id_idx" ON "order_event"("customer_id");

-- CreateIndex
CREATE INDEX "message_customer_id_created_at_id_idx" ON "message"("customer_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "message_customer_id_dedupe_key_key" ON "message"("customer_id", "dedupe_key");

-- CreateIndex
CREATE UNIQUE INDEX "coupon_redeemed_order_id_key" ON "coupon"("redeemed_order_id");


-- Constraints Prisma cannot express: a campaign never spends past its budget; events stay small.
ALTER TABLE "campaign" ADD CONSTRAINT "campaign_spent_within_budget" CHECK ("spent" >= 0 AND ("budget" IS NULL OR "spent" <= "budget"));
ALTER TABLE "order_event" ADD CONSTRAINT "order_event_amount_not_negative" CHECK ("amount" >= 0);
ALTER TABLE "behavior_event" ADD CONSTRAINT "behavior_event_sizes" CHECK (length("client_event_id") <= 64 AND length("session_id") <= 64);
-- Linking at sign-in looks only at events not yet linked.
CREATE INDEX "behavior_event_unlinked_anonymous_idx" ON "behavior_event"("anonymous_id") WHERE "customer_id" IS NULL;
