// Runs one suite of tests with node's own test runner. Suites are named by file suffix:
//   unit    *.test.ts (pure) and *.int.test.ts (integration, on PGlite — or PostgreSQL with TEST_DATABASE_URL)
//   int     *.int.test.ts only (what `npm run test:pg` runs against the real server)
//   peer    *.peer.test.ts: against real peers CI installs (Dovecot, a Bluesky network)
//   browser *.browser.test.ts: the console and the widget in Debian's Chromium (one file at a time;
//           BROWSER_TEST_CONCURRENCY=2 runs two, as .ci/run does on its two cores)
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';

const suite = process.argv[2] ?? 'unit';
const extra = process.argv.slice(3);
const all = globSync('src/**/*.test.ts').sort();
const pick = {
  unit: (f) => !/\.(peer|browser)\.test\.ts$/.test(f),
  int: (f) => f.endsWith('.int.test.ts'),
  peer: (f) => f.endsWith('.peer.test.ts'),
  browser: (f) => f.endsWith('.browser.test.ts'),
}[suite];
if (!pick) {
  console.error(`unknown suite "${suite}": unit, int, peer or browser`);
  process.exit(2);
}
const files = all.filter(pick);
if (!files.length) {
  console.error(`no test files for suite ${suite}`);
  process.exit(1);
}
const concurrency = suite === 'browser' ? Number(process.env.BROWSER_TEST_CONCURRENCY ?? 1) : Number(process.env.TEST_CONCURRENCY ?? 2);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...extra, ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
