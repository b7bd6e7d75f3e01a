-- CreateTable
CREATE TABLE "unknown_login_failure" (
    "login_index" TEXT NOT NULL,
    "failed_count" INTEGER NOT NULL DEFAULT 0,
    "failure_window_start" TIMESTAMPTZ(3),
    "locked_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "unknown_login_failure_pkey" PRIMARY KEY ("login_index")
);

-- CreateIndex
CREATE INDEX "unknown_login_failure_updated_at_idx" ON "unknown_login_failure"("updated_at");

