import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '@tradeloom/db';
import { afterAll, describe, expect, it } from 'vitest';

// K4: a second process on the same PGlite folder is refused, so it cannot corrupt the data.
const root = mkdtempSync(path.join(tmpdir(), 'tl-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('embedded database folder lock', () => {
  it('refuses a second process while the first holds the folder, and frees it on close', async () => {
    const dataDir = path.join(root, 'pglite');
    const first = await createDb({ dataDir });
    const script = `import { createDb } from '@tradeloom/db'; try { await createDb({ dataDir: ${JSON.stringify(dataDir)} }); console.log('OPENED'); } catch (e) { console.log(e.message); }`;
    const second = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: path.resolve(import.meta.dirname, '../../db'),
      encoding: 'utf8',
    });
    expect(second.stdout).toContain(`is in use by process ${process.pid}`);
    expect(second.stdout).not.toContain('OPENED');
    await first.close();
    const again = await createDb({ dataDir });
    await again.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataDir = path.join(root, 'stale');
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    writeFileSync(path.join(root, 'stale.lock'), gone.stdout.trim());
    const handle = await createDb({ dataDir });
    expect(readFileSync(path.join(root, 'stale.lock'), 'utf8')).toBe(String(process.pid));
    await handle.close();
  });
});
