import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { readChannelOperations } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { checkSchemaChange } from '../../scripts/schemaGovernance';

/** The governance check fails on a breaking change to anything a channel operation uses, and only then. */
const committed = readSupergraph();
const operations = readChannelOperations();

test('the committed supergraph against itself is clean', async () => {
  const report = await checkSchemaChange(committed, committed, operations);
  expect(report.broken).toEqual([]);
});

test('removing a field a channel uses fails, naming channel and operation', async () => {
  // `maskedNumber` on Account is selected by several channels' account operations.
  const removed = committed.replace(/\n\s*"""[^"]*"""\s*\n\s*maskedNumber: String!.*$/m, '');
  expect(removed).not.toBe(committed);
  const report = await checkSchemaChange(committed, removed, operations);
  const users = report.broken
    .filter((broken) => broken.path === 'Account.maskedNumber')
    .map((broken) => `${broken.channel} ${broken.operation}`);
  expect(users).toEqual(expect.arrayContaining(['MOBILE_APP HomeScreen.graphql', 'WEB AccountHistory.graphql']));
});

test('a breaking change to a field no channel uses is allowed but listed', async () => {
  const changed = committed.replace(/^(\s*)(maskedNumber: String!)(.*)$/m, '$1$2$3\n$1unusedByChannels: String');
  const added = await checkSchemaChange(committed, changed, operations);
  expect(added.broken).toEqual([]);
  const removedAgain = await checkSchemaChange(changed, committed, operations);
  expect(removedAgain.broken).toEqual([]);
  expect(removedAgain.unusedBreaking).toContainEqual(expect.objectContaining({ type: 'FIELD_REMOVED', path: 'Account.unusedByChannels' }));
});

test('deprecated fields still in use are reported with their channels', async () => {
  const deprecated = committed.replace(/^(\s*maskedNumber: String!)(.*)$/m, '$1 @deprecated(reason: "use displayNumber")$2');
  const report = await checkSchemaChange(committed, deprecated, operations);
  expect(report.broken).toEqual([]);
  const usage = report.deprecated.find((entry) => entry.path === 'Account.maskedNumber');
  expect(usage?.reason).toBe('use displayNumber');
  expect(usage?.usedBy).toEqual(expect.arrayContaining(['MOBILE_APP HomeScreen.graphql']));
});
