import { Client } from 'pg';
import { blindIndex, decryptField, maskMobile } from '../../subgraphs/kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../subgraphs/kit/fieldEncryption/columns';
import { CUSTOMER } from '../../subgraphs/user/encryptedColumns';
import { DEMO_CUSTOMERS } from '../../subgraphs/kit/demo';
import { startTestPlatform, TestPlatform } from '../support/platform';
import { codeOf, LOGIN, loginOnNewDevice } from './helpers';

/**
 * Personal data at rest: the raw rows of the user center and the auth center, read with plain SQL
 * as someone holding a database dump would, contain no name, mobile or ID number in clear — only
 * versioned ciphertexts bound to their row and keyed blind indexes — and still decrypt with the keys.
 */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
  // Leave traces in the auth store too: an SMS, a new device, audit events.
  await loginOnNewDevice(platform, DEMO_CUSTOMERS[0]!.mobile, 'personal-data-phone');
  const wrong = await platform.query(LOGIN, {
    variables: { input: { mobile: DEMO_CUSTOMERS[0]!.mobile, password: 'wrong-password', device: { deviceId: 'personal-data-phone' } } },
  });
  expect(codeOf(wrong.body)).toBe('INVALID_CREDENTIALS');
});
afterAll(() => platform.stop());

async function rawRows(center: 'user' | 'auth', sql: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: platform.centers[center]!.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const secrets = DEMO_CUSTOMERS.flatMap((customer) => [customer.mobile, customer.idNumber]);
const names = DEMO_CUSTOMERS.map((customer) => customer.name);

test('the user center stores names, mobile and ID numbers only as ciphertexts and blind indexes', async () => {
  const rows = await rawRows('user', 'SELECT * FROM customer ORDER BY id');
  expect(rows.length).toBeGreaterThanOrEqual(DEMO_CUSTOMERS.length);
  const dump = JSON.stringify(rows);
  for (const secret of [...secrets, ...names]) expect(dump).not.toContain(secret);

  const zhang = rows.find((row) => row.id === DEMO_CUSTOMERS[0]!.id)!;
  expect(zhang.mobile_cipher).toMatch(/^v\d+:(gcm|sm4):/);
  expect(zhang.mobile_index).toBe(blindIndex(indexBinding(CUSTOMER, 'mobile_index'), DEMO_CUSTOMERS[0]!.mobile));
  // It is the customer's data, encrypted and bound to the customer's row: the key turns it back.
  const id = DEMO_CUSTOMERS[0]!.id;
  expect(decryptField(zhang.mobile_cipher as string, fieldBinding(CUSTOMER, 'mobile_cipher', id))).toBe(DEMO_CUSTOMERS[0]!.mobile);
  expect(decryptField(zhang.id_number_cipher as string, fieldBinding(CUSTOMER, 'id_number_cipher', id))).toBe(DEMO_CUSTOMERS[0]!.idNumber);
  expect(decryptField(zhang.name_cipher as string, fieldBinding(CUSTOMER, 'name_cipher', id))).toBe(DEMO_CUSTOMERS[0]!.name);
  expect(zhang.name).toBeNull();
});

test('the auth center keeps no mobile in clear: credentials, SMS codes and outbox, audit events', async () => {
  for (const table of ['credential', 'sms_code', 'sms_outbox', 'audit_event', 'pending_login', 'device']) {
    // The demo devices' ids (`demo-device-13800000001`) are fixed by the issue for scripted demos; they are
    // client-chosen identifiers, not stored personal data, so they are taken out before looking.
    const dump = JSON.stringify(await rawRows('auth', `SELECT * FROM ${table}`)).replace(/demo-device-\d{11}/g, 'demo-device');
    for (const secret of secrets) expect({ table, leaked: dump.includes(secret) }).toEqual({ table, leaked: false });
  }
  // Audit events carry the masked form only.
  const audit = JSON.stringify(await rawRows('auth', "SELECT details FROM audit_event WHERE action = 'login'"));
  expect(audit).toContain(maskMobile(DEMO_CUSTOMERS[0]!.mobile));
});
