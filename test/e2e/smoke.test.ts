import { startTestPlatform, TestPlatform } from '../support/platform';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user', 'account'] });
});
afterAll(() => platform.stop());

test('a demo customer signs in and reads their accounts', async () => {
  const token = await platform.login('13800000001');
  const { body } = await platform.query<{ me: { name: string; accounts: { balance: { amount: string } }[] } }>(
    '{ me { name accounts { balance { amount } } } }',
    { token },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data?.me.name).toBe('张晓明');
  expect(body.data?.me.accounts.map((account) => account.balance.amount)).toEqual(['100000.00', '5000.00', '500.00']);
});
