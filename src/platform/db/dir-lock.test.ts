import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { acquireDirLock, DataDirLockedError } from './dir-lock.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'lookout-lock-'));

describe('data directory lock', () => {
  it('refuses a second process on the same directory with a clear message', () => {
    const dir = tmp();
    const lock = acquireDirLock(dir);
    try {
      const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', `
        import('${path.resolve('src/platform/db/dir-lock.ts')}').then((m) => {
          try { m.acquireDirLock(${JSON.stringify(dir)}); console.log('acquired'); }
          catch (e) { console.log(e.name + ': ' + e.message); }
        });`], { encoding: 'utf8' });
      assert.match(child.stdout, /DataDirLockedError: The data directory .* is in use by another Lookout process \(pid \d+\)/);
    } finally {
      lock.release();
    }
    assert.ok(!existsSync(path.join(dir, 'lookout.lock')), 'released on close');
  });

  it('takes over a lock left by a process that died', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'lookout.lock'), '999999');
    const lock = acquireDirLock(dir);
    lock.release();
  });

  it('respects a lock held by another live process', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'lookout.lock'), String(process.ppid));
    assert.throws(() => acquireDirLock(dir), DataDirLockedError);
  });
});
