/**
 * A fresh customer who may open an electronic account, for tests that need one the demo data does not have:
 * registered through the gateway (startRegistration, the SMS code from the development outbox,
 * completeRegistration on MOBILE_APP), then marked real-name verified (kycLevel FULL with an ID number)
 * DIRECTLY in the user center's store. Real verification (ID-card OCR and face match) needs the image models,
 * so tests arrange the result instead; nothing outside tests writes the store this way. Optionally a class I
 * account "opened at a branch" (written in the account center's store, balance 0, no postings) to bind to.
 *
 *   const customer = await freshVerifiedCustomer(platform, { withClassI: true });
 *   await signElectronicAccountAgreement(platform, customer.token);
 *   const { body } = await openElectronicAccount(platform, customer.token, {
 *     accountClass: 'II', boundAccountNumber: customer.classIAccount!.number, idempotencyKey: 'open-1-xxxxxxxx' });
 *
 * Needs the auth, user, account and limits centers and the gateway, with the SMS outbox (the harness default).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { blindIndex, encryptField } from '../../subgraphs/kit/fieldCipher';
import { fieldBinding, indexBinding } from '../../subgraphs/kit/fieldEncryption/columns';
import { encryptHolderName } from '../../subgraphs/account/service/holderName';
import { BANK_BIN, luhnCheckDigit } from '../../subgraphs/account/service/accountNumbers';
import { CUSTOMER } from '../../subgraphs/user/encryptedColumns';
import { checkCharacterOf } from '../../subgraphs/user/service/verification/residentIdNumber';
import type { ChannelName } from '../../platform/identity/identity';
import type { TestPlatform } from './platform';
import { registerBasicCustomer } from './realNameVerification';

export interface FreshCustomer {
  userId: string;
  mobile: string;
  name: string;
  idNumber: string;
  /** A MOBILE_APP access token of the registering device. */
  token: string;
  classIAccount?: { id: string; number: string };
}

let sequence = 0;
/** An ID-number serial no other fresh customer of this process used. */
function nextSerial(): number {
  sequence += 1;
  return (process.pid % 900) * 100 + sequence;
}

/** A valid 18-character resident ID number (GB 11643-1999 check character), born 1990-01-01 in 330702. */
export function testIdNumber(serial: number): string {
  const first17 = `33070219900101${String(serial % 1000).padStart(3, '0')}`;
  return first17 + checkCharacterOf(first17);
}

export async function freshVerifiedCustomer(
  platform: TestPlatform,
  options: { name?: string; verified?: boolean; withClassI?: boolean } = {},
): Promise<FreshCustomer> {
  const serial = nextSerial();
  const name = options.name ?? '赵新户';
  const { userId, mobile, token } = await registerBasicCustomer(platform, name);
  const idNumber = testIdNumber(serial);
  if (options.verified ?? true) {
    // What a passed real-name verification leaves: the ID number (encrypted, blind-indexed) and kycLevel FULL.
    await platform.store('user').customer.update({
      where: { id: userId },
      data: {
        kycLevel: 'FULL',
        idNumberCipher: encryptField(idNumber, fieldBinding(CUSTOMER, 'id_number_cipher', userId)),
        idNumberIndex: blindIndex(indexBinding(CUSTOMER, 'id_number_index'), idNumber),
      },
    });
  }
  const customer: FreshCustomer = { userId, mobile, name, idNumber, token };
  if (options.withClassI) customer.classIAccount = await classIAccountAtBranch(platform, userId, name);
  return customer;
}

/** A class I account as a branch opens it (face-to-face): balance 0, no postings, so the ledger is unchanged. */
export async function classIAccountAtBranch(platform: TestPlatform, ownerId: string, holderName: string) {
  const id = randomUUID();
  const body = BANK_BIN + String(randomInt(100_000_000_000, 1_000_000_000_000));
  const number = body + luhnCheckDigit(body);
  await platform.store('account').account.create({
    data: { id, kind: 'CUSTOMER', ownerId, number, holderNameCipher: encryptHolderName(id, holderName), accountClass: 'I' },
  });
  return { id, number };
}

/** Reads the ELECTRONIC_ACCOUNT_SERVICE agreement in force and signs it, with the channel's own documents. */
export async function signElectronicAccountAgreement(
  platform: TestPlatform,
  token: string,
  channel: ChannelName = 'MOBILE_APP',
): Promise<string> {
  const template = await platform.query<{ agreementTemplate: { version: string } }>(readOperationDocument(channel, 'AgreementTemplate'), {
    token,
    channel,
    variables: { code: 'ELECTRONIC_ACCOUNT_SERVICE' },
  });
  const version = template.body.data!.agreementTemplate.version;
  const signed = await platform.query(readOperationDocument(channel, 'SignAgreement'), {
    token,
    channel,
    variables: { templateCode: 'ELECTRONIC_ACCOUNT_SERVICE', version },
  });
  if (signed.body.errors) throw new Error(`signAgreement refused: ${JSON.stringify(signed.body.errors)}`);
  return version;
}

export interface OpenedAccount {
  id: string;
  maskedNumber: string;
  accountClass: 'II' | 'III';
  status: string;
  balance: { amount: string; currency: string };
  balanceCap: { amount: string; currency: string } | null;
  boundTo: { maskedAccountNumber: string; bankName: string } | null;
}

/** The channel's OpenElectronicAccount document. */
export function openElectronicAccount(
  platform: TestPlatform,
  token: string,
  input: { accountClass: 'II' | 'III'; boundAccountNumber: string; boundBankName?: string; idempotencyKey: string },
  channel: ChannelName = 'MOBILE_APP',
) {
  return platform.query<{ openElectronicAccount: OpenedAccount }>(readOperationDocument(channel, 'OpenElectronicAccount'), {
    token,
    channel,
    variables: { input },
  });
}
