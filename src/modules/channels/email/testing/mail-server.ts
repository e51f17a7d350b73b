/**
 * The real mail servers the email tests talk to: the throwaway Dovecot started by
 * scripts/ci/mail-server.sh (started here once if it is not answering), and an in-process
 * smtp-server that receives replies and can deliver them into a Dovecot mailbox.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface MailAccount {
  user: string;
  password: string;
}

export interface MailServerEnv {
  host: string;
  port: number;
  support: MailAccount;
  customer: MailAccount;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const SCRIPT = path.join(REPO_ROOT, 'scripts/ci/mail-server.sh');
const MAIL_DIR = process.env.LOOKOUT_MAIL_DIR ?? '/tmp/lookout-mail';

const readEnvFile = (): Record<string, string> => {
  const file = path.join(MAIL_DIR, 'env');
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.match(/^([A-Z_]+)=(.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => [m[1] as string, m[2] as string]),
  );
};

const loadEnv = (): MailServerEnv => {
  const env = { ...readEnvFile(), ...process.env } as Record<string, string | undefined>;
  return {
    host: env.LOOKOUT_TEST_IMAP_HOST ?? '127.0.0.1',
    port: Number(env.LOOKOUT_TEST_IMAP_PORT ?? 10143),
    support: { user: env.LOOKOUT_TEST_SUPPORT_USER ?? 'support@example.test', password: env.LOOKOUT_TEST_SUPPORT_PASSWORD ?? 'support-pass' },
    customer: { user: env.LOOKOUT_TEST_CUSTOMER_USER ?? 'customer@example.test', password: env.LOOKOUT_TEST_CUSTOMER_PASSWORD ?? 'customer-pass' },
  };
};

const isListening = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2_000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

let ready: Promise<MailServerEnv> | null = null;

/** The Dovecot settings; starts it with the CI script once when nothing answers. Never skips. */
export const ensureMailServer = (): Promise<MailServerEnv> =>
  (ready ??= (async () => {
    let env = loadEnv();
    if (await isListening(env.host, env.port)) return env;
    const run = spawnSync('bash', [SCRIPT], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 10 * 60_000 });
    env = loadEnv();
    if (run.status !== 0 || !(await isListening(env.host, env.port))) {
      throw new Error(`The test Dovecot is not running on ${env.host}:${env.port} and could not be started: run \`bash scripts/ci/mail-server.sh\` (as root) first`);
    }
    return env;
  })());

export const imapConfig = (env: MailServerEnv, account: MailAccount, mailbox: string, extra: Record<string, unknown> = {}) => ({
  host: env.host,
  port: env.port,
  secure: false,
  user: account.user,
  mailbox,
  ...extra,
});

/** Runs `work` on a logged-in connection and logs out. */
export const withImap = async <T>(env: MailServerEnv, account: MailAccount, work: (client: ImapFlow) => Promise<T>): Promise<T> => {
  const client = new ImapFlow({ host: env.host, port: env.port, secure: false, auth: { user: account.user, pass: account.password }, logger: false });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
};

/** A fresh mailbox per test, so tests running side by side (and earlier runs) never see each other's mail. */
export const createTestMailbox = async (env: MailServerEnv, account: MailAccount, prefix = 'test'): Promise<string> => {
  const name = `${prefix}-${randomUUID().slice(0, 8)}`;
  await withImap(env, account, (c) => c.mailboxCreate(name));
  return name;
};

export const deleteTestMailbox = (env: MailServerEnv, account: MailAccount, mailbox: string): Promise<unknown> =>
  withImap(env, account, (c) => c.mailboxDelete(mailbox)).catch(() => undefined);

export const appendMessage = (env: MailServerEnv, account: MailAccount, mailbox: string, source: string | Buffer): Promise<unknown> =>
  withImap(env, account, (c) => c.append(mailbox, source));

export interface ReceivedMail {
  from: string;
  to: string[];
  source: Buffer;
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  /** Make the next RCPT TO answer with this SMTP code and text (e.g. 451, 550). */
  failNextRecipient(code: number, text: string): void;
  close(): Promise<void>;
}

/**
 * An SMTP server on loopback that requires the support account's login, and hands every message
 * to `deliver` (which may APPEND it into the recipient's Dovecot mailbox) before answering 250.
 */
export const startSmtpSink = async (account: MailAccount, deliver?: (mail: ReceivedMail) => Promise<void>): Promise<SmtpSink> => {
  const received: ReceivedMail[] = [];
  let nextFailure: { code: number; text: string } | null = null;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === account.user && auth.password === account.password) return callback(null, { user: auth.username });
      const err = Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 });
      callback(err);
    },
    onRcptTo(_address, _session, callback) {
      if (!nextFailure) return callback();
      const { code, text } = nextFailure;
      nextFailure = null;
      callback(Object.assign(new Error(text), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const addr = (a: SMTPServerAddress | false) => (a ? a.address : '');
        const mail: ReceivedMail = { from: addr(session.envelope.mailFrom), to: session.envelope.rcptTo.map(addr), source: Buffer.concat(chunks) };
        received.push(mail);
        (deliver ? deliver(mail) : Promise.resolve()).then(() => callback(), (err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('smtp-server did not listen on a TCP port');
  return {
    port: address.port,
    received,
    failNextRecipient: (code, text) => {
      nextFailure = { code, text };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
