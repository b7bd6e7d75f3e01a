import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadSecret } from '../../platform/secrets';
import { CREDENTIAL } from '../../subgraphs/auth/encryptedColumns';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { blindIndex, decryptField } from '../../subgraphs/kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../subgraphs/kit/fieldEncryption/columns';
import { reEncryptTable } from '../../subgraphs/kit/fieldEncryption/reEncryption';
import { CUSTOMER } from '../../subgraphs/user/encryptedColumns';
import { startTestPlatform, TestPlatform } from '../support/platform';

/**
 * The re-encryption job over real center databases: rows as they were written before bindings
 * (unbound v1 ciphertexts, the old kind-based blind indexes, the name in clear) keep working, and
 * the job — run twice at once, batch by batch — upgrades each of them exactly once; a later run
 * after a key rotation moves everything to the new version and algorithm.
 */
let platform: TestPlatform;
let user: Client;
let auth: Client;
const [zhang, li] = DEMO_CUSTOMERS as [(typeof DEMO_CUSTOMERS)[number], (typeof DEMO_CUSTOMERS)[number]];

/** A value as the cipher wrote it before bindings: v1, AES-256-GCM, no associated data. */
function unbound(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', loadSecret('FIELD_ENCRYPTION_KEY').subarray(0, 32), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
}
const unboundIndex = (kind: string, value: string) =>
  createHmac('sha256', loadSecret('BLIND_INDEX_KEY')).update(`${kind}:${value}`).digest('base64url');

const ME = 'query { me { name maskedMobile maskedIdNumber } }';

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
  user = new Client({ connectionString: platform.centers.user!.databaseUrl });
  auth = new Client({ connectionString: platform.centers.auth!.databaseUrl });
  await Promise.all([user.connect(), auth.connect()]);
  // Both demo customers as an older release left them.
  for (const customer of [zhang, li]) {
    await user.query(
      `UPDATE customer SET name = $2, name_cipher = NULL, mobile_cipher = $3, mobile_index = $4, id_number_cipher = $5, id_number_index = $6
       WHERE id = $1`,
      [
        customer.id,
        customer.name,
        unbound(customer.mobile),
        unboundIndex('mobile', customer.mobile),
        unbound(customer.idNumber),
        unboundIndex('id-number', customer.idNumber),
      ],
    );
    await auth.query('UPDATE credential SET mobile_encrypted = $2, login_index = $3 WHERE user_id = $1', [
      customer.id,
      unbound(customer.mobile),
      unboundIndex('mobile', customer.mobile),
    ]);
  }
});
afterAll(async () => {
  await Promise.all([user?.end(), auth?.end()]);
  await platform?.stop();
});

async function profile(mobile: string) {
  const token = await platform.login(mobile);
  const { body } = await platform.query<{ me: { name: string; maskedMobile: string; maskedIdNumber: string } }>(ME, { token });
  return body.data?.me;
}

test('rows written before bindings still sign in and show their data', async () => {
  expect(await profile(zhang.mobile)).toEqual({
    name: zhang.name,
    maskedMobile: '138****0001',
    maskedIdNumber: expect.stringMatching(/^\d{4}\*+\d{4}$/),
  });
});

test('the job, run twice at once in small batches, upgrades every row once; a third run finds nothing', async () => {
  const [first, second] = await Promise.all([
    reEncryptTable(user, CUSTOMER, { batchSize: 1 }),
    reEncryptTable(user, CUSTOMER, { batchSize: 1 }),
  ]);
  expect(first.failed).toEqual([]);
  expect(second.failed).toEqual([]);
  // Each legacy row was written by exactly one of the two runs; the other lost the compare-and-set or never saw it.
  expect(first.rewritten + second.rewritten).toBe(2);
  const authReport = await reEncryptTable(auth, CREDENTIAL);
  expect(authReport).toMatchObject({ rewritten: 2, failed: [] });

  const rows = (await user.query('SELECT * FROM customer WHERE id = ANY($1) ORDER BY id', [[zhang.id, li.id]])).rows;
  for (const row of rows) {
    const customer = [zhang, li].find((candidate) => candidate.id === row.id)!;
    expect(row.name).toBeNull();
    expect(row.name_cipher).toMatch(/^v1:gcm:/);
    expect(row.mobile_cipher).toMatch(/^v1:gcm:/);
    expect(decryptField(row.name_cipher, fieldBinding(CUSTOMER, 'name_cipher', row.id))).toBe(customer.name);
    expect(decryptField(row.id_number_cipher, fieldBinding(CUSTOMER, 'id_number_cipher', row.id))).toBe(customer.idNumber);
    expect(row.mobile_index).toBe(blindIndex(indexBinding(CUSTOMER, 'mobile_index'), customer.mobile));
  }
  const credential = (await auth.query('SELECT * FROM credential WHERE user_id = $1', [zhang.id])).rows[0];
  expect(credential.login_index).toBe(blindIndex(indexBinding(CREDENTIAL, 'login_index'), zhang.mobile));
  expect(decryptField(credential.mobile_encrypted, fieldBinding(CREDENTIAL, 'mobile_encrypted', zhang.id))).toBe(zhang.mobile);

  expect(await reEncryptTable(user, CUSTOMER)).toMatchObject({ examined: 0, rewritten: 0 });
  expect(await profile(li.mobile)).toMatchObject({ name: li.name, maskedMobile: '138****0002' });
});

test('after a rotation to SM4 and SM3 indexes the job moves every row to the new version', async () => {
  const rotated = {
    ...process.env,
    FIELD_ENCRYPTION_KEYS: `v1:aes-256-gcm:${loadSecret('FIELD_ENCRYPTION_KEY').toString('base64')},v2:sm4-ctr-hmac-sm3:${randomBytes(32).toString('base64')}`,
    FIELD_ENCRYPTION_WRITE_VERSION: 'v2',
    BLIND_INDEX_ALGORITHM: 'hmac-sm3',
  };
  const report = await reEncryptTable(user, CUSTOMER, { env: rotated, batchSize: 1 });
  expect(report.failed).toEqual([]);
  const rows = (await user.query('SELECT * FROM customer')).rows;
  expect(report.rewritten).toBe(rows.length);
  for (const row of rows) {
    for (const column of ['name_cipher', 'mobile_cipher', 'id_number_cipher']) expect(row[column]).toMatch(/^v2:sm4:/);
    expect(row.mobile_index).toMatch(/^sm3:/);
    expect(decryptField(row.name_cipher, fieldBinding(CUSTOMER, 'name_cipher', row.id), rotated)).toBeTruthy();
  }
  const zhangRow = rows.find((row) => row.id === zhang.id)!;
  expect(decryptField(zhangRow.mobile_cipher, fieldBinding(CUSTOMER, 'mobile_cipher', zhang.id), rotated)).toBe(zhang.mobile);
  expect(await reEncryptTable(user, CUSTOMER, { env: rotated })).toMatchObject({ examined: 0 });
});
