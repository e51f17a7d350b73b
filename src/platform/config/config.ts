import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Configuration is read once at start-up from the environment. Every problem is collected
 * and reported together (never one at a time), and the result is frozen. Secret values are
 * wrapped in `Secret` so that printing or logging the config never shows them.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[secret]';
  }
  toJSON(): string {
    return '[secret]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[secret]';
  }
}

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl: Secret | null;
  dataDir: string;
  secretKey: Secret;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlHours: number;
  loginRateLimitPerMinute: number;
  bodyLimitBytes: number;
  /** Run the pipeline workers in this process (`lookout start`); off for API-only processes. */
  runWorkers: boolean;
  natsUrl: string | null;
  smtpUrl: Secret | null;
  alertFromAddress: string;
  trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable Lookout reads, with its meaning; the README's table is written from this. */
export const CONFIG_VARIABLES: Record<string, string> = {
  PORT: 'HTTP port (default 3000)',
  HOST: 'interface to listen on (default 0.0.0.0)',
  LOOKOUT_PUBLIC_URL: 'the URL people use to reach Lookout, for links in emails and the setup link (default http://localhost:PORT)',
  DATABASE_URL: 'postgres://user:pass@host:5432/db — use this PostgreSQL server instead of the embedded database',
  LOOKOUT_DATA_DIR: 'where the embedded database and the generated secret key live (default ./data)',
  LOOKOUT_SECRET_KEY: 'key that encrypts channel credentials at rest (at least 32 characters); generated into the data dir when absent',
  LOG_LEVEL: 'fatal, error, warn, info (default), debug, trace or silent',
  NODE_ENV: 'production, development (default) or test',
  LOOKOUT_SESSION_TTL_HOURS: 'how long a sign-in lasts (default 168)',
  LOOKOUT_LOGIN_RATE_LIMIT: 'sign-in attempts allowed per minute per address and per email (default 10)',
  LOOKOUT_BODY_LIMIT_BYTES: 'largest accepted request body (default 1048576)',
  LOOKOUT_WORKERS: 'run the pipeline workers in this process: true (default) or false',
  NATS_URL: 'nats://host:4222 — spread pipeline work over several machines with NATS JetStream',
  SMTP_URL: 'smtp://user:pass@host:587 — how Lookout sends its own mail (alerts, invitations)',
  LOOKOUT_MAIL_FROM: 'sender address of Lookout\'s own mail (default lookout@localhost)',
  LOOKOUT_TRUST_PROXY: 'true when behind a reverse proxy that sets X-Forwarded-For (default false)',
};

const intIn = (problems: string[], name: string, raw: string | undefined, def: number, min: number, max: number): number => {
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return def;
  }
  return n;
};

const bool = (problems: string[], name: string, raw: string | undefined, def: boolean): boolean => {
  if (raw === undefined || raw === '') return def;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return def;
};

const urlWith = (problems: string[], name: string, raw: string | undefined, protocols: string[]): string | null => {
  if (raw === undefined || raw === '') return null;
  try {
    const u = new URL(raw);
    if (!protocols.includes(u.protocol)) {
      problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      return null;
    }
    return raw;
  } catch {
    // Never echo the value: it may hold a password.
    problems.push(`${name} is not a valid URL`);
    return null;
  }
};

/** The generated key lives beside the embedded data so a restart can still read sealed secrets. */
const readOrCreateSecretKey = (dataDir: string): string => {
  const file = path.join(dataDir, 'secret-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
};

export const loadConfig = (env: Env = process.env, cwd = process.cwd()): Readonly<Config> => {
  const problems: string[] = [];
  const port = intIn(problems, 'PORT', env.PORT, 3000, 0, 65535);
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) problems.push(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  const logLevel = env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  const databaseUrl = urlWith(problems, 'DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']);
  const natsUrl = urlWith(problems, 'NATS_URL', env.NATS_URL, ['nats:', 'tls:']);
  const smtpUrl = urlWith(problems, 'SMTP_URL', env.SMTP_URL, ['smtp:', 'smtps:']);
  const publicUrl = urlWith(problems, 'LOOKOUT_PUBLIC_URL', env.LOOKOUT_PUBLIC_URL, ['http:', 'https:']) ?? `http://localhost:${port}`;
  const dataDir = path.resolve(cwd, env.LOOKOUT_DATA_DIR || './data');
  const secretKeyRaw = env.LOOKOUT_SECRET_KEY;
  if (secretKeyRaw !== undefined && secretKeyRaw.length < 32) problems.push('LOOKOUT_SECRET_KEY must be at least 32 characters');
  if (nodeEnv === 'production' && databaseUrl && !secretKeyRaw) problems.push('LOOKOUT_SECRET_KEY is required in production with DATABASE_URL (it encrypts channel credentials)');

  const config: Config = {
    env: nodeEnv as Config['env'],
    host: env.HOST || '0.0.0.0',
    port,
    publicUrl: publicUrl.replace(/\/$/, ''),
    databaseUrl: databaseUrl ? new Secret(databaseUrl) : null,
    dataDir,
    secretKey: new Secret(''),
    logLevel: logLevel as Config['logLevel'],
    sessionTtlHours: intIn(problems, 'LOOKOUT_SESSION_TTL_HOURS', env.LOOKOUT_SESSION_TTL_HOURS, 168, 1, 24 * 365),
    loginRateLimitPerMinute: intIn(problems, 'LOOKOUT_LOGIN_RATE_LIMIT', env.LOOKOUT_LOGIN_RATE_LIMIT, 10, 1, 10_000),
    bodyLimitBytes: intIn(problems, 'LOOKOUT_BODY_LIMIT_BYTES', env.LOOKOUT_BODY_LIMIT_BYTES, 1_048_576, 1024, 104_857_600),
    runWorkers: bool(problems, 'LOOKOUT_WORKERS', env.LOOKOUT_WORKERS, true),
    natsUrl,
    smtpUrl: smtpUrl ? new Secret(smtpUrl) : null,
    alertFromAddress: env.LOOKOUT_MAIL_FROM || 'lookout@localhost',
    trustProxy: bool(problems, 'LOOKOUT_TRUST_PROXY', env.LOOKOUT_TRUST_PROXY, false),
  };
  if (problems.length) throw new ConfigError(problems);
  config.secretKey = new Secret(secretKeyRaw ?? readOrCreateSecretKey(dataDir));
  return Object.freeze(config);
};
