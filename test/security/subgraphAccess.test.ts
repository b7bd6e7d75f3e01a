import { SignJWT } from 'jose';
import { CENTERS } from '../../platform/centers';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { INTERNAL_IDENTITY_HEADER } from '../../platform/identity/identity';
import { startTestPlatform, TestPlatform } from '../support/platform';

/** A subgraph called directly, without a valid gateway or service credential, refuses. */
let platform: TestPlatform;
const [zhang, li] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform.stop());

async function postRaw(url: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

describe.each(CENTERS)('%s center', (center) => {
  const url = () => platform.centers[center]!.url;

  test('refuses a request without a credential', async () => {
    const { status, body } = await postRaw(url(), {});
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data).toBeUndefined();
  });

  test('refuses a credential signed with another key', async () => {
    const forged = await new SignJWT({ chn: 'WEB', acr: 2 })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('gateway')
      .setAudience('bank-subgraphs')
      .setSubject(zhang!.id)
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode('an-attacker-chosen-secret-of-32-bytes'));
    const { status } = await postRaw(url(), { [INTERNAL_IDENTITY_HEADER]: forged });
    expect(status).toBe(401);
  });

  test("refuses a customer's access token in place of the internal credential", async () => {
    const accessToken = await platform.login(zhang!.mobile);
    const { status } = await postRaw(url(), { [INTERNAL_IDENTITY_HEADER]: accessToken, authorization: `Bearer ${accessToken}` });
    expect(status).toBe(401);
  });

  test('answers the gateway', async () => {
    const { body } = await platform.callCenter<{ _service: { sdl: string } }>(center, '{ _service { sdl } }', { as: 'anonymous' });
    expect(body.data?._service.sdl).toContain('@link');
  });
});

describe('ownership through _entities', () => {
  const entities = (typename: string, id: string, selection: string) =>
    `{ _entities(representations: [{ __typename: "${typename}", id: "${id}" }]) { ... on ${typename} { ${selection} } } }`;

  test.each([
    ['user', 'User', 'name'],
    ['account', 'User', 'accounts { id }'],
    ['auth', 'User', 'devices { id }'],
  ] as const)("%s refuses another customer's %s", async (center, typename, selection) => {
    const { body } = await platform.callCenter(center, entities(typename, li!.id, selection), { as: { customerId: zhang!.id } });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(body.data ?? {})).not.toContain(li!.name);
  });

  test("account refuses another customer's Account entity", async () => {
    const { body } = await platform.callCenter('account', entities('Account', li!.accounts[0]!.id, 'balance { amount }'), {
      as: { customerId: zhang!.id },
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(body.data)).not.toContain('20000.00');
  });

  test('the owner gets their own entity', async () => {
    const { body } = await platform.callCenter<{ _entities: { name: string }[] }>('user', entities('User', zhang!.id, 'name'), {
      as: { customerId: zhang!.id },
    });
    expect(body.data?._entities[0]?.name).toBe(zhang!.name);
  });
});

describe('internal (@inaccessible) operations', () => {
  const riskProfile = `query($userId: ID!) { customerRiskProfile(userId: $userId) { grade expired } }`;

  test("refuse the gateway's user identity", async () => {
    const { body } = await platform.callCenter('user', riskProfile, { variables: { userId: zhang!.id }, as: { customerId: zhang!.id } });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('refuse a service credential without the scope', async () => {
    const { body } = await platform.callCenter('user', riskProfile, {
      variables: { userId: zhang!.id },
      as: { service: 'marketing', actingFor: zhang!.id, scopes: ['something:else'] },
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('answer a service credential with the scope', async () => {
    const { body } = await platform.callCenter<{ customerRiskProfile: { grade: string; expired: boolean } }>('user', riskProfile, {
      variables: { userId: zhang!.id },
      as: { service: 'marketing', actingFor: zhang!.id, scopes: ['user:risk-profile:read'] },
    });
    expect(body.data?.customerRiskProfile).toEqual({ grade: 'C3', expired: false });
  });

  test('cannot be reached through the gateway', async () => {
    const token = await platform.login(zhang!.mobile);
    const { status, body } = await platform.query(`{ customerRiskProfile(userId: "${zhang!.id}") { grade } }`, { token });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
