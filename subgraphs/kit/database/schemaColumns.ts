/**
 * The text columns of a center's database as its `prisma/<center>/schema.prisma` declares them
 * (table and column names after `@@map`/`@map`), for checks over the whole schema that need no
 * database. Relation fields and non-text scalars are left out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CenterName } from '../../../platform/centers';
import { projectRoot } from '../../../platform/paths';

export interface SchemaColumn {
  table: string;
  column: string;
}

export function textColumns(center: CenterName): SchemaColumn[] {
  const schema = readFileSync(join(projectRoot, 'prisma', center, 'schema.prisma'), 'utf8');
  const columns: SchemaColumn[] = [];
  for (const [, model, body] of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const table = /@@map\("([^"]+)"\)/.exec(body!)?.[1] ?? model!;
    for (const line of body!.split('\n')) {
      const field = /^\s*(\w+)\s+(String)(\[\])?\??\s*(.*)$/.exec(line);
      if (!field) continue;
      const column = /@map\("([^"]+)"\)/.exec(field[4]!)?.[1] ?? field[1]!;
      columns.push({ table, column });
    }
  }
  return columns;
}
