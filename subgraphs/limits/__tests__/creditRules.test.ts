import { CREDIT_RULE_SETS } from '../seedCredit';
import { CardRuleParams, LoanFacts, LoanRuleParams, decideCreditCard, decideLoan } from '../service/credit/creditRules';

const loanRules = CREDIT_RULE_SETS.find((set) => set.kind === 'LOAN')!.params as unknown as LoanRuleParams;
const cardRules = CREDIT_RULE_SETS.find((set) => set.kind === 'CREDIT_CARD')!.params as unknown as CardRuleParams;

const loan = (facts: Partial<LoanFacts>): LoanFacts => ({
  kycLevel: 'FULL',
  activeLoans: 0,
  outstandingOnProduct: 0n,
  recentApplications: 0,
  amount: 10_000_00n,
  termMonths: 12,
  productMaxAmount: 300_000_00n,
  ...facts,
});

describe('loan decision rules (LOAN-2026.1)', () => {
  it('approves a verified customer with a small amount, recording the score', () => {
    expect(decideLoan(loanRules, loan({}))).toEqual({ status: 'APPROVED', reasonCode: 'APPROVED', reason: '自动审批通过', score: 90 });
  });

  it.each<[string, Partial<LoanFacts>]>([
    ['IDENTITY_NOT_VERIFIED', { kycLevel: 'BASIC' }],
    ['IDENTITY_NOT_VERIFIED', { kycLevel: null }],
    ['TOO_MANY_RECENT_APPLICATIONS', { recentApplications: 5 }],
    ['TOO_MANY_ACTIVE_LOANS', { activeLoans: 3 }],
    ['EXPOSURE_ABOVE_PRODUCT_MAX', { outstandingOnProduct: 40_000_00n, amount: 280_000_00n }],
    ['SCORE_BELOW_THRESHOLD', { activeLoans: 1, amount: 200_000_00n }],
  ])('rejects with %s', (reasonCode, facts) => {
    const decision = decideLoan(loanRules, loan(facts));
    expect(decision).toMatchObject({ status: 'REJECTED', reasonCode });
    expect(decision.reason).toBeTruthy();
  });

  it('scores the amount share, the term and existing loans by the version’s weights', () => {
    expect(decideLoan(loanRules, loan({ amount: 100_000_00n })).score).toBe(20 + 30 + 15 + 10);
    expect(decideLoan(loanRules, loan({ termMonths: 6 })).score).toBe(20 + 30 + 30 + 10 + 10);
    expect(decideLoan(loanRules, loan({ kycLevel: 'STANDARD', activeLoans: 1, amount: 200_000_00n })).reasonCode).toBe(
      'SCORE_BELOW_THRESHOLD',
    );
    expect(decideLoan(loanRules, loan({ outstandingOnProduct: 290_000_00n, amount: 10_000_00n })).status).toBe('APPROVED');
  });
});

describe('credit-card decision rules (CARD-2026.1)', () => {
  const facts = { kycLevel: 'FULL' as const, activeLoans: 0, recentApplications: 0, holdsSameProduct: false };
  it('grants the card type’s line to a customer above the type’s bar', () => {
    expect(decideCreditCard(cardRules, { ...facts, cardType: 'PLATINUM' })).toMatchObject({
      status: 'APPROVED',
      score: 80,
      creditLimit: 100_000_00n,
    });
    expect(decideCreditCard(cardRules, { ...facts, activeLoans: 1, cardType: 'GOLD' })).toMatchObject({
      status: 'APPROVED',
      score: 70,
      creditLimit: 30_000_00n,
    });
  });
  it('rejects below the PLATINUM bar, a card already held, and unverified customers', () => {
    expect(decideCreditCard(cardRules, { ...facts, activeLoans: 1, cardType: 'PLATINUM' })).toMatchObject({
      status: 'REJECTED',
      reasonCode: 'SCORE_BELOW_THRESHOLD',
      creditLimit: null,
    });
    expect(decideCreditCard(cardRules, { ...facts, holdsSameProduct: true, cardType: 'GOLD' })).toMatchObject({
      status: 'REJECTED',
      reasonCode: 'CARD_ALREADY_HELD',
    });
    expect(decideCreditCard(cardRules, { ...facts, kycLevel: 'BASIC', cardType: 'CLASSIC' })).toMatchObject({
      status: 'REJECTED',
      reasonCode: 'IDENTITY_NOT_VERIFIED',
    });
  });
});
