/**
 * Test helpers for alerting: an in-process SMTP server and an HTTP receiver that record what they
 * get, and an incident opened the way the incidents module does it (row + `incident.opened` event).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { schema, type Database } from '../../platform/db/index.ts';
import { recordEvents, type EventBus } from '../../platform/events/index.ts';

export interface SmtpInbox {
  url: string;
  mails: { to: string[]; parsed: ParsedMail }[];
  close(): Promise<void>;
}

export const startSmtpInbox = async (): Promise<SmtpInbox> => {
  const mails: SmtpInbox['mails'] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({ to: session.envelope.rcptTo.map((a) => a.address), parsed });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('smtp-server did not listen on a TCP port');
  return { url: `smtp://127.0.0.1:${address.port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

export interface HttpHit {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers each POST with the next status of `script` for its path (200 once the script runs out). */
export const startReceiver = async (): Promise<{ url: string; hits: HttpHit[]; script: Map<string, number[]>; close(): Promise<void> }> => {
  const hits: HttpHit[] = [];
  const script = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      hits.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = script.get(path)?.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'server_error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, hits, script, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

/** An incident as the incidents module opens one: the row and its `incident.opened` event, committed. */
export const openIncident = async (
  deps: { db: Database; bus: EventBus },
  workspaceId: string,
  over: Partial<typeof schema.incidents.$inferInsert> & { detectedAt: Date },
): Promise<string> => {
  const { id, stored } = await deps.db.tenant(workspaceId, async (tx) => {
    const [row] = await tx
      .insert(schema.incidents)
      .values({ workspaceId, title: 'Login errors after the update', severity: 7, source: 'alert', type: 'outage', matchTerms: ['login error'], ...over })
      .returning();
    const stored = await recordEvents(tx, workspaceId, [
      { type: 'incident.opened', subjectId: row!.id, data: { incidentId: row!.id, severity: row!.severity, title: row!.title, type: row!.type, terms: row!.matchTerms, source: row!.source, isDrill: row!.isDrill, drillRunId: null } },
    ]);
    return { id: row!.id, stored };
  });
  deps.bus.committed(workspaceId, stored);
  return id;
};
