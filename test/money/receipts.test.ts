/**
 * Electronic receipts (电子回单) are signed by the bank (ES256, a rotating receipt key kept in
 * finance's database) over their canonical fields, and anyone can ask `verifyReceipt` whether a
 * receipt is genuine: VALID, INVALID (any field or the signature changed) or UNKNOWN_KEY (signed by
 * a key the bank never had). Receipts signed before a rotation keep verifying.
 */
import { FlattenedSign, generateKeyPair } from 'jose';
import type { ChannelName } from '../../platform/identity/identity';
import { DEMO_CUSTOMERS, DemoCustomer } from '../../subgraphs/kit/demo';
import { canonicalReceipt } from '../../subgraphs/finance/service/receiptCanonical';
import { ReceiptKeys } from '../../subgraphs/finance/service/receiptKeys';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { CREATE_TRANSFER, TransferAnswer, newKey } from './helpers';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];
const DAY = 24 * 3600_000;

const RECEIPT = `query($id: ID!) { transferReceipt(orderId: $id) {
  receiptNumber orderId amount { amount currency } payerName payerAccount payeeName payeeAccount payeeBank
  memo channel status createdAt completedAt signature signatureKeyId } }`;
const VERIFY = 'query($receipt: ReceiptInput!) { verifyReceipt(receipt: $receipt) }';

interface Receipt {
  receiptNumber: string;
  orderId: string;
  amount: { amount: string; currency: string };
  payerName: string;
  payerAccount: string;
  payeeName: string;
  payeeAccount: string;
  payeeBank: string;
  memo: string | null;
  channel: ChannelName | null;
  status: string;
  createdAt: string;
  completedAt: string | null;
  signature: string;
  signatureKeyId: string;
}

let platform: TestPlatform;
let token: string;
let orderId: string;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
  token = await platform.login(zhang.mobile);
  const { body } = await platform.query<{ createTransfer: TransferAnswer }>(CREATE_TRANSFER, {
    token,
    variables: {
      input: {
        idempotencyKey: newKey(),
        fromAccountId: zhang.accounts[0]!.id,
        toAccountNumber: li.accounts[0]!.number,
        toName: li.name,
        amount: '100.00',
        memo: '房租',
      },
    },
  });
  expect(body.data?.createTransfer.order?.status).toBe('COMPLETED');
  orderId = body.data!.createTransfer.order!.id;
});
afterAll(() => platform.stop());

async function receipt(): Promise<Receipt> {
  const { body } = await platform.query<{ transferReceipt: Receipt }>(RECEIPT, { token, variables: { id: orderId } });
  expect(body.errors).toBeUndefined();
  return body.data!.transferReceipt;
}

/** What a holder of the receipt types in: the fields it shows and its signature. */
function asInput(shown: Receipt, changes: Partial<Record<string, unknown>> = {}) {
  const { amount, signatureKeyId: _shownKey, ...rest } = shown;
  return { ...rest, amount: amount.amount, currency: amount.currency, ...changes };
}

/** Anyone may verify: no token, any channel. */
async function verify(input: Record<string, unknown>): Promise<string> {
  const { body } = await platform.query<{ verifyReceipt: string }>(VERIFY, { channel: 'WEB', variables: { receipt: input } });
  expect(body.errors).toBeUndefined();
  return body.data!.verifyReceipt;
}

test('a genuine receipt verifies; it is signed with a key id, not an unkeyed digest', async () => {
  const shown = await receipt();
  expect(shown.signature).toMatch(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/);
  expect(JSON.parse(Buffer.from(shown.signature.split('.')[0]!, 'base64url').toString())).toMatchObject({
    alg: 'ES256',
    kid: shown.signatureKeyId,
  });
  expect(await verify(asInput(shown))).toBe('VALID');
  // An equal amount written differently is the same receipt.
  expect(await verify(asInput(shown, { amount: '100' }))).toBe('VALID');

  // The private half is stored encrypted, never as a JWK in clear.
  const key = await platform.store('finance').receiptKey.findUniqueOrThrow({ where: { kid: shown.signatureKeyId } });
  expect(key.privateJwk).not.toContain('"d"');
  expect(key.privateJwk).toMatch(/^v\d+:/);
});

test('a changed amount, payee, instant or signature is INVALID', async () => {
  const shown = await receipt();
  expect(await verify(asInput(shown, { amount: '1000.00' }))).toBe('INVALID');
  const otherAccount = shown.payeeAccount.slice(0, -1) + (shown.payeeAccount.endsWith('1') ? '2' : '1');
  expect(await verify(asInput(shown, { payeeAccount: otherAccount }))).toBe('INVALID');
  expect(await verify(asInput(shown, { payeeName: '王*五' }))).toBe('INVALID');
  expect(await verify(asInput(shown, { completedAt: new Date(Date.parse(shown.completedAt!) + 1000).toISOString() }))).toBe('INVALID');
  const [header, signature] = shown.signature.split('..') as [string, string];
  const flipped = `${header}..${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
  expect(await verify(asInput(shown, { signature: flipped }))).toBe('INVALID');
  expect(await verify(asInput(shown, { signature: 'not-a-signature' }))).toBe('INVALID');
});

test('a receipt signed by a key the bank never had is UNKNOWN_KEY', async () => {
  const shown = await receipt();
  const { privateKey } = await generateKeyPair('ES256');
  const forged = await new FlattenedSign(
    new TextEncoder().encode(
      canonicalReceipt({
        ...shown,
        amountFen: 100_000_00n,
        currency: shown.amount.currency,
        createdAt: new Date(shown.createdAt),
        completedAt: shown.completedAt ? new Date(shown.completedAt) : null,
      }),
    ),
  )
    .setProtectedHeader({ alg: 'ES256', kid: 'rk-not-the-banks' })
    .sign(privateKey);
  expect(await verify(asInput(shown, { amount: '100000.00', signature: `${forged.protected}..${forged.signature}` }))).toBe('UNKNOWN_KEY');
});

test('after the receipt key rotates, new receipts carry the new key and old ones still verify', async () => {
  const before = await receipt();
  platform.clock.advance(91 * DAY);
  token = await platform.login(zhang.mobile); // the old access token has long expired
  const after = await receipt();
  expect(after.signatureKeyId).not.toBe(before.signatureKeyId);
  expect(await verify(asInput(after))).toBe('VALID');
  expect(await verify(asInput(before))).toBe('VALID');
  expect(await verify(asInput(before, { amount: '99.00' }))).toBe('INVALID');
});

test('replicas rotating at the same moment write one new key', async () => {
  const prisma = platform.store('finance');
  const count = await prisma.receiptKey.count();
  platform.clock.advance(91 * DAY);
  const replicas = [1, 2, 3, 4].map(() => new ReceiptKeys(prisma, platform.clock));
  const kids = await Promise.all(replicas.map(async (replica) => (await replica.signingKey()).kid));
  expect(new Set(kids).size).toBe(1);
  expect(await prisma.receiptKey.count()).toBe(count + 1);
});
