import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, createVerify } from 'node:crypto';
import { createLogger } from '../../../platform/observability/logger';
import { createMiniProgramProviders, SandboxAlipayProvider, SandboxWechatProvider } from '../service/miniProgram/providers';
import { AlipayOauthTokenProvider, alipaySigningString, WechatCode2SessionProvider } from '../service/miniProgram/platformApis';

const log = createLogger('mini-program-test');

test('sandbox providers map codes deterministically, per platform', async () => {
  const wechat = new SandboxWechatProvider();
  const alipay = new SandboxAlipayProvider();
  const first = await wechat.resolveCode('wx_sandbox_alice.1');
  expect(first.subject).toMatch(/^o[\w-]{27}$/);
  expect(await wechat.resolveCode('wx_sandbox_alice.2')).toEqual(first);
  expect((await wechat.resolveCode('wx_sandbox_bob')).subject).not.toBe(first.subject);
  expect((await alipay.resolveCode('ali_sandbox_alice')).subject).toMatch(/^2088\d{12}$/);
  await expect(alipay.resolveCode('wx_sandbox_alice.1')).rejects.toMatchObject({ extensions: { code: 'INVALID_CODE' } });
  await expect(wechat.resolveCode('ali_sandbox_alice')).rejects.toMatchObject({ extensions: { code: 'INVALID_CODE' } });
});

test('production without platform credentials refuses every code, and never falls back to the sandbox', async () => {
  const providers = createMiniProgramProviders(true, log, {});
  expect(providers.WECHAT.kind).toBe('unconfigured');
  expect(providers.ALIPAY.kind).toBe('unconfigured');
  await expect(providers.WECHAT.resolveCode('wx_sandbox_alice')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  await expect(providers.ALIPAY.resolveCode('ali_sandbox_alice')).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  const configured = createMiniProgramProviders(true, log, {
    WECHAT_MINI_APP_ID: 'wx1',
    WECHAT_MINI_APP_SECRET: 's',
    ALIPAY_MINI_APP_ID: 'a1',
    ALIPAY_MINI_PRIVATE_KEY: 'k',
  });
  expect([configured.WECHAT.kind, configured.ALIPAY.kind]).toEqual(['production', 'production']);
});

describe('the real platform calls, against local stand-ins of the platform APIs', () => {
  let server: Server;
  let baseUrl: string;
  let handle: (request: IncomingMessage, body: string) => { status?: number; json: unknown };
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const answer = handle(request, body);
        response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('WeChat code2Session: openid on success, INVALID_CODE for a used code, an error otherwise', async () => {
    const seen: URL[] = [];
    handle = (request) => {
      const url = new URL(request.url!, baseUrl);
      seen.push(url);
      const code = url.searchParams.get('js_code');
      if (code === 'used') return { json: { errcode: 40163, errmsg: 'code been used' } };
      if (code === 'busy') return { json: { errcode: -1, errmsg: 'system busy' } };
      return { json: { openid: 'oREAL123', session_key: 'secret-session-key' } };
    };
    const provider = new WechatCode2SessionProvider({ appId: 'wxapp', appSecret: 'wxsecret', baseUrl });
    expect(await provider.resolveCode('0a1b2c')).toEqual({ subject: 'oREAL123' });
    expect(seen[0]!.pathname).toBe('/sns/jscode2session');
    expect(Object.fromEntries(seen[0]!.searchParams)).toEqual({
      appid: 'wxapp',
      secret: 'wxsecret',
      js_code: '0a1b2c',
      grant_type: 'authorization_code',
    });
    await expect(provider.resolveCode('used')).rejects.toMatchObject({ extensions: { code: 'INVALID_CODE' } });
    await expect(provider.resolveCode('busy')).rejects.toThrow('errcode -1');
  });

  test('Alipay oauth.token: the request is RSA2-signed; user id on success, INVALID_CODE for a bad code', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    handle = (_request, body) => {
      const parameters = Object.fromEntries(new URLSearchParams(body));
      const signed = createVerify('RSA-SHA256').update(alipaySigningString(parameters)).verify(publicKey, parameters.sign!, 'base64');
      if (!signed || parameters.method !== 'alipay.system.oauth.token')
        return { json: { error_response: { code: '40002', sub_code: 'isv.invalid-signature' } } };
      if (parameters.code === 'expired') return { json: { error_response: { code: '40002', sub_code: 'isv.code-invalid' } } };
      return { json: { alipay_system_oauth_token_response: { user_id: '2088000000000001', access_token: 'never-kept' } } };
    };
    const provider = new AlipayOauthTokenProvider({
      appId: '2021000000',
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      baseUrl,
    });
    expect(await provider.resolveCode('auth-code-1')).toEqual({ subject: '2088000000000001' });
    await expect(provider.resolveCode('expired')).rejects.toMatchObject({ extensions: { code: 'INVALID_CODE' } });
    const wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await expect(
      new AlipayOauthTokenProvider({ appId: '2021000000', privateKeyPem: wrongKey, baseUrl }).resolveCode('auth-code-1'),
    ).rejects.toThrow('isv.invalid-signature');
  });
});
