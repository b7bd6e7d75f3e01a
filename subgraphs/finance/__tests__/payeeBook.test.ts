/**
 * The payee book through the gateway, with the channels' trusted documents: adding, listing,
 * renaming and removing payees, the refusals with their field paths, another customer's payee, and
 * a transfer to a payee added by hand (still new to the risk rule until paid once).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../kit/demo';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';
import { latestSmsCode } from '../../../test/identity/helpers';
import { CREATE_TRANSFER, TransferAnswer, newKey } from '../../../test/money/helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const document = (name: string) => readFileSync(join(__dirname, '../../../schema/operations', `${name}.graphql`), 'utf8');
const ADD = document('AddPayee');
const RENAME = document('RenamePayee');
const REMOVE = document('RemovePayee');
const LIST = document('Payees');

interface PayeeView {
  id: string;
  name: string;
  maskedAccountNumber: string;
  bankName: string;
  alias: string | null;
}

describe('the payee book', () => {
  let platform: TestPlatform;
  let zhangToken: string;
  let liToken: string;

  const add = (input: Record<string, unknown>, token = zhangToken) =>
    platform.query<{ addPayee: { created: boolean; payee: PayeeView } }>(ADD, { token, variables: { input } });
  const rename = (variables: Record<string, unknown>, token = zhangToken) =>
    platform.query<{ renamePayee: PayeeView }>(RENAME, { token, variables });
  const remove = (id: string, token = zhangToken) => platform.query<{ removePayee: string }>(REMOVE, { token, variables: { id } });
  const list = async (token = zhangToken) => (await platform.query<{ me: { payees: PayeeView[] } }>(LIST, { token })).body.data!.me.payees;
  const refusal = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions;

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
    zhangToken = await platform.login(zhang.mobile);
    liToken = await platform.login(li.mobile);
  });
  afterAll(() => platform?.stop());

  it('adds a payee by hand, encrypted and not yet paid; the same number again answers the saved one', async () => {
    const first = await add({ name: ' 王小二 ', accountNumber: '6222600000000000888', bankName: '中国银行', alias: '老王' });
    expect(first.body.errors).toBeUndefined();
    const added = first.body.data!.addPayee;
    expect(added).toEqual({
      created: true,
      payee: { id: expect.any(String), name: '王小二', maskedAccountNumber: '6222 **** **** 0888', bankName: '中国银行', alias: '老王' },
    });
    expect(await list()).toContainEqual(added.payee);
    const row = await platform.store('finance').payee.findUniqueOrThrow({ where: { id: added.payee.id } });
    expect(row).toMatchObject({ ownerId: zhang.id, name: null, accountNumber: null, firstPaidAt: null, alias: '老王' });
    expect(row.nameCipher).not.toContain('王小二');
    expect(row.accountNumberCipher).toMatch(/^v\d+:/);

    // Spaces in the number are ignored; nothing about the saved payee changes.
    const again = await add({ name: '别的名字', accountNumber: '6222 6000 0000 0000 888', bankName: '中国银行', alias: '小二' });
    expect(again.body.data!.addPayee).toEqual({ created: false, payee: added.payee });
    // This bank's number needs no bank name.
    const ours = await add({ name: li.name, accountNumber: '6230580000000000099' });
    expect(ours.body.data!.addPayee.payee.bankName).toBe('本行');
    expect((await list()).filter((payee) => payee.maskedAccountNumber.endsWith('0888'))).toHaveLength(1);
  });

  it('refuses bad input with the field, writing nothing', async () => {
    const before = await platform.store('finance').payee.count({ where: { ownerId: zhang.id } });
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ name: '赵四', accountNumber: '12345' }, 'input.accountNumber'],
      [{ name: '赵四', accountNumber: '6222abc000000000' }, 'input.accountNumber'],
      [{ name: '   ', accountNumber: '6222600000000000111', bankName: '中国银行' }, 'input.name'],
      [{ name: '赵四', accountNumber: '6222600000000000111' }, 'input.bankName'],
      [{ name: '赵四', accountNumber: '6222600000000000111', bankName: '中国银行', alias: '房东' }, 'input.alias', 'ALIAS_TAKEN'],
      [{ name: '赵四', accountNumber: '6222600000000000111', bankName: '中国银行', alias: '很'.repeat(21) }, 'input.alias'],
    ];
    for (const [input, field, reason] of cases) {
      const { body } = await add(input);
      expect(body.data).toBeNull();
      expect(refusal(body)).toMatchObject({ code: 'BAD_USER_INPUT', field, ...(reason ? { reason } : {}) });
    }
    expect(await platform.store('finance').payee.count({ where: { ownerId: zhang.id } })).toBe(before);
  });

  it('renames the alias and the name, clears the alias, and refuses a taken alias or nothing to change', async () => {
    const { payee } = (await add({ name: '钱七', accountNumber: '6222600000000000555', bankName: '中国建设银行', alias: '七哥' })).body
      .data!.addPayee;
    const aliased = await rename({ id: payee.id, alias: '老钱' });
    expect(aliased.body.data!.renamePayee).toEqual({ ...payee, alias: '老钱' });
    const renamed = await rename({ id: payee.id, name: '钱小七' });
    expect(renamed.body.data!.renamePayee).toEqual({ ...payee, name: '钱小七', alias: '老钱' });
    const row = await platform.store('finance').payee.findUniqueOrThrow({ where: { id: payee.id } });
    expect(row.name).toBeNull();
    expect(row.nameCipher).toMatch(/^v\d+:/);
    const cleared = await rename({ id: payee.id, alias: '' });
    expect(cleared.body.data!.renamePayee.alias).toBeNull();

    expect(refusal((await rename({ id: payee.id, alias: '房东' })).body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'alias',
      reason: 'ALIAS_TAKEN',
    });
    expect(refusal((await rename({ id: payee.id })).body)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refusal((await rename({ id: payee.id, name: ' ' })).body)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect((await list()).find((listed) => listed.id === payee.id)).toEqual({ ...payee, name: '钱小七', alias: null });
  });

  it("another customer's payee is NOT_FOUND to rename or remove, and stays as it was", async () => {
    const { payee } = (await add({ name: '孙八', accountNumber: '6222600000000000666', bankName: '招商银行', alias: '八弟' })).body.data!
      .addPayee;
    expect(refusal((await rename({ id: payee.id, alias: '偷改' }, liToken)).body)).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal((await remove(payee.id, liToken)).body)).toMatchObject({ code: 'NOT_FOUND' });
    expect(refusal((await remove('no-such-payee', liToken)).body)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await list()).find((listed) => listed.id === payee.id)).toEqual(payee);
    expect((await list(liToken)).find((listed) => listed.id === payee.id)).toBeUndefined();

    expect((await remove(payee.id)).body.data).toEqual({ removePayee: payee.id });
    expect((await list()).find((listed) => listed.id === payee.id)).toBeUndefined();
    expect(refusal((await remove(payee.id)).body)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a payee added by hand is still new to the risk rule: the first transfer asks for a step-up, the next does not', async () => {
    const zhangI = zhang.accounts[0]!;
    const liI = li.accounts[0]!;
    const { payee } = (await add({ name: zhang.name, accountNumber: zhangI.number, alias: '张哥' }, liToken)).body.data!.addPayee;
    const transfer = async (amount: string) =>
      (
        await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
          token: liToken,
          variables: {
            input: { idempotencyKey: newKey('payee'), fromAccountId: liI.id, toAccountNumber: zhangI.number, toName: zhang.name, amount },
          },
        })
      ).body.data!.createTransfer;

    const asked = await transfer('10.00');
    expect(asked).toMatchObject({ __typename: 'TransferChallengeRequired', order: { status: 'CHALLENGE_REQUIRED' } });
    const START =
      'mutation($context: ChallengeContextInput) { startChallenge(purpose: TRANSFER, context: $context, method: SMS) { id method } }';
    const started = await platform.query<{ startChallenge: { id: string; method: string } }>(START, {
      token: liToken,
      variables: { context: { amount: '10.00', sourceAccountId: liI.id, payeeAccountNumber: zhangI.number } },
    });
    expect(started.body.data!.startChallenge.method).toBe('SMS');
    const verified = await platform.query<{ verifyChallenge: { token: string } }>(
      'mutation($id: ID!, $proof: ChallengeProofInput!) { verifyChallenge(id: $id, proof: $proof) { token } }',
      {
        token: liToken,
        variables: { id: started.body.data!.startChallenge.id, proof: { code: await latestSmsCode(platform, li.mobile) } },
      },
    );
    const confirmed = await platform.query<{ confirmTransfer: TransferAnswer }>(
      'mutation($o: ID!, $t: String!) { confirmTransfer(orderId: $o, challengeToken: $t) { __typename ... on TransferCompleted { order { id status } } } }',
      { token: liToken, variables: { o: asked.order!.id, t: verified.body.data!.verifyChallenge.token } },
    );
    expect(confirmed.body.data!.confirmTransfer).toMatchObject({ __typename: 'TransferCompleted', order: { status: 'COMPLETED' } });

    // Paid once: the same payee (alias kept, no second row), no longer new.
    const payees = (await list(liToken)).filter((listed) => listed.maskedAccountNumber === payee.maskedAccountNumber);
    expect(payees).toEqual([payee]);
    expect((await platform.store('finance').payee.findUniqueOrThrow({ where: { id: payee.id } })).firstPaidAt).not.toBeNull();
    expect(await transfer('5.00')).toMatchObject({ __typename: 'TransferCompleted', order: { status: 'COMPLETED' } });
  });
});
