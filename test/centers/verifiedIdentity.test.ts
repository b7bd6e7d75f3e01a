import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';

/**
 * `verifiedIdentity`, the user center's internal query for the account center's own-name check of a bound card: only
 * a service credential of the account center with `user:identity:read`; a FULL customer's name and ID number in
 * clear, null for a customer not verified yet.
 */
let platform: TestPlatform;
const [zhang] = DEMO_CUSTOMERS;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['user'], gateway: false });
});
afterAll(() => platform.stop());

const VERIFIED_IDENTITY = `query VerifiedIdentity($userId: ID!) {
  verifiedIdentity(userId: $userId) { userId name idNumber kycLevel }
}`;
const REGISTER = `mutation RegisterCustomer($input: RegisterCustomerInput!) { registerCustomer(input: $input) { outcome userId } }`;

interface Answer {
  verifiedIdentity: { userId: string; name: string; idNumber: string; kycLevel: string } | null;
}

const ask = (userId: string, as: Parameters<TestPlatform['callCenter']>[2]['as']) =>
  platform.callCenter<Answer>('user', VERIFIED_IDENTITY, { variables: { userId }, as });

test('the account center with the scope gets a FULL customer name and ID number in clear', async () => {
  const { body } = await ask(zhang!.id, { service: 'account', actingFor: zhang!.id, scopes: ['user:identity:read'] });
  expect(body.errors).toBeUndefined();
  expect(body.data?.verifiedIdentity).toEqual({ userId: zhang!.id, name: zhang!.name, idNumber: zhang!.idNumber, kycLevel: 'FULL' });
});

test('a customer who registered online and is not verified yet (BASIC, no ID number) is null', async () => {
  const registered = await platform.callCenter<{ registerCustomer: { outcome: string; userId: string } }>('user', REGISTER, {
    variables: { input: { mobile: '13900009901', name: '王新客' } },
    as: { service: 'auth', scopes: ['user:customer:register'] },
  });
  const userId = registered.body.data!.registerCustomer.userId;
  const { body } = await ask(userId, { service: 'account', actingFor: userId, scopes: ['user:identity:read'] });
  expect(body.errors).toBeUndefined();
  expect(body.data?.verifiedIdentity).toBeNull();
});

test('an unknown customer is null', async () => {
  const { body } = await ask('00000000-0000-0000-0000-000000000000', { service: 'account', scopes: ['user:identity:read'] });
  expect(body.data?.verifiedIdentity).toBeNull();
});

test('refused: the account center without the scope, another center claiming it, a customer identity', async () => {
  const withoutScope = await ask(zhang!.id, { service: 'account', actingFor: zhang!.id, scopes: ['user:profile:read'] });
  expect(withoutScope.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(withoutScope.body.data?.verifiedIdentity ?? null).toBeNull();

  const notGranted = await ask(zhang!.id, { service: 'limits', actingFor: zhang!.id, scopes: ['user:identity:read'] });
  expect(notGranted.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(notGranted.body.data?.verifiedIdentity ?? null).toBeNull();

  const customer = await ask(zhang!.id, { customerId: zhang!.id });
  expect(customer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(JSON.stringify(customer.body)).not.toContain(zhang!.idNumber);
});
