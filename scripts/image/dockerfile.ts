/**
 * Reads the root Dockerfile and its .dockerignore the way `docker build` does, for the parts this project
 * uses: global ARGs and `${NAME}` substitution, stages (`FROM … AS name`), WORKDIR, ENV, COPY (with
 * `--from`/`--chown`), RUN in shell form, USER, EXPOSE, ENTRYPOINT and CMD in JSON form. Anything else is
 * refused, so the recipe (scripts/image-recipe.ts) can never silently skip a line the image runs.
 */

export type Instruction =
  | { kind: 'WORKDIR'; path: string }
  | { kind: 'ENV'; values: Record<string, string> }
  | { kind: 'COPY'; from?: string; chown?: string; sources: string[]; destination: string }
  | { kind: 'RUN'; command: string }
  | { kind: 'USER'; user: string }
  | { kind: 'EXPOSE'; ports: number[] }
  | { kind: 'ENTRYPOINT' | 'CMD'; argv: string[] };

export interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/** The logical lines of a Dockerfile: comments dropped, `\` continuations joined. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) continue;
    if (pending && line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      continue;
    }
    lines.push((pending + line).trim());
    pending = '';
  }
  if (pending) lines.push(pending.trim());
  return lines;
}

function substitute(value: string, args: Record<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced?: string, bare?: string) => {
    const name = (braced ?? bare)!;
    return name in args ? args[name]! : whole;
  });
}

function keyValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [, key, quoted, plain] of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|(\S*))/g)) values[key!] = quoted ?? plain ?? '';
  return values;
}

export function parseDockerfile(text: string): Stage[] {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logicalLines(text)) {
    const match = /^([A-Za-z]+)\s+(.*)$/s.exec(line);
    if (!match) throw new Error(`Dockerfile: cannot read "${line}"`);
    const keyword = match[1]!.toUpperCase();
    const rest = match[2]!;
    const stage = stages.at(-1);
    if (keyword === 'ARG') {
      const [name, value = ''] = rest.split('=', 2) as [string, string?];
      args[name.trim()] = value.trim();
      continue;
    }
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!from) throw new Error(`Dockerfile: cannot read "${line}"`);
      stages.push({ name: from[2] ?? String(stages.length), base: substitute(from[1]!, args), instructions: [] });
      continue;
    }
    if (!stage) throw new Error(`Dockerfile: "${keyword}" before any FROM`);
    const push = (instruction: Instruction) => stage.instructions.push(instruction);
    switch (keyword) {
      case 'WORKDIR':
        push({ kind: 'WORKDIR', path: substitute(rest, args) });
        break;
      case 'ENV':
        push({ kind: 'ENV', values: keyValues(substitute(rest, args)) });
        break;
      case 'RUN':
        if (rest.startsWith('[')) throw new Error('Dockerfile: RUN in JSON form is not supported by the recipe; use the shell form');
        push({ kind: 'RUN', command: rest });
        break;
      case 'COPY': {
        const words = rest.split(/\s+/);
        const flags = new Map<string, string>();
        while (words[0]?.startsWith('--')) {
          const [flag, value = ''] = words.shift()!.slice(2).split('=', 2) as [string, string?];
          flags.set(flag, value);
        }
        const unknown = [...flags.keys()].filter((flag) => flag !== 'from' && flag !== 'chown');
        if (unknown.length) throw new Error(`Dockerfile: COPY --${unknown.join(', --')} is not supported by the recipe`);
        if (words.length < 2) throw new Error(`Dockerfile: COPY needs a source and a destination: "${line}"`);
        push({ kind: 'COPY', from: flags.get('from'), chown: flags.get('chown'), sources: words.slice(0, -1), destination: words.at(-1)! });
        break;
      }
      case 'USER':
        push({ kind: 'USER', user: rest.trim() });
        break;
      case 'EXPOSE':
        push({ kind: 'EXPOSE', ports: rest.split(/\s+/).map((port) => Number.parseInt(port, 10)) });
        break;
      case 'ENTRYPOINT':
      case 'CMD': {
        const argv: unknown = JSON.parse(rest);
        if (!Array.isArray(argv) || !argv.every((word) => typeof word === 'string')) {
          throw new Error(`Dockerfile: ${keyword} must be in JSON form`);
        }
        push({ kind: keyword, argv });
        break;
      }
      default:
        throw new Error(`Dockerfile: ${keyword} is not supported by the recipe (scripts/image/dockerfile.ts)`);
    }
  }
  if (!stages.length) throw new Error('Dockerfile: no FROM');
  return stages;
}

/** One .dockerignore pattern as a regular expression over slash-separated paths relative to the context. */
function patternExpression(pattern: string): RegExp {
  let source = '';
  const text = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '*' && text[index + 1] === '*') {
      // `**/` matches any number of folders, none included; a trailing `**` anything below.
      if (text[index + 2] === '/') {
        source += '(?:.*/)?';
        index += 2;
      } else {
        source += '.*';
        index += 1;
      }
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * `docker build`'s exclusion rules: the last pattern that matches decides, `!` re-includes, and a pattern
 * matching a folder excludes everything below it.
 */
export function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) =>
      line.startsWith('!')
        ? { include: true, expression: patternExpression(line.slice(1)) }
        : { include: false, expression: patternExpression(line) },
    );
  return (path) => {
    const parts = path.split('/');
    const prefixes = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
    let excluded = false;
    for (const rule of rules) if (prefixes.some((prefix) => rule.expression.test(prefix))) excluded = !rule.include;
    return excluded;
  };
}
