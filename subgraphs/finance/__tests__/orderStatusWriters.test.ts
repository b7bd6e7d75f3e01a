/**
 * The order machine (`service/orderMachine.ts`) is the only code that writes an order's status. This
 * reads every finance source file and fails, naming the file and line, on:
 * - a Prisma write of the order model (`.order.create/update/upsert…`) whose data names `status`, or
 *   whose data is not an object literal (a status could hide in it);
 * - SQL that inserts into `payment_order` or sets its `status`.
 * Seeding writes demo orders in their final state and is not an order's life: it is left out.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const FINANCE = join(__dirname, '..');
const MACHINE = join(FINANCE, 'service', 'orderMachine.ts');
const NOT_SCANNED = new Set(['__generated__', '__tests__', 'seed.ts']);
const ORDER_WRITES = new Set(['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert']);
/** The parts of an order write that carry column values. */
const DATA_KEYS = new Set(['data', 'create', 'update']);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (NOT_SCANNED.has(entry.name)) return [];
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const propertyName = (property: ts.ObjectLiteralElementLike) =>
  property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;

/** Why this Prisma call may write an order's status, or null. */
function prismaStatusWrite(call: ts.CallExpression): string | null {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ORDER_WRITES.has(callee.name.text)) return null;
  const model = callee.expression;
  if (!ts.isPropertyAccessExpression(model) || model.name.text !== 'order') return null;
  const [argument] = call.arguments;
  if (!argument || !ts.isObjectLiteralExpression(argument)) return `order.${callee.name.text} with arguments that cannot be checked`;
  for (const property of argument.properties) {
    if (!DATA_KEYS.has(propertyName(property) ?? '')) continue;
    if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(property.initializer))
      return `order.${callee.name.text} with data that cannot be checked`;
    const fields = property.initializer.properties;
    if (fields.some((field) => propertyName(field) === 'status')) return `order.${callee.name.text} writes status`;
    if (fields.some((field) => ts.isSpreadAssignment(field))) return `order.${callee.name.text} spreads values into its data`;
  }
  return null;
}

/** Why this SQL text may write an order's status, or null. */
function sqlStatusWrite(sql: string): string | null {
  if (/\bINSERT\s+INTO\s+"?payment_order"?/i.test(sql)) return 'SQL inserts into payment_order';
  for (const update of sql.matchAll(/\bUPDATE\s+"?payment_order"?(?:\s+\w+)?\s+SET\b([\s\S]*?)(?:\bWHERE\b|\bFROM\b|\bRETURNING\b|$)/gi)) {
    if (/(^|[\s,.])"?status"?\s*=/i.test(update[1]!)) return 'SQL sets payment_order.status';
  }
  return null;
}

/** Every place in `file` that may write an order's status, as `file:line reason`. */
export function statusWrites(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, reason: string | null) => {
    if (!reason) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push(`${relative(FINANCE, file)}:${line} ${reason}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) report(node, prismaStatusWrite(node));
    if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node) || ts.isStringLiteral(node))
      report(node, sqlStatusWrite(node.getText(source)));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('who writes an order status', () => {
  it('no finance source outside the order machine writes an order status', () => {
    const files = sourceFiles(FINANCE).filter((file) => file !== MACHINE);
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap(statusWrites)).toEqual([]);
  });

  it('the scan sees the writes it looks for: the machine enters and moves orders', () => {
    expect(statusWrites(MACHINE)).toEqual([
      expect.stringMatching(/orderMachine\.ts:\d+ order\.create writes status/),
      expect.stringMatching(/orderMachine\.ts:\d+ SQL sets payment_order\.status/),
    ]);
  });
});
