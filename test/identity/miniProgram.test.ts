import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, latestSmsCode } from './helpers';

/**
 * Mini-program identity with the sandbox providers: a WeChat or Alipay identity is bound to a customer
 * once (signed in with the password, plus an SMS challenge), then a fresh code signs the customer in
 * on that mini-program's channel only.
 */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const START = 'mutation($purpose: ChallengePurpose!) { startChallenge(purpose: $purpose) { id method } }';
const VERIFY = 'mutation($id: ID!, $proof: ChallengeProofInput!) { verifyChallenge(id: $id, proof: $proof) { token } }';
const BIND = 'mutation($code: String!, $t: String!) { bindMiniProgram(code: $code, challengeToken: $t) { platform boundAt } }';
const LOGIN =
  'mutation($code: String!) { loginWithMiniProgram(code: $code, device: { deviceId: "mini-1", platform: "WECHAT" }) { accessToken userId } }';

/** `miniProgramCode`: once the customer has bound the platform, a fresh code of that identity proves the device. */
async function bindingToken(channel: string, mobile: string, miniProgramCode?: string) {
  const token = await platform.login(mobile, channel as 'WECHAT_MINI', miniProgramCode ? { miniProgramCode } : undefined);
  const start = await platform.query<{ startChallenge: { id: string; method: string } }>(START, {
    token,
    channel,
    variables: { purpose: 'BIND_MINI_PROGRAM' },
  });
  expect(start.body.data?.startChallenge.method).toBe('SMS');
  const code = await latestSmsCode(platform, mobile);
  const verified = await platform.query<{ verifyChallenge: { token: string } }>(VERIFY, {
    token,
    channel,
    variables: { id: start.body.data!.startChallenge.id, proof: { code } },
  });
  return { token, challengeToken: verified.body.data!.verifyChallenge.token };
}

const loginOn = (channel: string, code: string) =>
  platform.query<{ loginWithMiniProgram: { accessToken: string; userId: string } }>(LOGIN, { channel, variables: { code } });

test('an unbound WeChat identity cannot sign in', async () => {
  expect(codeOf((await loginOn('WECHAT_MINI', 'wx_sandbox_zhang.first')).body)).toBe('MINI_PROGRAM_NOT_BOUND');
});

test('after binding with an SMS check, a fresh WeChat code signs the customer in on WECHAT_MINI', async () => {
  const { token, challengeToken } = await bindingToken('WECHAT_MINI', zhang!.mobile);
  const bound = await platform.query<{ bindMiniProgram: { platform: string } }>(BIND, {
    token,
    channel: 'WECHAT_MINI',
    variables: { code: 'wx_sandbox_zhang.bind', t: challengeToken },
  });
  expect(bound.body.data?.bindMiniProgram.platform).toBe('WECHAT');

  const { body } = await loginOn('WECHAT_MINI', 'wx_sandbox_zhang.login');
  expect(body.data?.loginWithMiniProgram.userId).toBe(zhang!.id);
  const me = await platform.query<{ me: { id: string } }>('{ me { id } }', {
    token: body.data!.loginWithMiniProgram.accessToken,
    channel: 'WECHAT_MINI',
  });
  expect(me.body.data?.me.id).toBe(zhang!.id);
  // The session is bound to the mini-program channel.
  expect(codeOf((await platform.query('{ me { id } }', { token: body.data!.loginWithMiniProgram.accessToken, channel: 'WEB' })).body)).toBe(
    'CHANNEL_MISMATCH',
  );
});

test('a WeChat code cannot sign in on the Alipay channel, nor any code on other channels', async () => {
  expect(codeOf((await loginOn('ALIPAY_MINI', 'wx_sandbox_zhang.cross')).body)).toBe('INVALID_CODE');
  expect(codeOf((await loginOn('MOBILE_APP', 'wx_sandbox_zhang.cross')).body)).toBe('CHANNEL_NOT_ALLOWED');
  expect(codeOf((await loginOn('WEB', 'wx_sandbox_zhang.cross')).body)).toBe('CHANNEL_NOT_ALLOWED');
});

test('an identity binds once: not to a second customer, and a customer binds one identity per platform', async () => {
  const { token, challengeToken } = await bindingToken('WECHAT_MINI', li!.mobile);
  const taken = await platform.query(BIND, {
    token,
    channel: 'WECHAT_MINI',
    variables: { code: 'wx_sandbox_zhang.steal', t: challengeToken },
  });
  expect(codeOf(taken.body)).toBe('IDENTITY_ALREADY_BOUND');
  // The refused attempt did not spend Li's challenge token.
  const own = await platform.query<{ bindMiniProgram: { platform: string } }>(BIND, {
    token,
    channel: 'WECHAT_MINI',
    variables: { code: 'wx_sandbox_li.bind', t: challengeToken },
  });
  expect(own.body.data?.bindMiniProgram.platform).toBe('WECHAT');
  expect((await loginOn('WECHAT_MINI', 'wx_sandbox_li.login')).body.data?.loginWithMiniProgram.userId).toBe(li!.id);

  platform.clock.advance(61 * 1000);
  const second = await bindingToken('WECHAT_MINI', zhang!.mobile, 'wx_sandbox_zhang.again');
  const another = await platform.query(BIND, {
    token: second.token,
    channel: 'WECHAT_MINI',
    variables: { code: 'wx_sandbox_zhang-second.bind', t: second.challengeToken },
  });
  expect(codeOf(another.body)).toBe('IDENTITY_ALREADY_BOUND');
});

test('binding needs the BIND_MINI_PROGRAM challenge token', async () => {
  const token = await platform.login(li!.mobile, 'ALIPAY_MINI');
  const forged = await platform.query(BIND, { token, channel: 'ALIPAY_MINI', variables: { code: 'ali_sandbox_li.bind', t: 'ct_forged' } });
  expect(codeOf(forged.body)).toBe('CHALLENGE_INVALID');
  expect(codeOf((await loginOn('ALIPAY_MINI', 'ali_sandbox_li.login')).body)).toBe('MINI_PROGRAM_NOT_BOUND');
});

test('an Alipay identity binds and signs in on ALIPAY_MINI; its code fails on WECHAT_MINI', async () => {
  platform.clock.advance(61 * 1000);
  const { token, challengeToken } = await bindingToken('ALIPAY_MINI', zhang!.mobile);
  const bound = await platform.query<{ bindMiniProgram: { platform: string } }>(BIND, {
    token,
    channel: 'ALIPAY_MINI',
    variables: { code: 'ali_sandbox_zhang.bind', t: challengeToken },
  });
  expect(bound.body.data?.bindMiniProgram.platform).toBe('ALIPAY');
  expect((await loginOn('ALIPAY_MINI', 'ali_sandbox_zhang.login')).body.data?.loginWithMiniProgram.userId).toBe(zhang!.id);
  expect(codeOf((await loginOn('WECHAT_MINI', 'ali_sandbox_zhang.login')).body)).toBe('INVALID_CODE');
});
