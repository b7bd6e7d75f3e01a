/**
 * A customer's transfer limits across channels, through the channels' trusted documents: a limit set
 * for every channel at once holds on each of them (the lowest of the bank's rule, the channel's own
 * and the all-channel limit), lowering works anywhere at once, and raising — from any channel — needs
 * a LIMIT_CHANGE step-up bound to exactly that change.
 */
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import type { ChannelName } from '../../platform/identity/identity';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { latestSmsCode } from '../identity/helpers';
import { CREATE_TRANSFER, TransferAnswer, newKey } from '../money/helpers';
import { startTestPlatform, TestPlatform } from '../support/platform';

const zhang = DEMO_CUSTOMERS[0]!;
const li = DEMO_CUSTOMERS[1]!;

interface LimitView {
  scope: string;
  period: string;
  channel: string | null;
  amount: { amount: string };
  source: string;
}

describe('limits across channels', () => {
  let platform: TestPlatform;
  const tokens: Partial<Record<ChannelName, string>> = {};
  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
    for (const channel of ['MOBILE_APP', 'WEB', 'WECHAT_MINI'] as const) tokens[channel] = await platform.login(zhang.mobile, channel);
  });
  afterAll(() => platform?.stop());

  const run = <Data>(channel: ChannelName, operation: string, variables: Record<string, unknown> = {}) =>
    platform.query<Data>(readOperationDocument(channel, operation), { token: tokens[channel], channel, variables });

  const setMyLimit = (channel: ChannelName, variables: Record<string, unknown>) =>
    run<{ setMyLimit: LimitView }>(channel, 'SetMyLimit', variables);

  async function channelLimit(channel: ChannelName, period: string): Promise<LimitView | undefined> {
    const { body } = await run<{ limits: LimitView[] }>(channel, 'MyLimits');
    expect(body.errors).toBeUndefined();
    return body.data!.limits.find((limit) => limit.channel === channel && limit.period === period);
  }

  async function passLimitChallenge(channel: ChannelName, context: Record<string, string>): Promise<string> {
    const started = await run<{ startChallenge: { id: string; method: string } }>(channel, 'StartChallenge', {
      purpose: 'LIMIT_CHANGE',
      context,
    });
    expect(started.body.errors).toBeUndefined();
    const verified = await run<{ verifyChallenge: { token: string } }>(channel, 'VerifyChallenge', {
      id: started.body.data!.startChallenge.id,
      proof: { code: await latestSmsCode(platform, zhang.mobile) },
    });
    expect(verified.body.errors).toBeUndefined();
    return verified.body.data!.verifyChallenge.token;
  }

  it('a daily limit lowered for all channels on the app holds on the web, and the web cannot raise it without a step-up', async () => {
    const lowered = await setMyLimit('MOBILE_APP', { channel: null, period: 'DAILY', amount: '1000.00' });
    expect(lowered.body.errors).toBeUndefined();
    expect(lowered.body.data!.setMyLimit).toMatchObject({
      channel: null,
      period: 'DAILY',
      amount: { amount: '1000.00' },
      source: 'CUSTOMER',
    });

    expect(await channelLimit('WEB', 'DAILY')).toMatchObject({ amount: { amount: '1000.00' }, source: 'CUSTOMER' });
    expect(await channelLimit('WECHAT_MINI', 'DAILY')).toMatchObject({ amount: { amount: '1000.00' }, source: 'CUSTOMER' });

    // The web's own limit, set higher, does not lift the all-channel one: the lowest applies.
    const webOwn = await setMyLimit('WEB', { channel: 'WEB', period: 'DAILY', amount: '3000.00' });
    expect(webOwn.body.errors).toBeUndefined();
    expect(await channelLimit('WEB', 'DAILY')).toMatchObject({ amount: { amount: '1000.00' } });

    const raise = await setMyLimit('WEB', { channel: null, period: 'DAILY', amount: '100000.00' });
    expect(raise.body.errors?.[0]?.extensions).toMatchObject({
      code: 'STEP_UP_REQUIRED',
      purpose: 'LIMIT_CHANGE',
      context: { limitChannel: 'ALL', limitPeriod: 'DAILY', amount: '100000.00' },
    });
    expect(await channelLimit('WEB', 'DAILY')).toMatchObject({ amount: { amount: '1000.00' } });

    // Enforced where money moves: a 2,000.00 transfer on the web is over the all-channel daily limit.
    const transfer = await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
      token: tokens.WEB,
      channel: 'WEB',
      variables: {
        input: {
          idempotencyKey: newKey(),
          fromAccountId: zhang.accounts[0]!.id,
          toAccountNumber: li.accounts[0]!.number,
          toName: li.name,
          amount: '2000.00',
        },
      },
    });
    expect(transfer.body.data!.createTransfer).toMatchObject({ __typename: 'TransferRejected', code: 'LIMIT_EXCEEDED' });
  });

  it('raising goes through a LIMIT_CHANGE challenge bound to the channel, period and amount, used once', async () => {
    const token = await passLimitChallenge('WEB', { limitChannel: 'ALL', limitPeriod: 'DAILY', amount: '100000.00' });

    const other = await setMyLimit('WEB', { channel: null, period: 'DAILY', amount: '200000.00', challengeToken: token });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'CHALLENGE_FAILED' });
    const otherChannel = await setMyLimit('WEB', { channel: 'WEB', period: 'DAILY', amount: '100000.00', challengeToken: token });
    expect(otherChannel.body.errors?.[0]?.extensions).toMatchObject({ code: 'CHALLENGE_FAILED' });

    const raised = await setMyLimit('WEB', { channel: null, period: 'DAILY', amount: '100000.00', challengeToken: token });
    expect(raised.body.errors).toBeUndefined();
    expect(raised.body.data!.setMyLimit).toMatchObject({ channel: null, amount: { amount: '100000.00' } });
    // The web's own 3,000.00 is now the lowest there; the app's is the bank's or the new all-channel value.
    expect(await channelLimit('WEB', 'DAILY')).toMatchObject({ amount: { amount: '3000.00' } });

    const again = await setMyLimit('WEB', { channel: null, period: 'DAILY', amount: '100000.00', challengeToken: token });
    expect(again.body.data?.setMyLimit).toMatchObject({ amount: { amount: '100000.00' } }); // same value: not a raise
    const reused = await setMyLimit('WEB', { channel: 'WEB', period: 'DAILY', amount: '5000.00', challengeToken: token });
    expect(reused.body.errors?.[0]?.extensions).toMatchObject({ code: 'CHALLENGE_FAILED' }); // consumed
  });

  it('lowering works on any channel at once; raising a single channel needs a step-up too', async () => {
    const lower = await setMyLimit('WECHAT_MINI', { channel: 'WECHAT_MINI', period: 'SINGLE', amount: '100.00' });
    expect(lower.body.errors).toBeUndefined();
    expect(await channelLimit('WECHAT_MINI', 'SINGLE')).toMatchObject({ amount: { amount: '100.00' }, source: 'CUSTOMER' });

    const raise = await setMyLimit('MOBILE_APP', { channel: 'WECHAT_MINI', period: 'SINGLE', amount: '200.00' });
    expect(raise.body.errors?.[0]?.extensions).toMatchObject({ code: 'STEP_UP_REQUIRED', context: { limitChannel: 'WECHAT_MINI' } });
    platform.clock.advance(60_000); // one SMS code a minute per customer
    const token = await passLimitChallenge('MOBILE_APP', { limitChannel: 'WECHAT_MINI', limitPeriod: 'SINGLE', amount: '200.00' });
    const raised = await setMyLimit('MOBILE_APP', { channel: 'WECHAT_MINI', period: 'SINGLE', amount: '200.00', challengeToken: token });
    expect(raised.body.errors).toBeUndefined();
    expect(await channelLimit('WECHAT_MINI', 'SINGLE')).toMatchObject({ amount: { amount: '200.00' } });
  });
});
