/**
 * A loopback TCP proxy in front of the real Dovecot, so a test can make the network fail at an
 * exact point: drop every connection (a reset), or go down for good when the client sends a
 * given command (the server dying in the middle of a poll).
 */
import { createServer, connect, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Reset every open connection; new ones are still accepted. */
  dropConnections(): void;
  /** Before forwarding the `occurrence`-th client write that matches, reset everything and stop listening. */
  goDownOnCommand(pattern: RegExp, occurrence: number): void;
  /** How many client writes matched the pattern so far. */
  matched(): number;
  close(): Promise<void>;
}

export const startTcpProxy = async (target: { host: string; port: number }): Promise<TcpProxy> => {
  const sockets = new Set<Socket>();
  let trigger: { pattern: RegExp; occurrence: number } | null = null;
  let seen = 0;

  const dropConnections = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  const server = createServer((client) => {
    const upstream = connect(target);
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('data', (chunk: Buffer) => {
      if (trigger && trigger.pattern.test(chunk.toString('latin1'))) {
        seen++;
        if (seen === trigger.occurrence) {
          server.close();
          dropConnections();
          return;
        }
      }
      upstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy did not listen on a TCP port');

  return {
    port: address.port,
    dropConnections,
    goDownOnCommand(pattern, occurrence) {
      trigger = { pattern, occurrence };
      seen = 0;
    },
    matched: () => seen,
    close: () =>
      new Promise<void>((resolve) => {
        dropConnections();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
};
