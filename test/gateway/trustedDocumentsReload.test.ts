import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATIONS_DIRECTORY, documentId } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { captureLogs } from '../support/logCapture';
import { startTestPlatform, TestPlatform } from '../support/platform';

/**
 * Trusted documents reload without a restart, like the supergraph: the gateway watches its operations
 * directory (here a copy of schema/operations), and a document added to a channel's manifest becomes
 * callable by id, a removed one stops, and a broken manifest leaves the previous set serving.
 */
const root = mkdtempSync(join(tmpdir(), 'operations-'));
const directory = join(root, 'operations');
cpSync(OPERATIONS_DIRECTORY, directory, { recursive: true });
const manifestPath = join(directory, 'channels', 'WEB.json');
const original = readFileSync(manifestPath, 'utf8');
const webFiles = JSON.parse(original) as string[];
const document = 'query CampaignTitles {\n  campaigns {\n    id\n    title\n  }\n}\n';
const id = documentId(document);

let platform: TestPlatform;
let logs: ReturnType<typeof captureLogs>;
beforeAll(async () => {
  logs = captureLogs();
  platform = await startTestPlatform({
    production: true,
    centers: ['marketing'],
    gateway: { trustedDocuments: true, operationsDirectory: directory, watchTrustedDocuments: true },
  });
});
afterAll(async () => {
  await platform.stop();
  logs.stop();
  rmSync(root, { recursive: true, force: true });
});

async function send(documentIdSent: string, channel = 'WEB') {
  const response = await fetch(platform.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': channel },
    body: JSON.stringify({ documentId: documentIdSent }),
  });
  return (await response.json()) as { data?: { campaigns?: unknown[] }; errors?: { extensions: { code: string } }[] };
}
const codeOf = async (documentIdSent: string, channel?: string) => (await send(documentIdSent, channel)).errors?.[0]?.extensions.code;

/** Waits, however long the watcher takes on a busy machine, until the gateway answers as expected. */
async function until(check: () => Promise<boolean>) {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 50));
}

const writeManifest = (files: string[]) => writeFileSync(manifestPath, `${JSON.stringify([...files].sort(), null, 2)}\n`);

test('a document added to a channel manifest becomes callable without a restart, and a removed one stops', async () => {
  expect(await codeOf(id)).toBe('PERSISTED_QUERY_NOT_FOUND');

  writeFileSync(join(directory, 'CampaignTitles.graphql'), document);
  writeManifest([...webFiles, 'CampaignTitles.graphql']);
  await until(async () => Array.isArray((await send(id)).data?.campaigns));
  const answer = await send(id);
  expect(answer.errors).toBeUndefined();
  // Only the channel whose manifest names it may run it.
  expect(await codeOf(id, 'MOBILE_APP')).toBe('PERSISTED_QUERY_NOT_FOUND');

  writeManifest(webFiles);
  await until(async () => (await codeOf(id)) === 'PERSISTED_QUERY_NOT_FOUND');
  // The rest of the channel's documents serve throughout.
  const campaigns = webFiles.find((file) => file === 'Campaigns.graphql')!;
  const campaignsAnswer = await send(documentId(readFileSync(join(directory, campaigns), 'utf8')));
  expect(campaignsAnswer.errors).toBeUndefined();
  expect(Array.isArray(campaignsAnswer.data?.campaigns)).toBe(true);
});

test('a broken manifest is refused and logged; the previous set keeps serving', async () => {
  writeFileSync(join(directory, 'CampaignTitles.graphql'), document);
  writeManifest([...webFiles, 'CampaignTitles.graphql']);
  await until(async () => Array.isArray((await send(id)).data?.campaigns));

  // A manifest naming a file that does not exist, then one that is not JSON at all.
  writeManifest([...webFiles, 'CampaignTitles.graphql', 'NoSuchOperation.graphql']);
  expect(platform.gateway.reloadTrustedDocuments()).toBe(false);
  writeFileSync(manifestPath, '["CampaignTitles.graphql", ');
  expect(platform.gateway.reloadTrustedDocuments()).toBe(false);
  expect((await send(id)).errors).toBeUndefined();

  const failures = logs.lines().filter((line) => line.message === 'trusted documents reload failed; the previous set keeps serving');
  expect(failures.length).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(failures)).toContain('NoSuchOperation.graphql');
  const metrics = await (await fetch(platform.gateway.metricsUrl!)).text();
  expect(
    Number(/bank_gateway_trusted_documents_reloads_total\{[^}]*outcome="failed"[^}]*\} (\d+)/.exec(metrics)?.[1]),
  ).toBeGreaterThanOrEqual(2);

  // Repaired, it is taken again.
  writeFileSync(manifestPath, original);
  await until(async () => (await codeOf(id)) === 'PERSISTED_QUERY_NOT_FOUND');
});
