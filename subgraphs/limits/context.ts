import DataLoader from 'dataloader';
import type { BaseContext } from '../kit/server/center';
import { rowGroupsByKey } from '../kit/loaders';
import type { PrismaClient } from './__generated__/prisma/client';
import { AccountCenterClient, createAccountCenterClient } from '../account/client';
import { createFinanceCenterClient } from '../finance/client';
import { createProductCenterClient } from '../product/client';
import { ChallengeTokenClient, createAuthCenterClient } from '../auth/client';
import { createUserCenterClient } from '../user/client';
import type { CreditDeps } from './service/credit/deps';
import { SignedAgreementRecord, findSignedAgreementsOf } from './service/agreements';
import type { AccountClassHolding, BankLimitRule } from './service/effectiveLimits';
import { CustomerLimitRow, findBankLimitRules, findCustomerLimitsOf } from './service/limitRules';

export interface LimitsContext extends BaseContext {
  prisma: PrismaClient;
  /** The bank's limit rules, read at most once per request. */
  bankLimitRules: () => Promise<BankLimitRule[]>;
  customerLimitsByCustomer: DataLoader<string, CustomerLimitRow[]>;
  signedAgreementsByCustomer: DataLoader<string, SignedAgreementRecord[]>;
  /** Account classes from the account center: at most one call per customer per request. */
  accountClassesByCustomer: DataLoader<string, AccountClassHolding[]>;
  /** What applications and repayments need: this store, the product, user and finance centers, time. */
  credit: CreditDeps;
  /** Step-up tokens for raising a limit are consumed by the auth center. */
  auth: ChallengeTokenClient;
}

export interface LimitsContextOptions {
  /** Replaces the account center client (tests). */
  accountCenter?: Pick<AccountCenterClient, 'customerAccountClasses'>;
}

export function createLimitsContext(base: BaseContext, prisma: PrismaClient, options: LimitsContextOptions = {}): LimitsContext {
  const accountCenter = options.accountCenter ?? createAccountCenterClient('limits', base.clock);
  return {
    ...base,
    prisma,
    credit: {
      prisma,
      products: createProductCenterClient('limits', base.clock),
      identities: createUserCenterClient('limits', base.clock),
      finance: createFinanceCenterClient('limits', base.clock),
      accounts: accountCenter,
      clock: base.clock,
      log: base.log,
    },
    auth: createAuthCenterClient('limits', base.clock),
    bankLimitRules: once(() => findBankLimitRules(prisma)),
    customerLimitsByCustomer: rowGroupsByKey(
      (ids) => findCustomerLimitsOf(prisma, ids),
      (limit) => limit.customerId,
    ),
    signedAgreementsByCustomer: rowGroupsByKey(
      (ids) => findSignedAgreementsOf(prisma, ids),
      (signed) => signed.customerId,
    ),
    // The internal call acts for one customer, so keys are asked one by one; the loader's cache
    // is what keeps a request to one call per customer.
    accountClassesByCustomer: new DataLoader(async (customerIds) => {
      const answers = await Promise.allSettled(customerIds.map((customerId) => accountCenter.customerAccountClasses(customerId)));
      return answers.map((answer) => (answer.status === 'fulfilled' ? answer.value : toError(answer.reason)));
    }),
  };
}

/** Runs `load` on first use and shares the promise afterwards. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= load());
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
