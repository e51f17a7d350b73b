import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../platform/db/index.ts';

/**
 * Rules for the console's source that no type checker enforces: nothing a customer wrote may
 * ever be parsed as HTML or code in the console, and the console shares only types with the
 * server (src/contracts), never server code.
 */
const WEB_SRC = path.join(PACKAGE_ROOT, 'web/src');
const files = readdirSync(WEB_SRC, { recursive: true })
  .map(String)
  .filter((f) => /\.(ts|tsx)$/.test(f))
  .map((f) => ({ name: f, text: readFileSync(path.join(WEB_SRC, f), 'utf8') }));

describe('console source rules', () => {
  it('finds the console sources', () => {
    assert.ok(files.length > 20, `only ${files.length} files under web/src`);
  });

  it('never injects raw HTML or evaluates strings', () => {
    const forbidden = [/dangerouslySetInnerHTML/, /\.innerHTML\s*=/, /\.outerHTML\s*=/, /insertAdjacentHTML/, /document\.write/, /\beval\(/, /new Function\(/];
    for (const f of files) {
      for (const re of forbidden) assert.ok(!re.test(f.text), `${f.name} uses ${re}`);
    }
  });

  it('imports from the server only the shared contracts, and only their types', () => {
    for (const f of files) {
      assert.ok(!/from\s+['"](\.\.\/)+src\//.test(f.text), `${f.name} reaches into src/ by path`);
      for (const m of f.text.matchAll(/import\s+(type\s+)?[^;]*?from\s+['"]@contracts['"]/g)) {
        assert.ok(m[1], `${f.name}: use \`import type\` for @contracts`);
      }
    }
  });
});
