-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "KycLevel" AS ENUM ('BASIC', 'STANDARD', 'FULL');

-- CreateEnum
CREATE TYPE "RiskGrade" AS ENUM ('C1', 'C2', 'C3', 'C4', 'C5');

-- CreateTable
CREATE TABLE "customer" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mobile_cipher" TEXT NOT NULL,
    "mobile_index" TEXT NOT NULL,
    "id_number_cipher" TEXT NOT NULL,
    "id_number_index" TEXT NOT NULL,
    "kyc_level" "KycLevel" NOT NULL,
    "risk_grade" "RiskGrade",
    "risk_assessed_at" TIMESTAMPTZ(3),
    "risk_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "customer_mobile_index_key" ON "customer"("mobile_index");

-- CreateIndex
CREATE UNIQUE INDEX "customer_id_number_index_key" ON "customer"("id_number_index");

