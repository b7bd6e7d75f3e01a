/** `npm run docs:channels`: rewrites README.md's feature × channel table from the channel manifests. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../platform/paths';
import { withChannelTable } from './channelTable';

const file = join(projectRoot, 'README.md');
const before = readFileSync(file, 'utf8');
const after = withChannelTable(before);
writeFileSync(file, after);
console.log(before === after ? 'README.md: channel table already up to date' : 'README.md: channel table rewritten');
