import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

// PGlite is single-process: a second instance on the same data folder corrupts it
// (electric-sql/pglite#327). A lock file holding the owner's pid refuses the second start; a lock
// left by a process that no longer runs is taken over.

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, '..', `${path.basename(dataDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isFinite(owner) && owner !== process.pid && running(owner)) {
        throw new Error(`The database folder ${dataDir} is in use by process ${owner}. Stop it first, or set DATA_DIR to another folder.`);
      }
      if (existsSync(file)) rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
