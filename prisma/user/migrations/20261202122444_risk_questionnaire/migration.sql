-- CreateTable
CREATE TABLE "risk_questionnaire" (
    "version" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "effective_at" TIMESTAMPTZ(3) NOT NULL,
    "questions" JSONB NOT NULL,
    "grade_bands" JSONB NOT NULL,

    CONSTRAINT "risk_questionnaire_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "risk_assessment" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "questionnaire_version" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "score" INTEGER NOT NULL,
    "grade" "RiskGrade" NOT NULL,
    "assessed_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "channel" TEXT NOT NULL,

    CONSTRAINT "risk_assessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "risk_assessment_customer_id_assessed_at_idx" ON "risk_assessment"("customer_id", "assessed_at");

-- AddForeignKey
ALTER TABLE "risk_assessment" ADD CONSTRAINT "risk_assessment_questionnaire_version_fkey" FOREIGN KEY ("questionnaire_version") REFERENCES "risk_questionnaire"("version") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written (Prisma's schema language has no CHECK): a score is never negative and an assessment expires after it was made.
ALTER TABLE "risk_assessment" ADD CONSTRAINT "risk_assessment_score_check" CHECK ("score" >= 0);
ALTER TABLE "risk_assessment" ADD CONSTRAINT "risk_assessment_expiry_check" CHECK ("expires_at" > "assessed_at");
