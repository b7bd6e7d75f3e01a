-- CreateEnum
CREATE TYPE "CreditKind" AS ENUM ('LOAN', 'CREDIT_CARD');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('SUBMITTED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "LoanPurpose" AS ENUM ('CONSUMPTION', 'HOME_IMPROVEMENT', 'EDUCATION', 'TRAVEL', 'MEDICAL');

-- CreateEnum
CREATE TYPE "CreditCardType" AS ENUM ('CLASSIC', 'GOLD', 'PLATINUM');

-- CreateEnum
CREATE TYPE "LoanStatus" AS ENUM ('ACTIVE', 'PAID_OFF');

-- CreateEnum
CREATE TYPE "InstallmentStatus" AS ENUM ('DUE', 'PAID');

-- CreateEnum
CREATE TYPE "RepaymentStatus" AS ENUM ('PENDING', 'COMPLETED', 'REJECTED');

-- CreateTable
CREATE TABLE "credit_rule_set" (
    "version" TEXT NOT NULL,
    "kind" "CreditKind" NOT NULL,
    "params" JSONB NOT NULL,
    "effective_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "credit_rule_set_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "loan_application" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "product_name" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "term_months" INTEGER NOT NULL,
    "purpose" "LoanPurpose" NOT NULL,
    "annual_rate" BIGINT NOT NULL,
    "product_min_amount" BIGINT NOT NULL,
    "product_max_amount" BIGINT NOT NULL,
    "channel" "Channel" NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'SUBMITTED',
    "rule_set_version" TEXT,
    "score" INTEGER,
    "reason_code" TEXT,
    "reason" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "loan_application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_card_application" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "product_name" TEXT NOT NULL,
    "card_type" "CreditCardType" NOT NULL,
    "channel" "Channel" NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'SUBMITTED',
    "rule_set_version" TEXT,
    "score" INTEGER,
    "reason_code" TEXT,
    "reason" TEXT,
    "credit_limit" BIGINT,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "credit_card_application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loan" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "application_id" UUID,
    "product_id" TEXT NOT NULL,
    "product_name" TEXT NOT NULL,
    "principal" BIGINT NOT NULL,
    "outstanding_principal" BIGINT NOT NULL,
    "annual_rate" BIGINT NOT NULL,
    "term_months" INTEGER NOT NULL,
    "start_date" DATE NOT NULL,
    "status" "LoanStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "loan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loan_installment" (
    "loan_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "due_date" DATE NOT NULL,
    "principal" BIGINT NOT NULL,
    "interest" BIGINT NOT NULL,
    "status" "InstallmentStatus" NOT NULL DEFAULT 'DUE',
    "paid_by_order_id" TEXT,
    "paid_at" TIMESTAMPTZ(3),

    CONSTRAINT "loan_installment_pkey" PRIMARY KEY ("loan_id","number")
);

-- CreateTable
CREATE TABLE "loan_repayment" (
    "id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "loan_id" UUID NOT NULL,
    "installment_number" INTEGER NOT NULL,
    "source_account_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "principal" BIGINT NOT NULL,
    "interest" BIGINT NOT NULL,
    "status" "RepaymentStatus" NOT NULL DEFAULT 'PENDING',
    "order_id" TEXT,
    "failure_code" TEXT,
    "failure_reason" TEXT,
    "applied_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "loan_repayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "credit_rule_set_kind_effective_at_idx" ON "credit_rule_set"("kind", "effective_at");

-- CreateIndex
CREATE INDEX "loan_application_customer_id_created_at_idx" ON "loan_application"("customer_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "loan_application_customer_id_idempotency_key_key" ON "loan_application"("customer_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "credit_card_application_customer_id_created_at_idx" ON "credit_card_application"("customer_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "credit_card_application_customer_id_idempotency_key_key" ON "credit_card_application"("customer_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "loan_application_id_key" ON "loan"("application_id");

-- CreateIndex
CREATE INDEX "loan_customer_id_created_at_idx" ON "loan"("customer_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "loan_installment_paid_by_order_id_key" ON "loan_installment"("paid_by_order_id");

-- CreateIndex
CREATE UNIQUE INDEX "loan_repayment_order_id_key" ON "loan_repayment"("order_id");

-- CreateIndex
CREATE INDEX "loan_repayment_loan_id_created_at_idx" ON "loan_repayment"("loan_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "loan_repayment_customer_id_idempotency_key_key" ON "loan_repayment"("customer_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "loan" ADD CONSTRAINT "loan_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "loan_application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loan_installment" ADD CONSTRAINT "loan_installment_loan_id_fkey" FOREIGN KEY ("loan_id") REFERENCES "loan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loan_repayment" ADD CONSTRAINT "loan_repayment_loan_id_fkey" FOREIGN KEY ("loan_id") REFERENCES "loan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Money is fen and never negative; the outstanding principal stays between 0 and the principal.
ALTER TABLE "loan_application" ADD CONSTRAINT "loan_application_amount_positive" CHECK (amount > 0);
ALTER TABLE "loan_application" ADD CONSTRAINT "loan_application_term_positive" CHECK (term_months > 0);
ALTER TABLE "loan" ADD CONSTRAINT "loan_principal_positive" CHECK (principal > 0);
ALTER TABLE "loan" ADD CONSTRAINT "loan_outstanding_in_range" CHECK (outstanding_principal >= 0 AND outstanding_principal <= principal);
ALTER TABLE "loan_installment" ADD CONSTRAINT "loan_installment_amounts_nonnegative" CHECK (principal >= 0 AND interest >= 0);
ALTER TABLE "loan_repayment" ADD CONSTRAINT "loan_repayment_amount_positive" CHECK (amount > 0 AND amount = principal + interest);
-- An installment is paid at most once: of the attempts on one installment only one may be in flight or done.
CREATE UNIQUE INDEX "loan_repayment_one_live_per_installment" ON "loan_repayment" ("loan_id", "installment_number") WHERE status IN ('PENDING', 'COMPLETED');
