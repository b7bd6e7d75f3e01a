/**
 * The risk-tolerance questionnaire in force, and a customer's submission of it: scored against the
 * version answered, kept as a history row, and made the customer's grade at once — the product
 * center asks `customerRiskProfile` on every suitability check, so the next purchase sees it.
 *
 * An assessment is valid for one year: 《商业银行理财产品销售管理办法》(银监会令2011年第5号) requires a
 * customer not assessed for over a year to be assessed again before buying a wealth product, and
 * forbids anyone answering for the customer (hence customer channels only).
 */
import { ErrorCode, bankError } from '../../../platform/errors';
import type { PrismaClient, RiskAssessmentRecord, RiskQuestionnaire } from '../__generated__/prisma/client';
import type { GradeBand, RiskQuestion, RiskQuestionnaireContent } from './riskQuestionnaireContent';
import { RiskAnswer, scoreRiskQuestionnaire } from './riskQuestionnaireScoring';

export type RiskAssessmentRecordRow = RiskAssessmentRecord;

export interface RiskQuestionnaireSubmission {
  questionnaireVersion: string;
  answers: readonly RiskAnswer[];
}

/** The instant an assessment made at `assessedAt` expires: the same time a year later (29 February → 28 February). */
export function assessmentExpiry(assessedAt: Date): Date {
  const expiry = new Date(assessedAt);
  expiry.setUTCFullYear(expiry.getUTCFullYear() + 1);
  if (expiry.getUTCMonth() !== assessedAt.getUTCMonth()) expiry.setUTCDate(0);
  return expiry;
}

function contentOf(row: RiskQuestionnaire): RiskQuestionnaireContent {
  return {
    version: row.version,
    title: row.title,
    effectiveAt: row.effectiveAt,
    questions: row.questions as unknown as RiskQuestion[],
    gradeBands: row.gradeBands as unknown as GradeBand[],
  };
}

/** The latest version in force at `now`. */
export async function currentRiskQuestionnaire(prisma: PrismaClient, now: Date): Promise<RiskQuestionnaireContent> {
  const row = await prisma.riskQuestionnaire.findFirst({ where: { effectiveAt: { lte: now } }, orderBy: { effectiveAt: 'desc' } });
  if (!row) throw new Error('no risk questionnaire is in force: the user center reference data is missing');
  return contentOf(row);
}

/** The signed-in customer answering on a customer channel: staff and services never answer for a customer. */
export async function submitRiskQuestionnaire(
  prisma: PrismaClient,
  customer: { customerId: string; channel: string },
  submission: RiskQuestionnaireSubmission,
  now: Date,
): Promise<RiskAssessmentRecord> {
  const questionnaire = await currentRiskQuestionnaire(prisma, now);
  if (submission.questionnaireVersion !== questionnaire.version) {
    const known = await prisma.riskQuestionnaire.count({ where: { version: submission.questionnaireVersion } });
    throw bankError(ErrorCode.BadUserInput, known ? '问卷已更新，请重新作答最新版本' : '问卷版本不存在', {
      field: ['input', 'questionnaireVersion'],
      details: { reason: known ? 'STALE_QUESTIONNAIRE_VERSION' : 'UNKNOWN_QUESTIONNAIRE_VERSION', currentVersion: questionnaire.version },
    });
  }
  const { score, grade, answers } = scoreRiskQuestionnaire(questionnaire, submission.answers);
  const expiresAt = assessmentExpiry(now);
  return prisma.$transaction(async (tx) => {
    // Of two submissions racing, the customer keeps the later one; both stay in the history.
    const updated = await tx.customer.updateMany({
      where: { id: customer.customerId, OR: [{ riskAssessedAt: null }, { riskAssessedAt: { lte: now } }] },
      data: { riskGrade: grade, riskAssessedAt: now, riskExpiresAt: expiresAt },
    });
    if (updated.count === 0 && !(await tx.customer.findUnique({ where: { id: customer.customerId }, select: { id: true } })))
      throw bankError(ErrorCode.NotFound, '客户不存在');
    return tx.riskAssessmentRecord.create({
      data: {
        customerId: customer.customerId,
        questionnaireVersion: questionnaire.version,
        answers: answers as unknown as object[],
        score,
        grade,
        assessedAt: now,
        expiresAt,
        channel: customer.channel,
      },
    });
  });
}

/** A customer's assessments, newest first. */
export function riskAssessmentHistory(prisma: PrismaClient, customerId: string, first: number): Promise<RiskAssessmentRecord[]> {
  return prisma.riskAssessmentRecord.findMany({
    where: { customerId },
    orderBy: [{ assessedAt: 'desc' }, { id: 'asc' }],
    take: first,
  });
}
