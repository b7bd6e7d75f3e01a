import type { GraphQLError } from 'graphql';
import { assessmentExpiry } from '../service/riskQuestionnaires';
import { RISK_QUESTIONNAIRE_2026_1 } from '../service/riskQuestionnaireContent';
import { RiskAnswer, scoreRiskQuestionnaire } from '../service/riskQuestionnaireScoring';

const answersOf = (options: string): RiskAnswer[] =>
  [...options].map((optionCode, index) => ({ questionCode: `Q${index + 1}`, optionCode }));
const score = (options: string) => scoreRiskQuestionnaire(RISK_QUESTIONNAIRE_2026_1, answersOf(options));

function refusal(answers: RiskAnswer[]): Record<string, unknown> {
  try {
    scoreRiskQuestionnaire(RISK_QUESTIONNAIRE_2026_1, answers);
  } catch (error) {
    return (error as GraphQLError).extensions;
  }
  throw new Error('the answers were accepted');
}

describe('the 2026.1 questionnaire', () => {
  test('has ten questions, each option scored 0–10, and totals from 6 to 100, graded C1 to C5', () => {
    expect(RISK_QUESTIONNAIRE_2026_1.questions).toHaveLength(10);
    const maxima = RISK_QUESTIONNAIRE_2026_1.questions.map((question) => Math.max(...question.options.map((option) => option.score)));
    const minima = RISK_QUESTIONNAIRE_2026_1.questions.map((question) => Math.min(...question.options.map((option) => option.score)));
    expect(maxima.reduce((sum, value) => sum + value, 0)).toBe(100);
    expect(minima.reduce((sum, value) => sum + value, 0)).toBe(6);
    expect(RISK_QUESTIONNAIRE_2026_1.gradeBands.map((band) => band.grade)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
  });
});

describe('scoreRiskQuestionnaire', () => {
  test.each([
    ['EBACBAABBA', 20, 'C1'],
    ['EBAAAAAABA', 21, 'C2'],
    ['CBCAABBABA', 40, 'C2'],
    ['CBCAABBABB', 43, 'C3'],
    ['BCCACCCBCB', 67, 'C4'],
    ['BEDAEEDDEC', 97, 'C5'],
  ])('%s scores %i: %s', (options, total, grade) => {
    expect(score(options)).toMatchObject({ score: total, grade });
  });

  test('whoever cannot bear any loss of principal is C1 whatever the total', () => {
    expect(score('BEDAEEDDAD')).toMatchObject({ score: 90, grade: 'C1' });
  });

  test('keeps the answers in the questionnaire’s order, whatever order they came in', () => {
    const answers = answersOf('BCCACCCBCB');
    expect(scoreRiskQuestionnaire(RISK_QUESTIONNAIRE_2026_1, [...answers].reverse()).answers).toEqual(answers);
  });

  test('refuses bad answers with the field and the reason', () => {
    const valid = answersOf('BCCACCCBCB');
    expect(refusal([{ questionCode: 'Q0', optionCode: 'A' }, ...valid])).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.answers.0.questionCode',
      reason: 'UNKNOWN_QUESTION',
    });
    expect(refusal([...valid.slice(0, 2), { questionCode: 'Q3', optionCode: 'E' }, ...valid.slice(3)])).toMatchObject({
      field: 'input.answers.2.optionCode',
      reason: 'UNKNOWN_OPTION',
    });
    expect(refusal([...valid, valid[4]!])).toMatchObject({ field: 'input.answers.10.questionCode', reason: 'DUPLICATE_ANSWER' });
    expect(refusal([])).toMatchObject({
      field: 'input.answers',
      reason: 'MISSING_ANSWERS',
      missingQuestions: valid.map((answer) => answer.questionCode),
    });
  });
});

describe('assessmentExpiry', () => {
  test('is the same instant a year later', () => {
    expect(assessmentExpiry(new Date('2026-12-02T02:00:00.000Z'))).toEqual(new Date('2027-12-02T02:00:00.000Z'));
  });
  test('from 29 February, the last day of February a year later', () => {
    expect(assessmentExpiry(new Date('2028-02-29T10:00:00.000Z'))).toEqual(new Date('2029-02-28T10:00:00.000Z'));
  });
});
