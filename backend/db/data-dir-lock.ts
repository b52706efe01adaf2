import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one Postgres in one process: two processes opening the same files would corrupt them.
 * The lock file holds the owner's pid; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'patchbay.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: { pid?: number; host?: string } = {};
      try {
        owner = JSON.parse(readFileSync(lockPath, 'utf8')) as typeof owner;
      } catch {
        // A lock file cut short by a crash mid-write has no live owner.
      }
      const sameHost = owner.host === undefined || owner.host === hostname();
      if (
        typeof owner.pid === 'number' &&
        owner.pid !== process.pid &&
        (!sameHost || processIsAlive(owner.pid))
      ) {
        throw new DataDirInUseError(
          `The data directory ${resolve(dataDir)} is in use by another Patchbay process (pid ${owner.pid}${
            sameHost ? '' : ` on ${owner.host}`
          }). Stop that process first, or set DATABASE_URL to a PostgreSQL server that several processes can share.`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the data directory ${resolve(dataDir)}`);
}
