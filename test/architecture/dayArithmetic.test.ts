/**
 * The bank's day is the Asia/Shanghai calendar day, and only `platform/businessDay.ts` knows how to
 * get one from an instant. This reads every TypeScript source (tests included: a test that computes
 * its expected day its own way can drift with the code) and fails, naming the file and line, on a
 * copy of the UTC+8 arithmetic anywhere else.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const HOME = 'platform/businessDay.ts';
const SCANNED = ['platform', 'gateway', 'subgraphs', 'scripts', 'test'];
const SKIPPED = new Set(['node_modules', '__generated__']);
const THIS_FILE = relative(ROOT, __filename);

/**
 * A line that does Shanghai day arithmetic itself: the eight-hour offset in milliseconds or seconds,
 * an hour shifted by eight, an offset constant, the zone's name as a string (Intl, SQL `AT TIME
 * ZONE`: use `BANK_TIME_ZONE`), or a day string glued to `+08:00`. Dates written out in full in seed
 * data (`'2026-01-01T00:00:00.000+08:00'`) are instants, not arithmetic, and pass.
 */
const COPY = new RegExp(
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

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) return [];
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function copiesIn(file: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => (COPY.test(line) ? [`${file}:${index + 1}`] : []));
}

test('Asia/Shanghai day arithmetic lives only in platform/businessDay.ts', () => {
  const files = SCANNED.flatMap((directory) => sources(join(ROOT, directory))).map((path) => relative(ROOT, path));
  expect(copiesIn(HOME, readFileSync(join(ROOT, HOME), 'utf8')).length).toBeGreaterThan(0);
  const strays = files
    .filter((file) => file !== HOME && file !== THIS_FILE)
    .flatMap((file) => copiesIn(file, readFileSync(join(ROOT, file), 'utf8')));
  expect(strays).toEqual([]);
});

test('recognises the copies it looks for, and not instants written out in full', () => {
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
  expect(copies.filter((line) => copiesIn('a.ts', line).length === 0)).toEqual([]);
  const fine = [
    "effectiveAt: new Date('2026-01-01T00:00:00.000+08:00'),",
    "import { shanghaiDay } from '../../platform/businessDay';",
    '// Five wrong entries in one Asia/Shanghai day lock the PIN.',
    '(e.occurred_at AT TIME ZONE ${BANK_TIME_ZONE})::date',
    'const RETRY_MS = 8 * 1000;',
  ];
  expect(fine.flatMap((line) => copiesIn('a.ts', line))).toEqual([]);
});
