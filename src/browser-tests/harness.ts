import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../platform/config/index.ts';
import { PACKAGE_ROOT, enterWorkspace } from '../platform/db/index.ts';
import { createTestDatabase } from '../platform/db/testing.ts';
import { createMember, createWorkspace, type Role } from '../modules/access/index.ts';
import { startServer, type RunningServer } from '../server/index.ts';
import { startWorkers } from '../worker/index.ts';

/**
 * Browser tests drive the real console in Debian's Chromium (scripts/ci/chromium.sh installs it)
 * against a real Lookout server started in this process on a free port, with a fresh database.
 */

export const CHROMIUM = process.env.LOOKOUT_CHROMIUM ?? '/usr/bin/chromium';
/** The flags this machine class needs: no sandbox as root, and no calls home on a closed network. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const PASSWORD = 'correct horse battery staple';
export const SCREENSHOTS = path.join(PACKAGE_ROOT, 'artifacts/screenshots');

/** The people of the seeded workspace, one per role, with names that read like a real team. */
export const PEOPLE: Record<Role, { name: string; email: string; persona?: string }> = {
  admin: { name: 'Morgan Lee', email: 'morgan@acme.test' },
  supervisor: { name: 'Priya Natarajan', email: 'priya@acme.test', persona: '^PN' },
  agent: { name: 'Sam Ortiz', email: 'sam@acme.test', persona: '^SO' },
  analyst: { name: 'Jordan Kim', email: 'jordan@acme.test' },
  product: { name: 'Alex Rivera', email: 'alex@acme.test' },
};

export interface Lookout {
  url: string;
  server: RunningServer;
  /** The one-time setup link, when started without a seeded workspace. */
  setupLink: string | null;
  members: Record<Role, { id: string; email: string; name: string }>;
  close(): Promise<void>;
}

let consoleChecked = false;
/** Builds the console once per run when its sources are newer than web/dist (same rule as `npm start`). */
export const ensureConsoleBuilt = (): void => {
  if (consoleChecked) return;
  const check = "import('./scripts/freshness.mjs').then((m) => process.exit(m.isWebFresh() ? 0 : 1))";
  let fresh = existsSync(path.join(PACKAGE_ROOT, 'web/dist/index.html'));
  if (fresh) {
    try {
      execFileSync(process.execPath, ['--input-type=module', '-e', check], { cwd: PACKAGE_ROOT, stdio: 'ignore' });
    } catch {
      fresh = false;
    }
  }
  if (!fresh) execFileSync('npm', ['run', 'build:web'], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  consoleChecked = true;
};

/**
 * A Lookout server with a fresh database; seeded with workspace "acme" and one member per role unless
 * `seed: false`. `workers: true` also starts the background workers (pipeline, channel polls,
 * outbox) as `npm start` does, so a reply the console sends actually leaves through its connector.
 */
export const startLookout = async ({ seed = true, workers = false }: { seed?: boolean; workers?: boolean } = {}): Promise<Lookout> => {
  ensureConsoleBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lookout-browser-'));
  const env: Record<string, string | undefined> = { ...process.env };
  // A fresh embedded database (or TEST_DATABASE_URL's template copy), never a configured server.
  delete env.DATABASE_URL;
  delete env.LOOKOUT_PUBLIC_URL;
  const config = loadConfig({ ...env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', LOOKOUT_DATA_DIR: dataDir, LOOKOUT_LOGIN_RATE_LIMIT: '1000' });
  const { db, cleanup } = await createTestDatabase();
  let setupLink: string | null = null;
  const server = await startServer(config, { db, printSetupLink: (u) => (setupLink = u), ...(workers ? { startBackground: startWorkers } : {}) });
  const members = {} as Lookout['members'];
  if (seed) {
    await db.system(async (tx) => {
      const ws = await createWorkspace(tx, { slug: 'acme', name: 'Acme Support', timeZone: 'Europe/Paris' });
      await enterWorkspace(tx, ws.id);
      for (const role of Object.keys(PEOPLE) as Role[]) {
        const p = PEOPLE[role];
        const m = await createMember(tx, ws.id, { ...p, role, password: PASSWORD, capacity: role === 'agent' ? 12 : 20 });
        members[role] = { id: m.id, email: m.email, name: m.name };
      }
    });
  }
  return {
    url: server.url.replace('localhost', '127.0.0.1'),
    server,
    setupLink: setupLink ? (setupLink as string).replace('localhost', '127.0.0.1') : null,
    members,
    close: async () => {
      await server.close();
      await cleanup().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Page errors and CSP violations seen so far (a test asserts it stays empty). */
  problems: string[];
  close(): Promise<void>;
}

/** Chromium with a fresh profile, one tab, and a watch on script errors and CSP violations. */
export const openBrowser = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ci/chromium.sh`);
  const profile = mkdtempSync(path.join(tmpdir(), 'lookout-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1360, height: 820 },
    locale: 'en-US',
    timezoneId: 'Europe/Paris',
    // The console honours reduced motion (no modal and transition animations): axe then checks the
    // colours a person reads, never a frame of a fade-in.
    reducedMotion: 'reduce',
  });
  // Fail fast: a local page that has not shown something in 10 s will not show it.
  context.setDefaultTimeout(10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Uncaught/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** Signs in through the API (the cookie lands in the browser's jar), then opens `path`. */
export const signInAs = async (b: Browser, lookout: Lookout, role: Role, to = '/'): Promise<void> => {
  await b.context.clearCookies();
  const res = await b.context.request.post(`${lookout.url}/api/session`, { data: { email: PEOPLE[role].email, password: PASSWORD } });
  if (!res.ok()) throw new Error(`sign-in as ${role} failed: ${res.status()} ${await res.text()}`);
  await b.page.goto(`${lookout.url}${to}`);
  await b.page.getByTestId('role-badge').waitFor();
};

/** Saves a full-page screenshot to artifacts/screenshots/<name>.png (git-ignored) and returns its path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // Let transitions (modals, notifications) settle so the picture shows the resting state.
  await page.waitForTimeout(250);
  await page.screenshot({ path: file, fullPage: true });
  return file;
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP still
 * applies to the page itself) and returns the serious and critical violations.
 */
export const seriousA11yViolations = async (page: Page): Promise<AxeViolation[]> => {
  const hasAxe = await page.evaluate('typeof window.axe !== "undefined"');
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => String(n.target) + ' :: ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')),
  })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
};

/** Human-readable form of violations, for an assertion message. */
export const describeViolations = (vs: AxeViolation[]): string => vs.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.targets.join('\n    ')}`).join('\n');

/**
 * Waits until a condition holds in the page. Playwright's `waitForFunction` evaluates its predicate
 * with eval inside the page, which the console's Content-Security-Policy (no 'unsafe-eval') refuses
 * whenever the condition is not already true; `page.evaluate` goes through the DevTools protocol
 * (Runtime.evaluate) instead, so polling it works under the real CSP.
 */
export const waitInPage = async (page: Page, expression: string, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${expression}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
