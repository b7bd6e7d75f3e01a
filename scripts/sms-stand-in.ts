/**
 * Runs the Tencent SendSms stand-in (scripts/smsStandIn/server.ts) for end-to-end and browser
 * runs: `npx tsx scripts/sms-stand-in.ts [port]` (default 4090). It accepts the key pair in
 * TENCENT_SMS_SECRET_ID / TENCENT_SMS_SECRET_KEY and prints the settings that point the auth center at
 * it; codes are read back from GET /messages?mobile=….
 */
import { startTencentSmsStandIn } from './smsStandIn/server';

async function main() {
  const port = Number(process.argv[2] ?? 4090);
  const secretId = process.env.TENCENT_SMS_SECRET_ID;
  const secretKey = process.env.TENCENT_SMS_SECRET_KEY;
  if (!secretId || !secretKey) {
    console.error('set TENCENT_SMS_SECRET_ID and TENCENT_SMS_SECRET_KEY: the stand-in accepts only that key pair');
    process.exit(2);
  }
  const standIn = await startTencentSmsStandIn({ keys: { [secretId]: secretKey }, port });
  console.log(`Tencent SendSms stand-in on ${standIn.url}`);
  console.log(`auth center: SMS_PROVIDER=tencent TENCENT_SMS_ENDPOINT=${standIn.url} (plus the app id, sign name and templates)`);
  console.log(`codes: GET ${standIn.url}/messages?mobile=<mobile>`);
  const stop = () => void standIn.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
