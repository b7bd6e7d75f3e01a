/**
 * The bank's risk-tolerance questionnaire (个人客户风险承受能力评估问卷), version 2026.1: ten single-choice
 * questions on the customer's situation, experience, goals and attitude to loss, each option scored
 * 0–10. The total (6–100) falls into one of five grades, C1 (保守型) to C5 (激进型), as 《商业银行理财业务
 * 监督管理办法》(原银保监会令2018年第6号) art. 26 requires ("由低到高至少包括一级至五级"). Whoever cannot bear any
 * loss of principal is C1 whatever the total: the answer to question 9 caps the grade.
 *
 * Reference data (seeded in every mode by ../referenceData.ts). A published version is never edited:
 * changed questions, options or scores are a new version, so every stored assessment can be re-read
 * against the text the customer answered.
 */
import type { RiskGrade } from '../__generated__/prisma/client';

export interface RiskQuestionOption {
  code: string;
  text: string;
  score: number;
  /** Answering this option limits the grade to at most this one, whatever the total. */
  capsGradeAt?: RiskGrade;
}

export interface RiskQuestion {
  code: string;
  text: string;
  options: RiskQuestionOption[];
}

export interface GradeBand {
  grade: RiskGrade;
  /** The lowest total score of the grade; a grade runs up to the next band's minimum. */
  minScore: number;
}

export interface RiskQuestionnaireContent {
  version: string;
  title: string;
  effectiveAt: Date;
  questions: RiskQuestion[];
  gradeBands: GradeBand[];
}

const options = (...choices: [string, number, RiskGrade?][]): RiskQuestionOption[] =>
  choices.map(([text, score, capsGradeAt], index) => ({
    code: String.fromCharCode(65 + index),
    text,
    score,
    ...(capsGradeAt ? { capsGradeAt } : {}),
  }));

export const RISK_QUESTIONNAIRE_2026_1: RiskQuestionnaireContent = {
  version: '2026.1',
  title: '个人客户风险承受能力评估问卷',
  effectiveAt: new Date('2026-01-01T00:00:00.000+08:00'),
  questions: [
    {
      code: 'Q1',
      text: '您的年龄是？',
      options: options(['18–30岁', 8], ['31–50岁', 10], ['51–60岁', 6], ['61–70岁', 2], ['70岁以上', 0]),
    },
    {
      code: 'Q2',
      text: '您的家庭年收入（折合人民币）为？',
      options: options(['10万元以下', 2], ['10万–30万元', 4], ['30万–50万元', 6], ['50万–100万元', 8], ['100万元以上', 10]),
    },
    {
      code: 'Q3',
      text: '您的主要收入来源是？',
      options: options(
        ['无固定收入（如学生、待业）', 0],
        ['收入不稳定（如个体经营、自由职业）', 4],
        ['工资、退休金等稳定收入', 7],
        ['稳定收入，另有租金、投资等收入', 10],
      ),
    },
    {
      code: 'Q4',
      text: '除住房按揭外，您的家庭负债约占家庭年收入的比例为？',
      options: options(['没有负债', 10], ['50%以下', 6], ['50%–100%', 3], ['100%以上', 0]),
    },
    {
      code: 'Q5',
      text: '您投资股票、基金、外汇、金融衍生品等风险投资品的经验有多少年？',
      options: options(['没有经验', 0], ['2年以内', 3], ['2–5年', 6], ['5–8年', 8], ['8年以上', 10]),
    },
    {
      code: 'Q6',
      text: '您投资过的风险最高的产品是？',
      options: options(
        ['仅银行存款、国债', 0],
        ['银行低风险理财产品、货币市场基金', 3],
        ['债券基金、混合类理财产品', 6],
        ['股票、股票型基金', 8],
        ['期货、期权等金融衍生品', 10],
      ),
    },
    {
      code: 'Q7',
      text: '您投资的主要目的是？',
      options: options(
        ['保障本金安全，取得略高于存款的收益', 2],
        ['取得稳定收益，可以接受小幅波动', 5],
        ['追求较高收益，可以接受较大波动', 8],
        ['追求高收益，可以接受本金大部分损失', 10],
      ),
    },
    {
      code: 'Q8',
      text: '您计划的投资期限是？',
      options: options(['1年以内', 2], ['1–3年', 5], ['3–5年', 8], ['5年以上', 10]),
    },
    {
      code: 'Q9',
      text: '您能承受的最大投资本金损失是？',
      options: options(['不能承受任何本金损失', 0, 'C1'], ['10%以内', 3], ['10%–30%', 6], ['30%–50%', 8], ['50%以上', 10]),
    },
    {
      code: 'Q10',
      text: '如果您的投资在一个月内下跌20%，您会？',
      options: options(['全部卖出，避免继续亏损', 0], ['卖出一部分', 3], ['继续持有，等待回升', 7], ['逢低买入更多', 10]),
    },
  ],
  gradeBands: [
    { grade: 'C1', minScore: 0 },
    { grade: 'C2', minScore: 21 },
    { grade: 'C3', minScore: 41 },
    { grade: 'C4', minScore: 61 },
    { grade: 'C5', minScore: 81 },
  ],
};

/** Every version the bank has published, oldest first. */
export const RISK_QUESTIONNAIRES: readonly RiskQuestionnaireContent[] = [RISK_QUESTIONNAIRE_2026_1];
