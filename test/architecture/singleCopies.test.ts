/**
 * Small rules that every center needs live in one kit module each, so they cannot drift apart:
 * - recognising a unique violation: `subgraphs/kit/database/uniqueViolation.ts`;
 * - the shape of an idempotency key: `subgraphs/kit/idempotencyKey.ts`.
 * This reads every TypeScript source outside generated code and fails, naming the file and line,
 * on a copy of either anywhere else.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['platform', 'gateway', 'subgraphs', 'scripts', 'test'];
const SKIPPED = new Set(['node_modules', '__generated__']);
const THIS_FILE = relative(ROOT, __filename);

interface Rule {
  name: string;
  home: string;
  /** Lines that hold a copy of the rule. */
  copy: RegExp;
}

const RULES: Rule[] = [
  {
    name: 'unique violation check',
    home: 'subgraphs/kit/database/uniqueViolation.ts',
    // Prisma's code for it, or a function of that name defined here.
    copy: /['"`]P2002['"`]|(?:function|const|let)\s+isUniqueViolation\b/,
  },
  {
    name: 'idempotency key pattern',
    home: 'subgraphs/kit/idempotencyKey.ts',
    // A character class of letters, digits, `_` and `-` with a length range starting at 8.
    copy: /\[A-Za-z0-9_:?-\]\{8,\d+\}/,
  },
];

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) return [];
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `file:line` of every line of `text` that holds a copy of `rule`. */
export function copiesIn(file: string, text: string, rule: Rule): string[] {
  return text.split('\n').flatMap((line, index) => (rule.copy.test(line) ? [`${file}:${index + 1}`] : []));
}

describe('one copy of each small rule', () => {
  const files = SCANNED.flatMap((directory) => sources(join(ROOT, directory))).map((path) => ({
    file: relative(ROOT, path),
    text: readFileSync(path, 'utf8'),
  }));

  it.each(RULES)('the $name lives only in $home', (rule) => {
    const home = files.find(({ file }) => file === rule.home);
    expect(home && copiesIn(home.file, home.text, rule).length).toBeGreaterThan(0);
    const strays = files
      .filter(({ file }) => file !== rule.home && file !== THIS_FILE)
      .flatMap(({ file, text }) => copiesIn(file, text, rule));
    expect(strays).toEqual([]);
  });

  it('recognises the copies it looks for', () => {
    const [unique, key] = RULES as [Rule, Rule];
    expect(copiesIn('a.ts', "if ((error as { code?: string }).code === 'P2002') throw error;", unique)).toEqual(['a.ts:1']);
    expect(copiesIn('a.ts', 'const ok = 1;\nexport function isUniqueViolation(error: unknown) {', unique)).toEqual(['a.ts:2']);
    expect(copiesIn('a.ts', "import { isUniqueViolation } from '../kit/database/uniqueViolation';", unique)).toEqual([]);
    expect(copiesIn('a.ts', 'const KEY = /^[A-Za-z0-9_-]{8,64}$/;', key)).toEqual(['a.ts:1']);
    expect(copiesIn('a.ts', 'const KEY = /^[A-Za-z0-9_:-]{8,80}$/;', key)).toEqual(['a.ts:1']);
    expect(copiesIn('a.ts', 'const ID = /^[A-Za-z0-9_-]{1,64}$/;', key)).toEqual([]);
  });
});
