/** `npm run docs:config`: rewrites README.md's configuration table from the configuration schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withConfigurationTable } from '../platform/configDocs';
import { projectRoot } from '../platform/paths';

const file = join(projectRoot, 'README.md');
const before = readFileSync(file, 'utf8');
const after = withConfigurationTable(before);
writeFileSync(file, after);
console.log(before === after ? 'README.md: configuration table already up to date' : 'README.md: configuration table rewritten');
