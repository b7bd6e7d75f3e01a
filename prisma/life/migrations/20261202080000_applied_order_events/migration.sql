-- CreateTable
CREATE TABLE "applied_order_event" (
    "event_id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "applied_order_event_pkey" PRIMARY KEY ("event_id")
);

