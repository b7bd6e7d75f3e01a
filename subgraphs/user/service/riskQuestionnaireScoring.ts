/**
 * Checks a customer's answers against one questionnaire version and scores them. Pure: the
 * questionnaire comes from the caller, so every version scores by its own options and bands.
 *
 * Refusals are BAD_USER_INPUT with the field path and a stable `reason` a channel can act on:
 * UNKNOWN_QUESTION, UNKNOWN_OPTION, DUPLICATE_ANSWER (`input.answers.<i>.…`) and MISSING_ANSWERS
 * (`input.answers`, with `missingQuestions`). Every question must be answered exactly once.
 */
import { ErrorCode, bankError } from '../../../platform/errors';
import type { RiskGrade } from '../__generated__/prisma/client';
import type { RiskQuestionnaireContent } from './riskQuestionnaireContent';

export interface RiskAnswer {
  questionCode: string;
  optionCode: string;
}

export interface RiskScore {
  score: number;
  grade: RiskGrade;
  /** The answers in the questionnaire's order, as stored with the assessment. */
  answers: RiskAnswer[];
}

export type QuestionnaireRefusal = 'UNKNOWN_QUESTION' | 'UNKNOWN_OPTION' | 'DUPLICATE_ANSWER' | 'MISSING_ANSWERS';

const refuse = (reason: QuestionnaireRefusal, message: string, field: (string | number)[], details: Record<string, unknown> = {}) =>
  bankError(ErrorCode.BadUserInput, message, { field, details: { reason, ...details } });

const gradeRank = (grade: RiskGrade) => Number(grade.slice(1));

export function scoreRiskQuestionnaire(questionnaire: RiskQuestionnaireContent, answers: readonly RiskAnswer[]): RiskScore {
  const chosen = new Map<string, { index: number; optionCode: string }>();
  answers.forEach((answer, index) => {
    const question = questionnaire.questions.find((candidate) => candidate.code === answer.questionCode);
    if (!question) throw refuse('UNKNOWN_QUESTION', '问卷中没有该题目', ['input', 'answers', index, 'questionCode']);
    if (chosen.has(question.code)) throw refuse('DUPLICATE_ANSWER', '同一题目只能作答一次', ['input', 'answers', index, 'questionCode']);
    if (!question.options.some((option) => option.code === answer.optionCode))
      throw refuse('UNKNOWN_OPTION', '该题目没有这个选项', ['input', 'answers', index, 'optionCode']);
    chosen.set(question.code, { index, optionCode: answer.optionCode });
  });
  const missing = questionnaire.questions.filter((question) => !chosen.has(question.code)).map((question) => question.code);
  if (missing.length > 0) throw refuse('MISSING_ANSWERS', '请回答全部题目', ['input', 'answers'], { missingQuestions: missing });

  let score = 0;
  let cap: RiskGrade | undefined;
  const ordered: RiskAnswer[] = [];
  for (const question of questionnaire.questions) {
    const optionCode = chosen.get(question.code)!.optionCode;
    const option = question.options.find((candidate) => candidate.code === optionCode)!;
    score += option.score;
    if (option.capsGradeAt && (!cap || gradeRank(option.capsGradeAt) < gradeRank(cap))) cap = option.capsGradeAt;
    ordered.push({ questionCode: question.code, optionCode });
  }
  const band = [...questionnaire.gradeBands].reverse().find((candidate) => score >= candidate.minScore);
  if (!band) throw new Error(`questionnaire ${questionnaire.version} has no grade for score ${score}`);
  const grade = cap && gradeRank(cap) < gradeRank(band.grade) ? cap : band.grade;
  return { score, grade, answers: ordered };
}
