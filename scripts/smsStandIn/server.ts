/**
 * A local stand-in for Tencent Cloud SMS `SendSms` (API 2021-01-11): it checks each request as the
 * vendor does — the TC3-HMAC-SHA256 signature against the configured key pair, the timestamp within
 * five minutes, the SMS application and the approved templates — records what it would have sent and
 * answers in the vendor's shape. Tests, end-to-end runs and browser tests read the codes back:
 *
 *   GET    /messages?mobile=13800000001   { messages: [{ mobile, templateId, params, code, signName, receivedAt, serialNo }] }, newest first
 *   DELETE /messages                      forgets every message
 *   POST   /faults                        queues faults for the next SendSms calls (body: a Fault or a list of them)
 *
 * `scripts/sms-stand-in.ts` runs one on a port; tests start one in process (port 0).
 */
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseTc3Authorization, sameSignature, signTc3, tc3Date } from '../../subgraphs/auth/service/sms/tencent/tc3Signature';

export interface StandInMessage {
  /** The mobile without its +86, as the bank stores it. */
  mobile: string;
  phoneNumber: string;
  templateId: string;
  params: string[];
  /** The first 6-digit parameter: the one-time code, when the template carries one. */
  code: string | null;
  signName: string;
  sdkAppId: string;
  receivedAt: string;
  serialNo: string;
}

/** What the next call gets instead of the normal answer. */
export type Fault =
  | { kind: 'http-status'; status: number }
  /** The message is "sent" (recorded) but the answer never comes: the caller's budget runs out. */
  | { kind: 'sent-no-answer' }
  | { kind: 'error'; code: string }
  | { kind: 'number-status'; code: string };

export interface StandInOptions {
  /** SecretId → SecretKey the stand-in accepts. */
  keys: Record<string, string>;
  /** Accepted SmsSdkAppId (any when unset). */
  sdkAppId?: string;
  /** Approved template ids (any when unset). */
  templateIds?: readonly string[];
  port?: number;
  host?: string;
}

export interface TencentSmsStandIn {
  url: string;
  messages(mobile?: string): StandInMessage[];
  failNext(...faults: Fault[]): void;
  /** SendSms calls received, accepted or not. */
  readonly calls: number;
  close(): Promise<void>;
}

const MAX_SKEW_SECONDS = 300;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

const json = (response: ServerResponse, status: number, body: unknown) =>
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));

const vendorError = (code: string, message: string) => ({ Response: { Error: { Code: code, Message: message }, RequestId: randomUUID() } });

export async function startTencentSmsStandIn(options: StandInOptions): Promise<TencentSmsStandIn> {
  const recorded: StandInMessage[] = [];
  const faults: Fault[] = [];
  let calls = 0;

  /** The vendor's authentication, in its order: the header, the key, the time, the signature. */
  function authenticate(request: IncomingMessage, body: string): { code: string; message: string } | undefined {
    const auth = parseTc3Authorization(request.headers.authorization);
    if (!auth) return { code: 'AuthFailure.InvalidAuthorization', message: 'Authorization is not TC3-HMAC-SHA256' };
    const secretKey = options.keys[auth.secretId];
    if (secretKey === undefined) return { code: 'AuthFailure.SecretIdNotFound', message: 'unknown SecretId' };
    const timestamp = Number(request.headers['x-tc-timestamp']);
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > MAX_SKEW_SECONDS) {
      return { code: 'AuthFailure.SignatureExpire', message: 'timestamp more than five minutes off' };
    }
    const mustSign = ['content-type', 'host'];
    if (auth.date !== tc3Date(timestamp) || mustSign.some((name) => !auth.signedHeaderNames.includes(name))) {
      return { code: 'AuthFailure.SignatureFailure', message: 'credential scope or signed headers do not match the request' };
    }
    const signedHeaders = Object.fromEntries(auth.signedHeaderNames.map((name) => [name, String(request.headers[name] ?? '')]));
    const expected = signTc3({ signedHeaders, body, timestamp, service: auth.service }, { secretId: auth.secretId, secretKey });
    if (!sameSignature(expected.signature, auth.signature)) return { code: 'AuthFailure.SignatureFailure', message: 'signature mismatch' };
    return undefined;
  }

  async function sendSms(request: IncomingMessage, response: ServerResponse) {
    calls += 1;
    const body = await readBody(request);
    if (request.headers['x-tc-action'] !== 'SendSms' || request.headers['x-tc-version'] !== '2021-01-11') {
      return json(response, 200, vendorError('InvalidAction', 'only SendSms 2021-01-11 is spoken here'));
    }
    const refused = authenticate(request, body);
    if (refused) return json(response, 200, vendorError(refused.code, refused.message));
    let input: { PhoneNumberSet?: string[]; SmsSdkAppId?: string; SignName?: string; TemplateId?: string; TemplateParamSet?: string[] };
    try {
      input = JSON.parse(body) as typeof input;
    } catch {
      return json(response, 200, vendorError('FailedOperation.FailResolvePacket', 'body is not JSON'));
    }
    if (options.sdkAppId && input.SmsSdkAppId !== options.sdkAppId) {
      return json(response, 200, vendorError('InvalidParameterValue.SdkAppIdNotExist', 'unknown SmsSdkAppId'));
    }
    if (!input.TemplateId || (options.templateIds && !options.templateIds.includes(input.TemplateId))) {
      return json(response, 200, vendorError('FailedOperation.TemplateIncorrectOrUnapproved', 'template not approved'));
    }
    const fault = faults.shift();
    if (fault?.kind === 'http-status') return response.writeHead(fault.status).end('stand-in fault');
    if (fault?.kind === 'error') return json(response, 200, vendorError(fault.code, 'stand-in fault'));
    const requestId = randomUUID();
    const statuses = (input.PhoneNumberSet ?? []).map((phoneNumber) => {
      const serialNo = randomUUID();
      if (!/^\+861\d{10}$/.test(phoneNumber)) {
        return {
          SerialNo: '',
          PhoneNumber: phoneNumber,
          Fee: 0,
          Code: 'InvalidParameterValue.IncorrectPhoneNumber',
          Message: 'bad number',
        };
      }
      if (fault?.kind === 'number-status')
        return { SerialNo: '', PhoneNumber: phoneNumber, Fee: 0, Code: fault.code, Message: 'stand-in fault' };
      const params = input.TemplateParamSet ?? [];
      recorded.push({
        mobile: phoneNumber.slice(3),
        phoneNumber,
        templateId: input.TemplateId!,
        params,
        code: params.find((param) => /^\d{6}$/.test(param)) ?? null,
        signName: input.SignName ?? '',
        sdkAppId: input.SmsSdkAppId ?? '',
        receivedAt: new Date().toISOString(),
        serialNo,
      });
      return {
        SerialNo: serialNo,
        PhoneNumber: phoneNumber,
        Fee: 1,
        SessionContext: '',
        Code: 'Ok',
        Message: 'send success',
        IsoCode: 'CN',
      };
    });
    // Sent, but the answer is lost: the connection stays silent until the caller gives up.
    if (fault?.kind === 'sent-no-answer') return;
    json(response, 200, { Response: { SendStatusSet: statuses, RequestId: requestId } });
  }

  const messagesOf = (mobile?: string) => recorded.filter((message) => !mobile || message.mobile === mobile).reverse();

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (request.method === 'POST' && url.pathname === '/') return void sendSms(request, response);
    if (request.method === 'GET' && url.pathname === '/messages') {
      return json(response, 200, { messages: messagesOf(url.searchParams.get('mobile') ?? undefined) });
    }
    if (request.method === 'DELETE' && url.pathname === '/messages') {
      recorded.length = 0;
      return json(response, 200, { deleted: true });
    }
    if (request.method === 'POST' && url.pathname === '/faults') {
      return void readBody(request).then((body) => {
        const parsed = JSON.parse(body) as Fault | Fault[];
        faults.push(...(Array.isArray(parsed) ? parsed : [parsed]));
        json(response, 200, { queued: faults.length });
      });
    }
    json(response, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    messages: messagesOf,
    failNext: (...next) => void faults.push(...next),
    get calls() {
      return calls;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
