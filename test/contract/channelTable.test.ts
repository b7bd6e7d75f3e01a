import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelOperation } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { projectRoot } from '../../platform/paths';
import { channelTable, withChannelTable } from '../../scripts/channelTable';

const rowOf = (table: string, feature: string) => table.split('\n').find((line) => line.startsWith(`| ${feature} |`));

test("the README's feature × channel table is the one generated from the manifests (npm run docs:channels)", () => {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  expect(withChannelTable(readme)).toBe(readme);
});

test('the table marks a feature ✓ where a channel lists all of it, partly where some, and gives an unknown operation its own row', () => {
  const operation = (channel: ChannelOperation['channel'], name: string): ChannelOperation => ({
    channel,
    file: `${name}.graphql`,
    document: `query ${name} { me { id } }`,
  });
  const table = channelTable([
    operation('WEB', 'Inbox'),
    operation('WEB', 'MarkMessageRead'),
    operation('WECHAT_MINI', 'Inbox'),
    operation('OPS', 'Brand'),
  ]);
  // Columns: WEB, MOBILE_APP, WECHAT_MINI, WECHAT_BANKING, ALIPAY_MINI, OPS.
  expect(rowOf(table, 'Inbox')).toBe('| Inbox | ✓ |  | partly |  |  |  |');
  expect(rowOf(table, '`Brand`')).toBe('| `Brand` |  |  |  |  |  | ✓ |');
  expect(rowOf(table, 'Behavior events')).toBe('| Behavior events |  |  |  |  |  |  |');
});

test('the generated table shows the catalogue and the manifests as they are', () => {
  const table = channelTable();
  expect(rowOf(table, 'Behavior events')).toBe('| Behavior events | ✓ | ✓ | ✓ | ✓ | ✓ |  |');
  expect(rowOf(table, '*On sale (product catalogue)*')).toContain('| wealth |  |');
  expect(rowOf(table, 'Time deposits')).toBe('| Time deposits | ✓ | ✓ |  | ✓ |  |  |');
});
