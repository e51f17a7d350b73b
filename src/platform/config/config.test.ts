import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'lookout-config-'));

describe('config', () => {
  it('has working defaults: port 3000, embedded database in ./data, a generated secret key', () => {
    const dir = tmp();
    const c = loadConfig({}, dir);
    assert.equal(c.port, 3000);
    assert.equal(c.databaseUrl, null);
    assert.equal(c.dataDir, path.join(dir, 'data'));
    const keyFile = path.join(dir, 'data', 'secret-key');
    assert.equal(c.secretKey.reveal(), readFileSync(keyFile, 'utf8').trim());
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(loadConfig({}, dir).secretKey.reveal(), c.secretKey.reveal(), 'the key is reused on the next start');
    assert.ok(Object.isFrozen(c));
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', LOOKOUT_SECRET_KEY: 'short', LOOKOUT_WORKERS: 'maybe' }, tmp());
      assert.fail('should have thrown');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.equal(e.problems.length, 5, e.message);
      assert.match(e.message, /PORT must be a whole number/);
      assert.match(e.message, /LOG_LEVEL/);
      assert.match(e.message, /DATABASE_URL must start with postgres/);
      assert.match(e.message, /LOOKOUT_SECRET_KEY must be at least 32/);
      assert.match(e.message, /LOOKOUT_WORKERS must be true or false/);
    }
  });

  it('never prints secrets: not the database password, not the key', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://lookout:hunter2hunter2@db:5432/lookout', LOOKOUT_SECRET_KEY: 'k'.repeat(40) }, tmp());
    const shown = `${JSON.stringify(c)} ${inspect(c)} ${String(c.secretKey)}`;
    assert.ok(!shown.includes('hunter2'), shown);
    assert.ok(!shown.includes('kkkkkkkk'), shown);
    assert.equal(c.databaseUrl?.reveal(), 'postgres://lookout:hunter2hunter2@db:5432/lookout');
    try {
      loadConfig({ DATABASE_URL: 'postgres://u:sekret@ bad host' }, tmp());
    } catch (e) {
      assert.ok(!(e as Error).message.includes('sekret'));
    }
  });

  it('requires an explicit secret key in production with PostgreSQL', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' }, tmp()), /LOOKOUT_SECRET_KEY is required/);
  });
});
