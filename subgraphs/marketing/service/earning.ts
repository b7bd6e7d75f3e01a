/**
 * How many points a completed order earns: one table, by order kind (and, for a transfer, its
 * route). The marketing README shows the same table, and a test holds the two equal.
 *
 * Points reward money that leaves the customer for good — paying someone, a bill, a phone. Money
 * that stays the customer's earns nothing: moving it between their own accounts, parking it in a
 * deposit or a wealth product, and taking it back (a withdrawal, a redemption), or borrowed money
 * and its repayment; otherwise a loop of open-and-withdraw, buy-and-redeem or own transfers would
 * mint points. A kind not in the table earns nothing.
 *
 * What an order earned is written on its points entry; a reversal takes back that entry's amount,
 * never a recomputation, so a later change to this table cannot make a reversal take back more or
 * less than was given.
 */

export interface EarningRule {
  /** Finance's order kind. */
  orderKind: string;
  /** A transfer's route (OWN, SAME_BANK, OTHER_BANK); absent: any order of the kind. */
  route?: string;
  /** Fen per point (one point per this many fen, rounded down); null earns nothing. */
  fenPerPoint: bigint | null;
}

/** One point per 10.00 yuan. */
const PER_TEN_YUAN = 10_00n;

export const EARNING_TABLE: readonly EarningRule[] = [
  { orderKind: 'TRANSFER', route: 'SAME_BANK', fenPerPoint: PER_TEN_YUAN },
  { orderKind: 'TRANSFER', route: 'OTHER_BANK', fenPerPoint: PER_TEN_YUAN },
  { orderKind: 'TRANSFER', route: 'OWN', fenPerPoint: null },
  { orderKind: 'BILL_PAYMENT', fenPerPoint: PER_TEN_YUAN },
  { orderKind: 'TOP_UP', fenPerPoint: PER_TEN_YUAN },
  { orderKind: 'DEPOSIT_OPEN', fenPerPoint: null },
  { orderKind: 'DEPOSIT_WITHDRAWAL', fenPerPoint: null },
  { orderKind: 'WEALTH_PURCHASE', fenPerPoint: null },
  { orderKind: 'WEALTH_REDEMPTION', fenPerPoint: null },
  { orderKind: 'LOAN_DISBURSEMENT', fenPerPoint: null },
  { orderKind: 'LOAN_REPAYMENT', fenPerPoint: null },
];

/** The rule for an order: its kind and route's, else its kind's without a route; undefined when the table has neither. */
export function earningRule(table: readonly EarningRule[], orderKind: string, route?: string | null): EarningRule | undefined {
  return (
    table.find((rule) => rule.orderKind === orderKind && rule.route !== undefined && rule.route === route) ??
    table.find((rule) => rule.orderKind === orderKind && rule.route === undefined)
  );
}

/** Whole points a completed order earns under `table`. */
export function pointsEarned(
  table: readonly EarningRule[],
  order: { orderKind: string; route?: string | null; amountFen: bigint },
): number {
  const fenPerPoint = earningRule(table, order.orderKind, order.route)?.fenPerPoint;
  if (!fenPerPoint || order.amountFen <= 0n) return 0;
  return Number(order.amountFen / fenPerPoint);
}
