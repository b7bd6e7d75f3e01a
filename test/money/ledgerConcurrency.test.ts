/**
 * The ledger under concurrency, through the account center's internal operation (a service
 * credential, as finance calls it): 1,000 concurrent debits draining one account, and a storm of
 * random transfers in both directions between accounts (lock-order deadlocks are retried).
 * Invariants after each: no customer account below zero, the sum of every balance (customer + GL)
 * unchanged at 0.00, every entry balanced, no (order, leg) posted twice.
 *
 * @longRunning
 */
import { randomUUID } from 'node:crypto';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { balances, ledgerAudit } from './helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const POST = 'mutation($input: LedgerEntryInput!) { postLedgerEntry(input: $input) { entryId created } }';

describe('ledger under concurrency', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const post = (orderId: string, from: string, to: string, amount: string) =>
    platform.callCenter<{ postLedgerEntry: { entryId: string } }>('account', POST, {
      as: { service: 'finance', scopes: ['account:ledger:post'] },
      variables: {
        input: {
          orderId,
          kind: 'TRANSFER',
          legs: [
            { accountId: from, direction: 'DEBIT', amount },
            { accountId: to, direction: 'CREDIT', amount },
          ],
        },
      },
    });

  it('1,000 concurrent transfers draining one account never take it below zero', async () => {
    const liToken = await platform.login(li.mobile);
    const start = BigInt((await balances(platform, liToken))[li.accounts[0]!.id]!.replace('.', ''));
    const answers = await Promise.all(
      Array.from({ length: 1000 }, () => post(randomUUID(), li.accounts[0]!.id, zhang.accounts[0]!.id, '30.00')),
    );
    const posted = answers.filter((answer) => answer.body.data?.postLedgerEntry).length;
    const refused = answers.filter((answer) => answer.body.errors?.[0]?.extensions?.code === 'INSUFFICIENT_FUNDS').length;
    expect(posted + refused).toBe(1000);
    // Exactly as many as the balance allows went through; what is left is less than one more.
    expect(BigInt(posted)).toBe(start / 3000n);
    const left = BigInt((await balances(platform, liToken))[li.accounts[0]!.id]!.replace('.', ''));
    expect(left).toBe(start - BigInt(posted) * 3000n);
    expect(await ledgerAudit(platform)).toEqual({
      sumOfAllBalances: '0.00',
      unbalancedEntries: 0,
      overdrawnCustomerAccounts: 0,
      duplicatePostings: 0,
    });
  });

  it('a storm of random transfers both ways, with retried order ids, keeps every invariant', async () => {
    const accounts = [zhang.accounts[0]!.id, zhang.accounts[1]!.id, li.accounts[0]!.id, 'gl-cash', 'gl-merchant-settlement'];
    const orderIds = Array.from({ length: 150 }, () => randomUUID());
    const pick = () => accounts[Math.floor(Math.random() * accounts.length)]!;
    const jobs = Array.from({ length: 600 }, (_unused, index) => {
      let from = pick();
      let to = pick();
      while (to === from) to = pick();
      if (index % 2) [from, to] = [to, from];
      // Order ids repeat: a retried order must answer its first entry, never post again.
      return post(orderIds[index % orderIds.length]!, from, to, `${1 + (index % 50)}.${String(index % 100).padStart(2, '0')}`);
    });
    const answers = await Promise.all(jobs);
    const unexpected = answers.filter(
      (answer) => answer.body.errors && !['INSUFFICIENT_FUNDS'].includes(String(answer.body.errors[0]?.extensions?.code)),
    );
    expect(unexpected.map((answer) => answer.body.errors?.[0]?.message)).toEqual([]);
    expect(await ledgerAudit(platform)).toEqual({
      sumOfAllBalances: '0.00',
      unbalancedEntries: 0,
      overdrawnCustomerAccounts: 0,
      duplicatePostings: 0,
    });
  });
});
