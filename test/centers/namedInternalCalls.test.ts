/**
 * Center-to-center calls are named operations from the callee's published documents, so a
 * transfer's calls appear under their names in each callee's metrics (and access log).
 */
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { transferBetween } from '../money/helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];

describe('named internal calls', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const metricsOf = async (center: 'account' | 'limits' | 'auth') => (await fetch(platform.centers[center]!.metricsUrl!)).text();
  /** Requests finance made to `center` under `operation`, summed over statuses. */
  const countOf = (metrics: string, center: string, operation: string) =>
    metrics
      .split('\n')
      .filter(
        (line) =>
          line.startsWith('bank_graphql_requests_total{') &&
          line.includes(`operation="${operation}"`) &&
          line.includes(`service="${center}-center"`) &&
          line.includes('channel="service:finance"'),
      )
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);

  it("shows each call of a transfer under its operation name in the callee's metrics", async () => {
    const before = { account: await metricsOf('account'), limits: await metricsOf('limits'), auth: await metricsOf('auth') };
    const token = await platform.login(zhang.mobile);
    const body = await transferBetween(platform, token, zhang, li, '1.00');
    expect(body.errors).toBeUndefined();
    expect(body.data!.createTransfer.__typename).toBe('TransferCompleted');

    const after = { account: await metricsOf('account'), limits: await metricsOf('limits'), auth: await metricsOf('auth') };
    const grew = (center: keyof typeof before, operation: string) =>
      countOf(after[center], center, operation) - countOf(before[center], center, operation);
    expect(grew('account', 'TransferParties')).toBe(1);
    expect(grew('account', 'PostLedgerEntry')).toBe(1);
    expect(grew('limits', 'ReserveLimit')).toBe(1);
    expect(grew('limits', 'CommitLimitReservation')).toBe(1);
    expect(grew('auth', 'AssessRisk')).toBe(1);
    // No center answered an unnamed internal call.
    for (const center of ['account', 'limits'] as const)
      expect(countOf(after[center], center, 'anonymous')).toBe(countOf(before[center], center, 'anonymous'));
  });
});
