-- CreateTable
CREATE TABLE "handled_event" (
    "event_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "handled_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "handled_event_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "balance_notice" (
    "id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "posting_id" BIGINT NOT NULL,
    "account_id" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "balance_after" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "balance_notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "balance_notice_owner_id_created_at_idx" ON "balance_notice"("owner_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "balance_notice_event_id_posting_id_key" ON "balance_notice"("event_id", "posting_id");

