-- CreateTable
CREATE TABLE "faq_entry" (
    "id" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "keywords" TEXT[],
    "sort_order" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "faq_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "faq_entry_active_sort_order_idx" ON "faq_entry"("active", "sort_order");

