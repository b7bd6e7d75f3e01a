/**
 * Small rules that every center needs live in one kit module each, so they cannot drift apart:
 * - recognising a unique violation: `subgraphs/kit/database/uniqueViolation.ts`;
 * - the shape of an idempotency key: `subgraphs/kit/idempotencyKey.ts`;
 * - the bank's day, the Asia/Shanghai calendar day of an instant: `platform/businessDay.ts`.
 * This reads every TypeScript source outside generated code (tests included: a test that computes
 * its expected day its own way can drift with the code) and fails, naming the file and line, on a
 * copy of any of them anywhere else.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['platform', 'gateway', 'subgraphs', 'scripts', 'test'];
const SKIPPED = new Set(['node_modules', '__generated__']);
const THIS_FILE = relative(ROOT, __filename);

/**
 * A line that does Shanghai day arithmetic itself: the eight-hour offset in milliseconds or seconds,
 * an hour shifted by eight, an offset constant, the zone's name as a string (Intl, SQL `AT TIME
 * ZONE`: use `BANK_TIME_ZONE`), or a day string glued to `+08:00`. Dates written out in full in seed
 * data (`'2026-01-01T00:00:00.000+08:00'`) are instants, not arithmetic, and pass.
 */
const SHANGHAI_DAY_ARITHMETIC = new RegExp(
  [
    String.raw`\b8\s*\*\s*60\s*\*\s*60\b`,
    String.raw`\b8\s*\*\s*3_?600(_?000)?\b`,
    String.raw`\b28_?800(_?000)?\b`,
    String.raw`\b480\s*\*\s*60\b`,
    String.raw`getUTCHours\(\)\s*\+\s*8\b`,
    String.raw`SHANGHAI_OFFSET`,
    String.raw`['"\x60]Asia/Shanghai['"\x60]`,
    String.raw`\}T00:00(:00(\.000)?)?\+08:00`,
  ].join('|'),
);

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
  { name: 'Asia/Shanghai day arithmetic', home: 'platform/businessDay.ts', copy: SHANGHAI_DAY_ARITHMETIC },
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
    const [unique, key] = RULES as [Rule, Rule, Rule];
    expect(copiesIn('a.ts', "if ((error as { code?: string }).code === 'P2002') throw error;", unique)).toEqual(['a.ts:1']);
    expect(copiesIn('a.ts', 'const ok = 1;\nexport function isUniqueViolation(error: unknown) {', unique)).toEqual(['a.ts:2']);
    expect(copiesIn('a.ts', "import { isUniqueViolation } from '../kit/database/uniqueViolation';", unique)).toEqual([]);
    expect(copiesIn('a.ts', 'const KEY = /^[A-Za-z0-9_-]{8,64}$/;', key)).toEqual(['a.ts:1']);
    expect(copiesIn('a.ts', 'const KEY = /^[A-Za-z0-9_:-]{8,80}$/;', key)).toEqual(['a.ts:1']);
    expect(copiesIn('a.ts', 'const ID = /^[A-Za-z0-9_-]{1,64}$/;', key)).toEqual([]);
  });

  it('recognises Shanghai day arithmetic, and not instants written out in full', () => {
    const day = RULES[2]!;
    const copies = [
      'const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;',
      'return new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);',
      'const day = new Date(now.getTime() + 8 * 3600_000).toISOString();',
      'const OFFSET = 28_800_000;',
      'return (at.getUTCHours() + 8) % 24;',
      "(occurred_at AT TIME ZONE 'Asia/Shanghai')::date",
      'new Intl.DateTimeFormat(\'zh-CN\', { timeZone: "Asia/Shanghai" })',
      'new Date(`${day}T00:00:00+08:00`)',
    ];
    expect(copies.filter((line) => copiesIn('a.ts', line, day).length === 0)).toEqual([]);
    const fine = [
      "effectiveAt: new Date('2026-01-01T00:00:00.000+08:00'),",
      "import { shanghaiDay } from '../../platform/businessDay';",
      '// Five wrong entries in one Asia/Shanghai day lock the PIN.',
      '(e.occurred_at AT TIME ZONE ${BANK_TIME_ZONE})::date',
      'const RETRY_MS = 8 * 1000;',
    ];
    expect(fine.flatMap((line) => copiesIn('a.ts', line, day))).toEqual([]);
  });
});
